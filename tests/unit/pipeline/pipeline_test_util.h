// A small world for pipeline stage tests: a catalog, profiles, item
// statistics and a request, from which a RequestState is built by hand.
#ifndef RANKER_TESTS_UNIT_PIPELINE_PIPELINE_TEST_UTIL_H_
#define RANKER_TESTS_UNIT_PIPELINE_PIPELINE_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "core/interest/profile_store.h"
#include "core/pipeline/candidate.h"
#include "core/pipeline/ranking_config.h"
#include "core/pipeline/recommend_request.h"
#include "core/pipeline/request_state.h"
#include "core/stats/co_engagement_index.h"
#include "core/stats/item_stats.h"
#include "core/stats/session_index.h"
#include "core/stats/tag_cooccurrence_index.h"
#include "tests/unit/test_util.h"

namespace ranker::test {

inline constexpr TimeMs kT0 = 1'700'000'000'000;

struct PipelineWorld {
  TestCatalog catalog;
  ProfileStore profiles{InterestConfig{}};
  ItemStatsStore stats{StatsConfig{.popular_refresh_ms = 0}};
  SessionIndex sessions;
  CoEngagementIndex co_engagement;
  TagCooccurrenceIndex tag_cooccurrence;
  RecommendRequest request;
  RankingConfig config;
  TimeMs now = kT0;
  std::shared_ptr<const CatalogSnapshot> snapshot;
  std::shared_ptr<const ShopGovernance> shops;

  PipelineWorld() { request.user_id = "u1"; }

  // A request state over the current catalog snapshot, shop governance,
  // request and config.
  std::unique_ptr<RequestState> State() {
    snapshot = catalog.catalog.snapshot();
    shops = catalog.catalog.shops();
    return std::make_unique<RequestState>(
        request, config, *snapshot, *shops,
        RankingResources{&catalog.tags, &profiles, &stats, &sessions,
                         &co_engagement, &tag_cooccurrence},
        now);
  }
};

// The product ids of `candidates`, in order.
inline std::vector<std::string> IdsOf(
    const std::vector<Candidate>& candidates) {
  std::vector<std::string> ids;
  for (const Candidate& c : candidates) ids.push_back(c.item->id);
  return ids;
}

}  // namespace ranker::test

#endif  // RANKER_TESTS_UNIT_PIPELINE_PIPELINE_TEST_UTIL_H_
