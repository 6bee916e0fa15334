#include "core/pipeline/conversion_retrievers.h"

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

TimeMs DaysAgo(double days) {
  return kT0 - static_cast<TimeMs>(days * kMsPerDay);
}

ProductSpec WithCycle(ProductSpec spec, int cycle_days) {
  spec.repurchase_cycle_days = cycle_days;
  return spec;
}

class ConversionRetrieversTest : public ::testing::Test {
 protected:
  ConversionRetrieversTest() {
    world_.catalog.Add({
        WithCycle(Spec("coffee", {}), 30),
        WithCycle(Spec("tea", {}), 10),
        WithCycle(Spec("soap", {}), 60),
        Spec("kettle", {}),  // durable
        WithCycle(
            Spec("banned-snack", {}, {"misc"}, "shop", ProductStatus::kBanned),
            30),
        Spec("blender", {}),
        Spec("mixer", {}),
        Spec("toaster", {}),
    });
    state_ = world_.State();
  }

  ProductIdx Idx(const std::string& id) { return world_.catalog.Idx(id); }
  // The retrieval score `source` gave each candidate, in candidate order.
  std::vector<float> Scores(Source source) {
    std::vector<float> scores;
    for (const Candidate& c : state_->candidates) {
      EXPECT_EQ(c.first_source, source) << c.item->id;
      scores.push_back(c.source_score(source));
    }
    return scores;
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
};

TEST_F(ConversionRetrieversTest, RepurchaseProposesDueConsumablesStrongest) {
  auto& purchases = state_->profile.purchases;
  purchases[Idx("coffee")] = DaysAgo(29);        // due: 1
  purchases[Idx("tea")] = DaysAgo(20);           // two cycles: 0.5
  purchases[Idx("soap")] = DaysAgo(10);          // not due yet
  purchases[Idx("kettle")] = DaysAgo(29);        // durable: never
  purchases[Idx("banned-snack")] = DaysAgo(29);  // not active
  RepurchaseRetriever().Retrieve(*state_);
  EXPECT_EQ(IdsOf(state_->candidates),
            (std::vector<std::string>{"coffee", "tea"}));
  EXPECT_EQ(Scores(Source::kRepurchase), (std::vector<float>{1.0f, 0.5f}));
}

TEST_F(ConversionRetrieversTest, RepurchaseKeepsItsQuota) {
  state_->profile.purchases[Idx("coffee")] = DaysAgo(29);
  state_->profile.purchases[Idx("tea")] = DaysAgo(20);
  world_.config.repurchase_quota = 1;
  auto state = world_.State();
  state->profile = state_->profile;
  RepurchaseRetriever().Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates), (std::vector<std::string>{"coffee"}));

  world_.config.repurchase_quota = 0;
  state = world_.State();
  state->profile = state_->profile;
  RepurchaseRetriever().Retrieve(*state);
  EXPECT_TRUE(state->candidates.empty());
}

TEST_F(ConversionRetrieversTest, RepurchaseFollowsTheDueShare) {
  state_->profile.purchases[Idx("soap")] = DaysAgo(10);
  world_.config.repurchase_due_share = 0.1;
  auto state = world_.State();
  state->profile = state_->profile;
  RepurchaseRetriever().Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates), (std::vector<std::string>{"soap"}));
}

TEST_F(ConversionRetrieversTest, CartProposesFreshCartsMostRecentFirst) {
  auto& carted = state_->profile.carted;
  carted[Idx("mixer")] = DaysAgo(7);         // 0.5
  carted[Idx("blender")] = kT0;              // 1
  carted[Idx("toaster")] = DaysAgo(14);      // faded
  carted[Idx("banned-snack")] = DaysAgo(1);  // not active
  CartRetriever().Retrieve(*state_);
  EXPECT_EQ(IdsOf(state_->candidates),
            (std::vector<std::string>{"blender", "mixer"}));
  EXPECT_EQ(Scores(Source::kCart), (std::vector<float>{1.0f, 0.5f}));
}

TEST_F(ConversionRetrieversTest, CartFollowsTheMemoryKnob) {
  state_->profile.carted[Idx("toaster")] = DaysAgo(14);
  world_.config.cart_memory_days = 28;
  auto state = world_.State();
  state->profile = state_->profile;
  CartRetriever().Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates), (std::vector<std::string>{"toaster"}));
  EXPECT_EQ(state->candidates[0].source_score(Source::kCart), 0.5f);
}

TEST_F(ConversionRetrieversTest, NothingBoughtOrCartedProposesNothing) {
  RepurchaseRetriever().Retrieve(*state_);
  CartRetriever().Retrieve(*state_);
  EXPECT_TRUE(state_->candidates.empty());
}

TEST(ConversionRetrievers, AreNamedAfterTheirSources) {
  EXPECT_EQ(RepurchaseRetriever().name(), "repurchase");
  EXPECT_EQ(CartRetriever().name(), "cart");
}

}  // namespace
}  // namespace ranker
