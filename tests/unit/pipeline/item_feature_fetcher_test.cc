#include "core/pipeline/item_feature_fetcher.h"

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::PipelineWorld;
using test::Spec;

TEST(ItemFeatureFetcher, ReadsTheDecayedCountsOfEachCandidateAtRequestTime) {
  PipelineWorld world;
  world.catalog.Add({Spec("a", {}), Spec("b", {})});
  world.stats.Record(1, EventType::kClick, world.now - 3 * kMsPerDay);
  world.stats.Record(1, EventType::kClick, world.now - 3 * kMsPerDay);
  world.stats.Record(1, EventType::kImpression, world.now);
  auto state = world.State();
  state->AddCandidate(0, Source::kPopular);
  state->AddCandidate(1, Source::kPopular);
  ItemFeatureFetcher().Fetch(*state);
  EXPECT_EQ(state->candidates[0].counts.clicks, 0.0);
  // Two clicks one half-life (3 days) ago.
  EXPECT_DOUBLE_EQ(state->candidates[1].counts.clicks, 1.0);
  EXPECT_DOUBLE_EQ(state->candidates[1].counts.impressions, 1.0);
  EXPECT_DOUBLE_EQ(state->candidates[1].counts.popularity, 1.0);
}

}  // namespace
}  // namespace ranker
