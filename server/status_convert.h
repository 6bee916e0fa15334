// absl::Status (the core's errors) to grpc::Status (the wire's): the codes
// share their numbering, the message is kept.
#ifndef RANKER_SERVER_STATUS_CONVERT_H_
#define RANKER_SERVER_STATUS_CONVERT_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace ranker {

inline grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

}  // namespace ranker

#endif  // RANKER_SERVER_STATUS_CONVERT_H_
