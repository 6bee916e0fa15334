#include "client/ranker_client.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "client/grpc_status.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace ranker {
namespace {

std::chrono::system_clock::time_point DeadlineAfter(absl::Duration timeout) {
  return absl::ToChronoTime(absl::Now() + timeout);
}

// One unary call with a deadline; `method` is a Stub member such as
// &v1::Ranker::Stub::RecommendProducts. The token travels as call metadata
// rather than as call credentials so that it also works over plaintext
// (gRPC refuses call credentials on an insecure channel).
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> CallUnary(
    Stub& stub,
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                 Response*),
    const Request& request, absl::Duration timeout,
    const std::string& authorization) {
  grpc::ClientContext context;
  context.set_deadline(DeadlineAfter(timeout));
  if (!authorization.empty()) {
    context.AddMetadata("authorization", authorization);
  }
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return ToAbslStatus(status);
  return response;
}

}  // namespace

std::unique_ptr<RankerClient> RankerClient::Connect(
    const std::string& target, const ConnectionOptions& options) {
  return std::make_unique<RankerClient>(
      grpc::CreateCustomChannel(target, ChannelCredentialsFor(options),
                                ChannelArgumentsFor(options)),
      options.token);
}

RankerClient::RankerClient(std::shared_ptr<grpc::Channel> channel,
                           std::string token)
    : channel_(std::move(channel)),
      authorization_(token.empty() ? "" : absl::StrCat("Bearer ", token)),
      ranker_stub_(v1::Ranker::NewStub(channel_)),
      health_stub_(grpc::health::v1::Health::NewStub(channel_)) {}

absl::StatusOr<v1::RecommendProductsResponse> RankerClient::Recommend(
    const v1::RecommendProductsRequest& request, absl::Duration timeout) {
  return CallUnary(*ranker_stub_, &v1::Ranker::Stub::RecommendProducts, request,
                   timeout, authorization_);
}

absl::StatusOr<v1::LogEventResponse> RankerClient::LogEvents(
    const v1::LogEventRequest& request, absl::Duration timeout) {
  return CallUnary(*ranker_stub_, &v1::Ranker::Stub::LogEvent, request, timeout,
                   authorization_);
}

absl::StatusOr<v1::UpsertProductsResponse> RankerClient::UpsertProducts(
    const v1::UpsertProductsRequest& request, absl::Duration timeout) {
  return CallUnary(*ranker_stub_, &v1::Ranker::Stub::UpsertProducts, request,
                   timeout, authorization_);
}

absl::StatusOr<v1::UpsertShopsResponse> RankerClient::UpsertShops(
    const v1::UpsertShopsRequest& request, absl::Duration timeout) {
  return CallUnary(*ranker_stub_, &v1::Ranker::Stub::UpsertShops, request,
                   timeout, authorization_);
}

absl::StatusOr<v1::DescribeUserResponse> RankerClient::DescribeUser(
    const v1::DescribeUserRequest& request, absl::Duration timeout) {
  return CallUnary(*ranker_stub_, &v1::Ranker::Stub::DescribeUser, request,
                   timeout, authorization_);
}

absl::StatusOr<v1::DescribeProductResponse> RankerClient::DescribeProduct(
    const v1::DescribeProductRequest& request, absl::Duration timeout) {
  return CallUnary(*ranker_stub_, &v1::Ranker::Stub::DescribeProduct, request,
                   timeout, authorization_);
}

absl::StatusOr<v1::DescribeServiceResponse> RankerClient::DescribeService(
    absl::Duration timeout) {
  return CallUnary(*ranker_stub_, &v1::Ranker::Stub::DescribeService,
                   v1::DescribeServiceRequest(), timeout, authorization_);
}

absl::StatusOr<bool> RankerClient::Health(absl::Duration timeout) {
  grpc::health::v1::HealthCheckRequest request;  // service "": whole server
  absl::StatusOr<grpc::health::v1::HealthCheckResponse> response =
      CallUnary(*health_stub_, &grpc::health::v1::Health::Stub::Check, request,
                timeout, authorization_);
  if (!response.ok()) return response.status();
  return response->status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

absl::Status RankerClient::WaitForReady(absl::Duration timeout) {
  if (channel_->WaitForConnected(DeadlineAfter(timeout))) {
    return absl::OkStatus();
  }
  return absl::DeadlineExceededError(
      absl::StrCat("channel not ready after ", absl::FormatDuration(timeout)));
}

}  // namespace ranker
