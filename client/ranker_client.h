// A client for one Interest Ranker server: the ranker.v1.Ranker calls
// and the standard health check, with absl::Status errors and a deadline on
// every call.
#ifndef RANKER_CLIENT_RANKER_CLIENT_H_
#define RANKER_CLIENT_RANKER_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/connection_options.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/channel.h"
#include "ranker/v1/ranker.grpc.pb.h"

namespace ranker {

// Thread-safe: one client may serve many threads at once, and sharing it
// shares the connection.
class RankerClient {
 public:
  // Connects to `target` ("host:port", or any gRPC target URI), plaintext
  // or TLS and with or without a token as `options` say. Connecting is lazy:
  // this never fails, and the first call (or WaitForReady) reports an
  // unreachable server or a failed TLS handshake.
  static std::unique_ptr<RankerClient> Connect(
      const std::string& target, const ConnectionOptions& options = {});

  // Uses an existing channel, e.g. an in-process one in tests; a non-empty
  // `token` is sent as "authorization: Bearer <token>" on every call.
  explicit RankerClient(std::shared_ptr<grpc::Channel> channel,
                        std::string token = "");

  RankerClient(const RankerClient&) = delete;
  RankerClient& operator=(const RankerClient&) = delete;

  // Each call fails fast with UNAVAILABLE when the server cannot be reached,
  // with DEADLINE_EXCEEDED after `timeout`, and otherwise with the server's
  // status (code and message unchanged).
  absl::StatusOr<v1::RecommendProductsResponse> Recommend(
      const v1::RecommendProductsRequest& request,
      absl::Duration timeout = absl::Seconds(5));
  absl::StatusOr<v1::LogEventResponse> LogEvents(
      const v1::LogEventRequest& request,
      absl::Duration timeout = absl::Seconds(5));
  absl::StatusOr<v1::UpsertProductsResponse> UpsertProducts(
      const v1::UpsertProductsRequest& request,
      absl::Duration timeout = absl::Seconds(5));
  absl::StatusOr<v1::UpsertShopsResponse> UpsertShops(
      const v1::UpsertShopsRequest& request,
      absl::Duration timeout = absl::Seconds(5));
  absl::StatusOr<v1::DescribeUserResponse> DescribeUser(
      const v1::DescribeUserRequest& request,
      absl::Duration timeout = absl::Seconds(5));
  absl::StatusOr<v1::DescribeProductResponse> DescribeProduct(
      const v1::DescribeProductRequest& request,
      absl::Duration timeout = absl::Seconds(5));
  absl::StatusOr<v1::DescribeServiceResponse> DescribeService(
      absl::Duration timeout = absl::Seconds(5));

  // Asks grpc.health.v1.Health/Check about the whole server (service "").
  // True when the server answers SERVING, false for any other answer; an
  // error when it does not answer.
  absl::StatusOr<bool> Health(absl::Duration timeout = absl::Seconds(5));

  // Connects now and waits until the channel is ready, e.g. for a server that
  // is still starting. DEADLINE_EXCEEDED if it is not ready after `timeout`.
  absl::Status WaitForReady(absl::Duration timeout);

 private:
  std::shared_ptr<grpc::Channel> channel_;
  // "Bearer <token>", or empty.
  const std::string authorization_;
  std::unique_ptr<v1::Ranker::Stub> ranker_stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_stub_;
};

}  // namespace ranker

#endif  // RANKER_CLIENT_RANKER_CLIENT_H_
