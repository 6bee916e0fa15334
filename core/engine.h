// The facade the server calls: one Engine owns the catalog, the profiles, the
// item statistics and the ranking pipeline. All methods are thread-safe.
#ifndef RANKER_CORE_ENGINE_H_
#define RANKER_CORE_ENGINE_H_

#include <functional>
#include <memory>
#include <span>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/catalog/catalog.h"
#include "core/catalog/tag_dictionary.h"
#include "core/event.h"
#include "core/interest/profile_store.h"
#include "core/pipeline/ranking_config.h"
#include "core/pipeline/ranking_pipeline.h"
#include "core/pipeline/recommend_request.h"
#include "core/stats/co_engagement_index.h"
#include "core/stats/item_stats.h"
#include "core/stats/session_index.h"
#include "core/stats/tag_cooccurrence_index.h"

namespace ranker {

struct EngineOptions {
  RankingConfig ranking;
  InterestConfig interest;
  StatsConfig stats;
  SessionIndexConfig sessions;
  CoEngagementConfig co_engagement;
  TagCooccurrenceConfig tag_cooccurrence;
  size_t profile_shards = 64;
  // Milliseconds since the epoch; the system clock when empty. Tests inject
  // their own to control decay.
  std::function<TimeMs()> clock;
};

struct EngineCounts {
  size_t products = 0;
  size_t shops = 0;  // shops with a governance record (UpsertShops)
  size_t tags = 0;
  size_t users = 0;
  size_t sessions = 0;
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Adds or replaces products; all or nothing.
  absl::StatusOr<UpsertResult> UpsertProducts(
      std::span<const ProductSpec> products);

  // Sets shops' status and quality score; all or nothing. INVALID_ARGUMENT
  // naming "shops[i].<field>". The next Recommend sees the change.
  absl::StatusOr<UpsertResult> UpsertShops(std::span<const ShopSpec> shops);

  // Ranks products for one user. INVALID_ARGUMENT naming the field for bad
  // input; NOT_FOUND for a storefront shop the catalog does not know (a
  // banned shop's storefront is known, and empty).
  absl::StatusOr<RecommendResult> Recommend(
      const RecommendRequest& request) const;

  // Applies events; all or nothing. INVALID_ARGUMENT naming
  // "events[i].<field>", NOT_FOUND for an unknown product.
  absl::Status Log(std::span<const Event> events);

  EngineCounts Counts() const;
  TimeMs Now() const { return clock_(); }

 private:
  const RankingConfig default_ranking_;
  std::function<TimeMs()> clock_;
  TagDictionary tags_;
  Catalog catalog_;
  ProfileStore profiles_;
  ItemStatsStore stats_;
  SessionIndex sessions_;
  CoEngagementIndex co_engagement_;
  TagCooccurrenceIndex tag_cooccurrence_;
  RankingPipeline pipeline_;
};

}  // namespace ranker

#endif  // RANKER_CORE_ENGINE_H_
