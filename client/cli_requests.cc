#include "client/cli_requests.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "client/cli_parse.h"

namespace ranker::cli {
namespace {

absl::Status FlagError(absl::string_view flag, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", problem));
}

template <typename RepeatedField>
void AddAll(std::vector<std::string> items, RepeatedField* field) {
  for (std::string& item : items) *field->Add() = std::move(item);
}

// Moves `items` into requests of at most `batch_size` each; `add` appends one
// item to a request.
template <typename Request, typename Item, typename Add>
std::vector<Request> MakeBatches(std::vector<Item> items, size_t batch_size,
                                 Add add) {
  batch_size = std::max<size_t>(batch_size, 1);
  std::vector<Request> requests;
  requests.reserve((items.size() + batch_size - 1) / batch_size);
  for (size_t i = 0; i < items.size(); ++i) {
    if (i % batch_size == 0) requests.emplace_back();
    add(requests.back(), std::move(items[i]));
  }
  return requests;
}

}  // namespace

absl::StatusOr<v1::RecommendProductsRequest> BuildRecommendRequest(
    const RecommendOptions& options) {
  if (options.user.empty()) return FlagError("user", "required");
  absl::StatusOr<v1::Scene> scene = ParseScene(options.scene);
  if (!scene.ok()) return FlagError("scene", scene.status().message());
  absl::StatusOr<absl::flat_hash_map<std::string, double>> weights =
      ParseWeightOverrides(options.weight);
  if (!weights.ok()) return FlagError("weight", weights.status().message());

  v1::RecommendProductsRequest request;
  request.set_user_id(options.user);
  request.set_session_id(options.session);
  request.set_scene(*scene);
  request.set_count(options.count);
  request.set_content_slots(options.content_slots);
  request.set_debug(options.explain);
  v1::RecommendContext& context = *request.mutable_context();
  context.set_shop_id(options.shop);
  AddAll(SplitList(options.context_tags), context.mutable_content_tags());
  AddAll(SplitList(options.recent), context.mutable_recent_product_ids());
  AddAll(SplitList(options.exclude), request.mutable_exclude_product_ids());
  for (const auto& [name, value] : *weights) {
    (*request.mutable_weight_overrides())[name] = value;
  }
  return request;
}

absl::StatusOr<std::vector<v1::Event>> BuildEvents(const LogOptions& options) {
  if (options.user.empty()) return FlagError("user", "required");
  const std::vector<std::string> products = SplitList(options.products);
  if (products.empty()) return FlagError("product", "required");
  if (options.type.empty()) {
    return FlagError("type", absl::StrCat("required (", EventTypeNames(), ")"));
  }
  absl::StatusOr<v1::EventType> type = ParseEventType(options.type);
  if (!type.ok()) return FlagError("type", type.status().message());

  v1::Event prototype;
  prototype.set_user_id(options.user);
  prototype.set_session_id(options.session);
  prototype.set_type(*type);
  prototype.set_timestamp_ms(options.timestamp_ms);
  prototype.set_dwell_ms(options.dwell_ms);
  if (!options.form.empty()) {
    absl::StatusOr<v1::ContentForm> form = ParseContentForm(options.form);
    if (!form.ok()) return FlagError("form", form.status().message());
    prototype.set_content_form(*form);
  }
  AddAll(SplitList(options.content_tags), prototype.mutable_content_tags());
  prototype.set_creator_id(options.creator);

  std::vector<v1::Event> events;
  events.reserve(products.size());
  for (const std::string& product : products) {
    events.push_back(prototype);
    events.back().set_product_id(product);
  }
  return events;
}

absl::StatusOr<std::vector<v1::Shop>> BuildShops(const ShopOptions& options) {
  const std::vector<std::string> ids = SplitList(options.shops);
  if (ids.empty()) return FlagError("shop", "required");
  if (options.status.empty()) {
    return FlagError("status",
                     absl::StrCat("required (", ShopStatusNames(), ")"));
  }
  absl::StatusOr<v1::ShopStatus> status = ParseShopStatus(options.status);
  if (!status.ok()) return FlagError("status", status.status().message());

  std::vector<v1::Shop> shops;
  shops.reserve(ids.size());
  for (const std::string& id : ids) {
    v1::Shop& shop = shops.emplace_back();
    shop.set_shop_id(id);
    shop.set_status(*status);
    if (options.quality.has_value()) shop.set_quality_score(*options.quality);
  }
  return shops;
}

std::vector<v1::LogEventRequest> MakeLogEventRequests(
    std::vector<v1::Event> events, size_t batch_size) {
  return MakeBatches<v1::LogEventRequest>(
      std::move(events), batch_size,
      [](v1::LogEventRequest& request, v1::Event event) {
        *request.add_events() = std::move(event);
      });
}

std::vector<v1::UpsertProductsRequest> MakeUpsertRequests(
    std::vector<v1::Product> products, size_t batch_size) {
  return MakeBatches<v1::UpsertProductsRequest>(
      std::move(products), batch_size,
      [](v1::UpsertProductsRequest& request, v1::Product product) {
        *request.add_products() = std::move(product);
      });
}

std::vector<v1::UpsertShopsRequest> MakeUpsertShopsRequests(
    std::vector<v1::Shop> shops, size_t batch_size) {
  return MakeBatches<v1::UpsertShopsRequest>(
      std::move(shops), batch_size,
      [](v1::UpsertShopsRequest& request, v1::Shop shop) {
        *request.add_shops() = std::move(shop);
      });
}

}  // namespace ranker::cli
