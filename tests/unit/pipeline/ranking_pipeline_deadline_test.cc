// The request deadline in the ranking pipeline: read once before each stage,
// the pipeline stops with DEADLINE_EXCEEDED naming the stage it would have
// started; without a deadline (or before it) the results are unchanged. The
// clock is a counter, so no test depends on how fast the machine is.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "core/pipeline/ranking_pipeline.h"
#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::PipelineWorld;
using test::Spec;

const absl::Time kStart = absl::FromUnixSeconds(1'700'000'000);

// The stages in order, as the errors name them.
const std::vector<std::string> kStages = {
    "user features", "retrieve", "filter", "item features", "score", "rerank"};

class RankingPipelineDeadlineTest : public ::testing::Test {
 protected:
  RankingPipelineDeadlineTest() {
    std::vector<ProductSpec> specs;
    for (int i = 0; i < 8; ++i) {
      specs.push_back(Spec("p" + std::to_string(i), {{"tag", 1.0}}));
    }
    world_.catalog.Add(specs);
    world_.request.count = 5;
    world_.request.context_tags = {"tag"};
  }

  // A clock that moves one second forward each time it is read: the k-th
  // read (from 0) returns kStart + k seconds.
  DeadlineClock CountingClock() {
    return [this] { return kStart + absl::Seconds(reads_++); };
  }

  std::vector<std::string> Ids(const RecommendResult& result) {
    std::vector<std::string> ids;
    for (const RecommendedItem& item : result.items) {
      ids.push_back(item.product_id);
    }
    return ids;
  }

  PipelineWorld world_;
  int reads_ = 0;
};

TEST_F(RankingPipelineDeadlineTest, AnExpiredDeadlineStopsBeforeAnyStage) {
  RankingPipeline pipeline(CountingClock());
  world_.request.deadline = kStart - absl::Milliseconds(1);
  auto state = world_.State();
  absl::StatusOr<RecommendResult> result = pipeline.Run(*state);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(absl::StrContains(result.status().message(),
                                "before the user features stage"))
      << result.status();
  EXPECT_TRUE(state->candidates.empty());  // no retriever ran
}

TEST_F(RankingPipelineDeadlineTest, EachStageChecksTheDeadlineAndIsNamed) {
  for (size_t stage = 0; stage < kStages.size(); ++stage) {
    reads_ = 0;
    RankingPipeline pipeline(CountingClock());
    // Read number `stage` is the first at or past the deadline.
    world_.request.deadline = kStart + absl::Seconds(stage);
    auto state = world_.State();
    absl::StatusOr<RecommendResult> result = pipeline.Run(*state);
    ASSERT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded)
        << kStages[stage];
    EXPECT_TRUE(absl::StrContains(result.status().message(),
                                  "before the " + kStages[stage] + " stage"))
        << result.status();
    EXPECT_EQ(reads_, static_cast<int>(stage) + 1);
  }
}

TEST_F(RankingPipelineDeadlineTest, ADeadlineNotReachedChangesNothing) {
  RankingPipeline unbounded(CountingClock());
  auto state = world_.State();
  absl::StatusOr<RecommendResult> expected = unbounded.Run(*state);
  ASSERT_TRUE(expected.ok()) << expected.status();
  EXPECT_EQ(reads_, 0);  // no deadline: the clock is never read
  ASSERT_EQ(expected->items.size(), 5u);

  RankingPipeline bounded(CountingClock());
  world_.request.deadline = kStart + absl::Hours(1);
  state = world_.State();
  absl::StatusOr<RecommendResult> result = bounded.Run(*state);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(Ids(*result), Ids(*expected));
  for (size_t i = 0; i < result->items.size(); ++i) {
    EXPECT_EQ(result->items[i].score, expected->items[i].score);
  }
  EXPECT_EQ(reads_, static_cast<int>(kStages.size()));
}

}  // namespace
}  // namespace ranker
