#include "core/engine.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {
namespace {

TimeMs SystemNow() { return absl::ToUnixMillis(absl::Now()); }

// Events that put a product into the session's sequence: exposure alone and
// rejections do not.
bool IsEngagement(EventType type) {
  return type != EventType::kImpression && type != EventType::kNotInterested;
}

}  // namespace

Engine::Engine(EngineOptions options)
    : default_ranking_(options.ranking),
      clock_(options.clock ? std::move(options.clock) : SystemNow),
      catalog_(&tags_),
      profiles_(options.interest, options.profile_shards),
      stats_(options.stats),
      sessions_(options.sessions),
      co_engagement_(options.co_engagement),
      tag_cooccurrence_(options.tag_cooccurrence) {}

absl::StatusOr<UpsertResult> Engine::UpsertProducts(
    std::span<const ProductSpec> products) {
  return catalog_.Upsert(products);
}

absl::StatusOr<UpsertResult> Engine::UpsertShops(
    std::span<const ShopSpec> shops) {
  return catalog_.UpsertShops(shops);
}

absl::StatusOr<RecommendResult> Engine::Recommend(
    const RecommendRequest& request) const {
  if (auto status = ValidateRecommendRequest(request); !status.ok()) {
    return status;
  }
  RankingConfig config = default_ranking_;
  for (const auto& [name, value] : request.weight_overrides) {
    if (auto status = config.Set(name, value); !status.ok()) return status;
  }
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  std::shared_ptr<const ShopGovernance> shops = catalog_.shops();
  RequestState state(request, config, *catalog, *shops,
                     RankingResources{&tags_, &profiles_, &stats_, &sessions_,
                                      &co_engagement_, &tag_cooccurrence_},
                     clock_());
  return pipeline_.Run(state);
}

absl::Status Engine::Log(std::span<const Event> events) {
  if (events.empty()) return FieldError("events", "must not be empty");
  if (auto s =
          CheckMaxItems(events.size(), "events", limits::kMaxEventsPerCall);
      !s.ok()) {
    return s;
  }
  const TimeMs now = clock_();
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  // Validate and resolve everything first, so a bad call changes nothing.
  std::vector<ProductIdx> products;
  products.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string prefix = absl::StrCat("events[", i, "].");
    if (auto s = ValidateEvent(events[i], prefix, now); !s.ok()) return s;
    std::optional<ProductIdx> product = catalog->Find(events[i].product_id);
    if (!product.has_value()) {
      return absl::NotFoundError(absl::StrCat(
          prefix, "product_id: unknown product '", events[i].product_id, "'"));
    }
    products.push_back(*product);
  }
  std::vector<TagId> content_tags;
  std::vector<ProductIdx> previous;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    // A client clock running ahead must not park decayed values in the
    // future, where they would stop decaying and discount real-time events.
    const TimeMs when =
        event.timestamp_ms == 0 ? now : std::min(event.timestamp_ms, now);
    content_tags.clear();
    for (const std::string& tag : event.content_tags) {
      // A full dictionary drops new content tags rather than failing events.
      if (auto id = tags_.Intern(tag)) content_tags.push_back(*id);
    }
    ProfileEvent profile_event;
    profile_event.product = products[i];
    profile_event.type = event.type;
    profile_event.time = when;
    profile_event.dwell_ms = event.dwell_ms;
    profile_event.product_tags = catalog->product(products[i]).tags;
    profile_event.content_tags = content_tags;
    profile_event.content_form = event.content_form;
    // Like content tags, a creator that no longer fits the full dictionary
    // is dropped; the rest of the event still applies.
    if (!event.creator_id.empty()) {
      profile_event.creator = catalog_.creators().Intern(event.creator_id);
    }
    profiles_.Apply(event.user_id, profile_event);
    stats_.Record(products[i], event.type, when);
    if (!IsEngagement(event.type)) continue;
    const std::vector<TagWeight>& product_tags =
        catalog->product(products[i]).tags;
    tag_cooccurrence_.RecordContent(content_tags, product_tags, when);
    if (sessions_.Append(SessionKey(event.user_id, event.session_id),
                         products[i], &previous)) {
      co_engagement_.Record(previous, products[i], when);
      // Products logged by a newer snapshot than this call's are skipped.
      if (!previous.empty() && previous.back() < catalog->size()) {
        tag_cooccurrence_.RecordSequence(catalog->product(previous.back()).tags,
                                         product_tags, when);
      }
    }
  }
  return absl::OkStatus();
}

EngineCounts Engine::Counts() const {
  return {catalog_.snapshot()->size(), catalog_.shops()->governed_count(),
          tags_.size(), profiles_.user_count(), sessions_.session_count()};
}

}  // namespace ranker
