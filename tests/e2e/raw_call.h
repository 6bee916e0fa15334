// Calls a gRPC method with raw bytes, bypassing generated stubs: for services
// we have no C++ stubs for (health) and for malformed requests.
#ifndef RANKER_TESTS_E2E_RAW_CALL_H_
#define RANKER_TESTS_E2E_RAW_CALL_H_

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"

namespace ranker::testing {

struct RawResult {
  grpc::Status status;
  std::string response;
};

RawResult CallRaw(const std::shared_ptr<grpc::Channel>& channel,
                  const std::string& method, const std::string& request);

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_RAW_CALL_H_
