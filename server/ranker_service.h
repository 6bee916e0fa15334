// The ranker.v1.Ranker gRPC service on the callback API: each call converts
// its request to core types, runs the Engine inline (ranking is short and
// CPU-bound, so no thread hand-off), and finishes the reactor with the
// Engine's status mapped to a gRPC status.
#ifndef RANKER_SERVER_RANKER_SERVICE_H_
#define RANKER_SERVER_RANKER_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "core/engine.h"
#include "ranker/v1/ranker.grpc.pb.h"
#include "server/auth.h"

namespace ranker {

// Which calls need a bearer token (see server/auth.h).
struct ServiceAuth {
  // Null: every call is open. Otherwise LogEvent, UpsertProducts and
  // UpsertShops need an accepted token. Must outlive the service.
  const Authenticator* authenticator = nullptr;
  // With an authenticator: RecommendProducts needs a token too.
  bool protect_reads = false;
};

class RankerService final : public v1::Ranker::CallbackService {
 public:
  // `engine` must outlive the service.
  explicit RankerService(Engine* engine, ServiceAuth auth = {});

  grpc::ServerUnaryReactor* RecommendProducts(
      grpc::CallbackServerContext* context,
      const v1::RecommendProductsRequest* request,
      v1::RecommendProductsResponse* response) override;
  grpc::ServerUnaryReactor* LogEvent(grpc::CallbackServerContext* context,
                                     const v1::LogEventRequest* request,
                                     v1::LogEventResponse* response) override;
  grpc::ServerUnaryReactor* UpsertProducts(
      grpc::CallbackServerContext* context,
      const v1::UpsertProductsRequest* request,
      v1::UpsertProductsResponse* response) override;
  grpc::ServerUnaryReactor* UpsertShops(
      grpc::CallbackServerContext* context,
      const v1::UpsertShopsRequest* request,
      v1::UpsertShopsResponse* response) override;
  grpc::ServerUnaryReactor* DescribeUser(
      grpc::CallbackServerContext* context,
      const v1::DescribeUserRequest* request,
      v1::DescribeUserResponse* response) override;
  grpc::ServerUnaryReactor* DescribeProduct(
      grpc::CallbackServerContext* context,
      const v1::DescribeProductRequest* request,
      v1::DescribeProductResponse* response) override;

 private:
  // "<process prefix>-<sequence>": unique across restarts and replicas with
  // overwhelming probability, cheap per request.
  std::string NextRequestId();

  // OK, or UNAUTHENTICATED when the call lacks an accepted token and `write`
  // (or reads are protected) demands one.
  absl::Status Authenticate(const grpc::CallbackServerContext& context,
                            bool write) const;

  Engine* const engine_;
  const ServiceAuth auth_;
  const std::string request_id_prefix_;
  std::atomic<uint64_t> request_sequence_{0};
};

}  // namespace ranker

#endif  // RANKER_SERVER_RANKER_SERVICE_H_
