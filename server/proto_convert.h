// Adapts the public API (ranker.v1 protobuf) to core types and back. Enum
// values a core type cannot express (unspecified or unknown numbers) are
// rejected here with INVALID_ARGUMENT naming the field; everything else is
// validated by the core so that every entry point checks input the same way.
#ifndef RANKER_SERVER_PROTO_CONVERT_H_
#define RANKER_SERVER_PROTO_CONVERT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "core/catalog/catalog.h"
#include "core/catalog/product.h"
#include "core/catalog/shop.h"
#include "core/description.h"
#include "core/engine.h"
#include "core/event.h"
#include "core/pipeline/recommend_request.h"
#include "ranker/v1/ranker.pb.h"

namespace ranker {

absl::StatusOr<RecommendRequest> FromProto(
    const v1::RecommendProductsRequest& request);
absl::StatusOr<std::vector<Event>> FromProto(
    const v1::LogEventRequest& request);
absl::StatusOr<std::vector<ProductSpec>> FromProto(
    const v1::UpsertProductsRequest& request);
absl::StatusOr<std::vector<ShopSpec>> FromProto(
    const v1::UpsertShopsRequest& request);

void ToProto(const RecommendResult& result,
             v1::RecommendProductsResponse* response);
void ToProto(const UpsertResult& result, v1::UpsertProductsResponse* response);
void ToProto(const UpsertResult& result, v1::UpsertShopsResponse* response);
void ToProto(const UserDescription& user, v1::DescribeUserResponse* response);
void ToProto(const ProductDescription& product,
             v1::DescribeProductResponse* response);
// The counts only: memory, uptime and version are the server's, not the
// engine's (RankerService::DescribeService).
void ToProto(const EngineCounts& counts, v1::DescribeServiceResponse* response);

}  // namespace ranker

#endif  // RANKER_SERVER_PROTO_CONVERT_H_
