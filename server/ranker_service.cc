#include "server/ranker_service.h"

#include <optional>
#include <string>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/proto_convert.h"
#include "server/status_convert.h"
#include "spdlog/spdlog.h"

namespace ranker {
namespace {

std::string RandomPrefix() {
  absl::BitGen gen;
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(gen));
}

grpc::ServerUnaryReactor* Finish(grpc::CallbackServerContext* context,
                                 const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace

RankerService::RankerService(Engine* engine, ServiceAuth auth)
    : engine_(engine), auth_(auth), request_id_prefix_(RandomPrefix()) {}

absl::Status RankerService::Authenticate(
    const grpc::CallbackServerContext& context, bool write) const {
  if (auth_.authenticator == nullptr || (!write && !auth_.protect_reads)) {
    return absl::OkStatus();
  }
  std::optional<absl::string_view> authorization;
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find("authorization"); it != metadata.end()) {
    authorization = absl::string_view(it->second.data(), it->second.size());
  }
  absl::Status status = auth_.authenticator->Check(authorization);
  if (!status.ok()) {
    // Per call, so debug only; the token itself is never logged.
    spdlog::debug("refused a call from {}: {}", context.peer(),
                  std::string(status.message()));
  }
  return status;
}

std::string RankerService::NextRequestId() {
  return absl::StrCat(
      request_id_prefix_, "-",
      request_sequence_.fetch_add(1, std::memory_order_relaxed));
}

grpc::ServerUnaryReactor* RankerService::RecommendProducts(
    grpc::CallbackServerContext* context,
    const v1::RecommendProductsRequest* request,
    v1::RecommendProductsResponse* response) {
  if (absl::Status status = Authenticate(*context, /*write=*/false);
      !status.ok()) {
    return Finish(context, status);
  }
  absl::StatusOr<RecommendRequest> core_request = FromProto(*request);
  if (!core_request.ok()) return Finish(context, core_request.status());
  absl::StatusOr<RecommendResult> result = engine_->Recommend(*core_request);
  if (!result.ok()) return Finish(context, result.status());
  ToProto(*result, response);
  response->set_request_id(NextRequestId());
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* RankerService::LogEvent(
    grpc::CallbackServerContext* context, const v1::LogEventRequest* request,
    v1::LogEventResponse* response) {
  if (absl::Status status = Authenticate(*context, /*write=*/true);
      !status.ok()) {
    return Finish(context, status);
  }
  absl::StatusOr<std::vector<Event>> events = FromProto(*request);
  if (!events.ok()) return Finish(context, events.status());
  if (absl::Status status = engine_->Log(*events); !status.ok()) {
    return Finish(context, status);
  }
  response->set_accepted(static_cast<int32_t>(events->size()));
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* RankerService::UpsertProducts(
    grpc::CallbackServerContext* context,
    const v1::UpsertProductsRequest* request,
    v1::UpsertProductsResponse* response) {
  if (absl::Status status = Authenticate(*context, /*write=*/true);
      !status.ok()) {
    return Finish(context, status);
  }
  absl::StatusOr<std::vector<ProductSpec>> specs = FromProto(*request);
  if (!specs.ok()) return Finish(context, specs.status());
  absl::StatusOr<UpsertResult> result = engine_->UpsertProducts(*specs);
  if (!result.ok()) return Finish(context, result.status());
  ToProto(*result, response);
  spdlog::debug("upserted {} new and {} changed products", result->inserted,
                result->updated);
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* RankerService::UpsertShops(
    grpc::CallbackServerContext* context, const v1::UpsertShopsRequest* request,
    v1::UpsertShopsResponse* response) {
  if (absl::Status status = Authenticate(*context, /*write=*/true);
      !status.ok()) {
    return Finish(context, status);
  }
  absl::StatusOr<std::vector<ShopSpec>> specs = FromProto(*request);
  if (!specs.ok()) return Finish(context, specs.status());
  absl::StatusOr<UpsertResult> result = engine_->UpsertShops(*specs);
  if (!result.ok()) return Finish(context, result.status());
  ToProto(*result, response);
  // Governance changes are rare and worth an operator's attention.
  spdlog::info("shop governance: {} shops newly governed, {} changed",
               result->inserted, result->updated);
  return Finish(context, absl::OkStatus());
}

// The Describe calls are reads: protected only with --auth_protect_reads,
// like RecommendProducts (they reveal no more than a ranked list with debug
// explanations does).
grpc::ServerUnaryReactor* RankerService::DescribeUser(
    grpc::CallbackServerContext* context,
    const v1::DescribeUserRequest* request,
    v1::DescribeUserResponse* response) {
  if (absl::Status status = Authenticate(*context, /*write=*/false);
      !status.ok()) {
    return Finish(context, status);
  }
  absl::StatusOr<UserDescription> user =
      engine_->DescribeUser(request->user_id(), request->top_tags());
  if (!user.ok()) return Finish(context, user.status());
  ToProto(*user, response);
  return Finish(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* RankerService::DescribeProduct(
    grpc::CallbackServerContext* context,
    const v1::DescribeProductRequest* request,
    v1::DescribeProductResponse* response) {
  if (absl::Status status = Authenticate(*context, /*write=*/false);
      !status.ok()) {
    return Finish(context, status);
  }
  absl::StatusOr<ProductDescription> product =
      engine_->DescribeProduct(request->product_id());
  if (!product.ok()) return Finish(context, product.status());
  ToProto(*product, response);
  return Finish(context, absl::OkStatus());
}

}  // namespace ranker
