#include "server/proto_convert.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "core/validation.h"

namespace ranker {
namespace {

absl::Status UnknownEnum(absl::string_view field, int value) {
  return FieldError(field, value == 0 ? std::string("must be set")
                                      : absl::StrCat("unknown value ", value));
}

absl::StatusOr<Scene> SceneFromProto(int scene) {
  switch (scene) {
    case v1::SCENE_FEED:
      return Scene::kFeed;
    case v1::SCENE_STOREFRONT:
      return Scene::kStorefront;
    default:
      return UnknownEnum("scene", scene);
  }
}

absl::StatusOr<EventType> EventTypeFromProto(int type,
                                             absl::string_view field) {
  switch (type) {
    case v1::EVENT_TYPE_IMPRESSION:
      return EventType::kImpression;
    case v1::EVENT_TYPE_CLICK:
      return EventType::kClick;
    case v1::EVENT_TYPE_DWELL:
      return EventType::kDwell;
    case v1::EVENT_TYPE_LIKE:
      return EventType::kLike;
    case v1::EVENT_TYPE_SHARE:
      return EventType::kShare;
    case v1::EVENT_TYPE_FAVORITE:
      return EventType::kFavorite;
    case v1::EVENT_TYPE_ADD_TO_CART:
      return EventType::kAddToCart;
    case v1::EVENT_TYPE_PURCHASE:
      return EventType::kPurchase;
    case v1::EVENT_TYPE_NOT_INTERESTED:
      return EventType::kNotInterested;
    default:
      return UnknownEnum(field, type);
  }
}

// `allow_unknown`: events may come through an unspecified form; products must
// name real ones.
absl::StatusOr<ContentForm> ContentFormFromProto(int form,
                                                 absl::string_view field,
                                                 bool allow_unknown) {
  switch (form) {
    case v1::CONTENT_FORM_UNSPECIFIED:
      if (allow_unknown) return ContentForm::kUnknown;
      return UnknownEnum(field, form);
    case v1::CONTENT_FORM_SHORT_VIDEO:
      return ContentForm::kShortVideo;
    case v1::CONTENT_FORM_LIVE_STREAM:
      return ContentForm::kLiveStream;
    case v1::CONTENT_FORM_PRODUCT_CARD:
      return ContentForm::kProductCard;
    default:
      return UnknownEnum(field, form);
  }
}

absl::StatusOr<ProductStatus> StatusFromProto(int status,
                                              absl::string_view field) {
  switch (status) {
    case v1::PRODUCT_STATUS_ACTIVE:
      return ProductStatus::kActive;
    case v1::PRODUCT_STATUS_OUT_OF_STOCK:
      return ProductStatus::kOutOfStock;
    case v1::PRODUCT_STATUS_BANNED:
      return ProductStatus::kBanned;
    default:
      return UnknownEnum(field, status);
  }
}

absl::StatusOr<ShopStatus> ShopStatusFromProto(int status,
                                               absl::string_view field) {
  switch (status) {
    case v1::SHOP_STATUS_ACTIVE:
      return ShopStatus::kActive;
    case v1::SHOP_STATUS_BANNED:
      return ShopStatus::kBanned;
    default:
      return UnknownEnum(field, status);
  }
}

v1::ProductStatus StatusToProto(ProductStatus status) {
  switch (status) {
    case ProductStatus::kActive:
      return v1::PRODUCT_STATUS_ACTIVE;
    case ProductStatus::kOutOfStock:
      return v1::PRODUCT_STATUS_OUT_OF_STOCK;
    case ProductStatus::kBanned:
      return v1::PRODUCT_STATUS_BANNED;
  }
  return v1::PRODUCT_STATUS_UNSPECIFIED;
}

void EventCountsToProto(const EventTypeCounts& counts, v1::EventCounts* out) {
  auto count = [&](EventType type) { return counts[static_cast<int>(type)]; };
  out->set_impression(count(EventType::kImpression));
  out->set_click(count(EventType::kClick));
  out->set_dwell(count(EventType::kDwell));
  out->set_like(count(EventType::kLike));
  out->set_share(count(EventType::kShare));
  out->set_favorite(count(EventType::kFavorite));
  out->set_add_to_cart(count(EventType::kAddToCart));
  out->set_purchase(count(EventType::kPurchase));
  out->set_not_interested(count(EventType::kNotInterested));
  out->set_total(TotalEvents(counts));
}

template <typename RepeatedTags>
void WeightsToProto(const std::vector<NamedWeight>& weights,
                    RepeatedTags* out) {
  out->Reserve(static_cast<int>(weights.size()));
  for (const NamedWeight& weight : weights) {
    v1::WeightedTag* tag = out->Add();
    tag->set_tag(weight.name);
    tag->set_weight(weight.weight);
  }
}

template <typename Repeated>
std::vector<std::string> ToStrings(const Repeated& values) {
  return std::vector<std::string>(values.begin(), values.end());
}

}  // namespace

absl::StatusOr<RecommendRequest> FromProto(
    const v1::RecommendProductsRequest& request) {
  RecommendRequest out;
  out.user_id = request.user_id();
  out.session_id = request.session_id();
  absl::StatusOr<Scene> scene = SceneFromProto(request.scene());
  if (!scene.ok()) return scene.status();
  out.scene = *scene;
  out.count = request.count();
  out.context_tags = ToStrings(request.context().content_tags());
  out.recent_product_ids = ToStrings(request.context().recent_product_ids());
  out.shop_id = request.context().shop_id();
  out.exclude_product_ids = ToStrings(request.exclude_product_ids());
  out.content_slots = request.content_slots();
  out.debug = request.debug();
  // Sorted by name so that the first reported error does not depend on the
  // map's iteration order.
  out.weight_overrides.assign(request.weight_overrides().begin(),
                              request.weight_overrides().end());
  std::sort(out.weight_overrides.begin(), out.weight_overrides.end());
  return out;
}

absl::StatusOr<std::vector<Event>> FromProto(
    const v1::LogEventRequest& request) {
  std::vector<Event> events;
  events.reserve(request.events_size());
  for (int i = 0; i < request.events_size(); ++i) {
    const v1::Event& in = request.events(i);
    // Field names are built for errors only (a batch holds thousands).
    auto field = [i](absl::string_view name) {
      return absl::StrCat("events[", i, "].", name);
    };
    Event event;
    event.user_id = in.user_id();
    event.session_id = in.session_id();
    event.product_id = in.product_id();
    absl::StatusOr<EventType> type = EventTypeFromProto(in.type(), "type");
    if (!type.ok())
      return EventTypeFromProto(in.type(), field("type")).status();
    event.type = *type;
    event.timestamp_ms = in.timestamp_ms();
    event.dwell_ms = in.dwell_ms();
    absl::StatusOr<ContentForm> form = ContentFormFromProto(
        in.content_form(), "content_form", /*allow_unknown=*/true);
    if (!form.ok()) {
      return ContentFormFromProto(in.content_form(), field("content_form"),
                                  /*allow_unknown=*/true)
          .status();
    }
    event.content_form = *form;
    event.content_tags = ToStrings(in.content_tags());
    event.creator_id = in.creator_id();
    events.push_back(std::move(event));
  }
  return events;
}

absl::StatusOr<std::vector<ProductSpec>> FromProto(
    const v1::UpsertProductsRequest& request) {
  std::vector<ProductSpec> specs;
  specs.reserve(request.products_size());
  for (int i = 0; i < request.products_size(); ++i) {
    const v1::Product& in = request.products(i);
    const std::string prefix = absl::StrCat("products[", i, "].");
    ProductSpec spec;
    spec.id = in.product_id();
    spec.title = in.title();
    for (const v1::WeightedTag& tag : in.tags()) {
      spec.tags.push_back({tag.tag(), tag.weight()});
    }
    spec.category_path = ToStrings(in.category_path());
    spec.shop_id = in.shop_id();
    spec.price = in.price();
    absl::StatusOr<ProductStatus> status =
        StatusFromProto(in.status(), prefix + "status");
    if (!status.ok()) return status.status();
    spec.status = *status;
    for (int f = 0; f < in.content_forms_size(); ++f) {
      absl::StatusOr<ContentForm> form = ContentFormFromProto(
          in.content_forms(f), absl::StrCat(prefix, "content_forms[", f, "]"),
          /*allow_unknown=*/false);
      if (!form.ok()) return form.status();
      spec.content_forms.push_back(*form);
    }
    spec.repurchase_cycle_days = in.repurchase_cycle_days();
    spec.campaign = in.campaign();
    spec.campaign_start_ms = in.campaign_start_ms();
    spec.campaign_end_ms = in.campaign_end_ms();
    spec.live_start_ms = in.live_start_ms();
    spec.live_end_ms = in.live_end_ms();
    spec.creator_ids = ToStrings(in.creator_ids());
    specs.push_back(std::move(spec));
  }
  return specs;
}

absl::StatusOr<std::vector<ShopSpec>> FromProto(
    const v1::UpsertShopsRequest& request) {
  std::vector<ShopSpec> specs;
  specs.reserve(request.shops_size());
  for (int i = 0; i < request.shops_size(); ++i) {
    const v1::Shop& in = request.shops(i);
    ShopSpec spec;
    spec.id = in.shop_id();
    absl::StatusOr<ShopStatus> status =
        ShopStatusFromProto(in.status(), absl::StrCat("shops[", i, "].status"));
    if (!status.ok()) return status.status();
    spec.status = *status;
    if (in.has_quality_score()) spec.quality_score = in.quality_score();
    specs.push_back(std::move(spec));
  }
  return specs;
}

void ToProto(const RecommendResult& result,
             v1::RecommendProductsResponse* response) {
  response->mutable_items()->Reserve(static_cast<int>(result.items.size()));
  for (const RecommendedItem& item : result.items) {
    v1::RecommendedItem* out = response->add_items();
    out->set_product_id(item.product_id);
    out->set_score(item.score);
    out->set_source(item.source);
    if (!item.explanation.has_value()) continue;
    const Explanation& in = *item.explanation;
    v1::Explanation* explanation = out->mutable_explanation();
    explanation->set_title(in.title);
    explanation->set_category(in.category);
    explanation->set_shop_id(in.shop_id);
    for (const auto& s : in.sources) explanation->add_sources(s);
    for (const auto& t : in.matched_long_term_tags) {
      explanation->add_matched_long_term_tags(t);
    }
    for (const auto& t : in.matched_instant_tags) {
      explanation->add_matched_instant_tags(t);
    }
    for (const auto& t : in.matched_context_tags) {
      explanation->add_matched_context_tags(t);
    }
    for (const auto& [name, value] : in.score_parts) {
      (*explanation->mutable_score_parts())[name] = value;
    }
    for (const auto& note : in.rerank_notes)
      explanation->add_rerank_notes(note);
  }
  if (result.density.has_value()) {
    v1::CommerceDensity* density = response->mutable_commerce_density();
    density->set_max_products(result.density->max_products);
    density->set_min_score(result.density->min_score);
    density->set_commerce_tolerance(result.density->tolerance);
  }
}

void ToProto(const UpsertResult& result, v1::UpsertProductsResponse* response) {
  response->set_inserted(result.inserted);
  response->set_updated(result.updated);
}

void ToProto(const UpsertResult& result, v1::UpsertShopsResponse* response) {
  response->set_inserted(result.inserted);
  response->set_updated(result.updated);
}

void ToProto(const UserDescription& user, v1::DescribeUserResponse* response) {
  response->set_known(user.known);
  EventCountsToProto(user.event_counts, response->mutable_event_counts());
  response->set_last_event_ms(user.last_event_time);
  WeightsToProto(user.long_term, response->mutable_long_term_interest());
  WeightsToProto(user.instant, response->mutable_instant_interest());
  for (const std::string& id : user.recent_product_ids) {
    response->add_recent_product_ids(id);
  }
}

void ToProto(const ProductDescription& product,
             v1::DescribeProductResponse* response) {
  response->set_product_id(product.product_id);
  response->set_title(product.title);
  response->set_category(product.category);
  response->set_shop_id(product.shop_id);
  response->set_status(StatusToProto(product.status));
  response->set_price(product.price);
  WeightsToProto(product.tags, response->mutable_tags());
  EventCountsToProto(product.event_counts, response->mutable_event_counts());
  v1::ItemStatistics* statistics = response->mutable_statistics();
  statistics->set_impressions(product.decayed.impressions);
  statistics->set_clicks(product.decayed.clicks);
  statistics->set_carts(product.decayed.carts);
  statistics->set_purchases(product.decayed.purchases);
  statistics->set_popularity(product.decayed.popularity);
}

void ToProto(const EngineCounts& counts,
             v1::DescribeServiceResponse* response) {
  response->set_products(counts.products);
  response->set_shops(counts.shops);
  response->set_tags(counts.tags);
  response->set_users(counts.users);
  response->set_evicted_users(counts.evicted_users);
  response->set_archived_users(counts.archived_users);
  response->set_sessions(counts.sessions);
  response->set_events(counts.events);
}

}  // namespace ranker
