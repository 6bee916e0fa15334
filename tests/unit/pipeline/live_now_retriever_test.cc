#include "core/pipeline/live_now_retriever.h"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::kT0;
using test::PipelineWorld;
using test::Spec;

constexpr TimeMs kHour = 60 * kMsPerMinute;

ProductSpec Live(std::string id, std::vector<WeightedTagSpec> tags,
                 TimeMs start, TimeMs end,
                 ProductStatus status = ProductStatus::kActive) {
  ProductSpec spec =
      Spec(std::move(id), std::move(tags), {"misc"}, "shop", status);
  spec.live_start_ms = start;
  spec.live_end_ms = end;
  return spec;
}

class LiveNowRetrieverTest : public ::testing::Test {
 protected:
  LiveNowRetrieverTest() {
    world_.catalog.Add({
        Live("on-travel", {{"travel", 1.0}}, kT0 - kHour, kT0 + kHour),
        Live("on-both", {{"travel", 1.0}, {"coffee", 1.0}}, kT0, kT0 + 1),
        Live("on-other", {{"gaming", 1.0}}, kT0 - kHour, kT0 + kHour),
        Live("ended", {{"travel", 1.0}}, kT0 - 2 * kHour, kT0),
        Live("later", {{"travel", 1.0}}, kT0 + 1, kT0 + 2 * kHour),
        Live("banned", {{"travel", 1.0}}, kT0 - kHour, kT0 + kHour,
             ProductStatus::kBanned),
        Spec("never-live", {{"travel", 1.0}}),
    });
    travel_ = world_.catalog.Tag("travel");
    coffee_ = world_.catalog.Tag("coffee");
  }

  std::vector<std::string> Retrieve(std::vector<TagWeight> instant,
                                    double quota = 50) {
    world_.config.live_now_quota = quota;
    state_ = world_.State();
    state_->instant = SparseInterest(instant);
    LiveNowRetriever().Retrieve(*state_);
    for (const Candidate& c : state_->candidates) {
      EXPECT_EQ(c.first_source, Source::kLiveNow);
    }
    return IdsOf(state_->candidates);
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
  TagId travel_ = 0;
  TagId coffee_ = 0;
};

TEST_F(LiveNowRetrieverTest, ProposesActiveProductsLiveNowThatMatch) {
  // cos(travel, {travel, coffee}) = 0.707 < 1 for the single-tag one.
  EXPECT_EQ(Retrieve({{travel_, 1.0f}}),
            (std::vector<std::string>{"on-travel", "on-both"}));
}

TEST_F(LiveNowRetrieverTest, RanksByTheSumOfTheInterestMatches) {
  world_.config.live_now_quota = 50;
  state_ = world_.State();
  state_->instant = SparseInterest({{travel_, 1.0f}});
  state_->context = SparseInterest({{coffee_, 1.0f}});
  LiveNowRetriever().Retrieve(*state_);
  // on-both: 0.707 + 0.707 beats on-travel: 1 + 0.
  EXPECT_EQ(IdsOf(state_->candidates),
            (std::vector<std::string>{"on-both", "on-travel"}));
  EXPECT_FLOAT_EQ(state_->candidates[0].source_score(Source::kLiveNow),
                  static_cast<float>(2.0 / std::sqrt(2.0)));
}

TEST_F(LiveNowRetrieverTest, KeepsTheQuota) {
  EXPECT_EQ(Retrieve({{travel_, 1.0f}}, 1),
            (std::vector<std::string>{"on-travel"}));
  EXPECT_TRUE(Retrieve({{travel_, 1.0f}}, 0).empty());
}

TEST_F(LiveNowRetrieverTest, ProposesNothingWithoutAnyInterest) {
  EXPECT_TRUE(Retrieve({}).empty());
}

}  // namespace
}  // namespace ranker
