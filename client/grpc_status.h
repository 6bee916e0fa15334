// grpc::Status (the wire's errors) to absl::Status (the project's): callers
// of the client library handle one status type only.
#ifndef RANKER_CLIENT_GRPC_STATUS_H_
#define RANKER_CLIENT_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace ranker {

// Keeps the code and the message. The two enums share their numbering
// (both follow google.rpc.Code); a code outside it becomes UNKNOWN.
absl::Status ToAbslStatus(const grpc::Status& status);

}  // namespace ranker

#endif  // RANKER_CLIENT_GRPC_STATUS_H_
