#include "core/pipeline/scorers.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::PipelineWorld;
using test::Spec;

TEST(SmoothedRate, WithoutEvidenceIsThePrior) {
  EXPECT_DOUBLE_EQ(SmoothedRate(0, 0, 0.05, 20), 0.05);
}

TEST(SmoothedRate, MovesFromThePriorWithEvidence) {
  // (5 + 0.05 × 20) / (10 + 20).
  EXPECT_DOUBLE_EQ(SmoothedRate(5, 10, 0.05, 20), 0.2);
  // (0 + 0.05 × 20) / (80 + 20).
  EXPECT_DOUBLE_EQ(SmoothedRate(0, 80, 0.05, 20), 0.01);
}

TEST(SmoothedRate, WithoutPriorStrengthIsTheRawRate) {
  EXPECT_DOUBLE_EQ(SmoothedRate(3, 4, 0.5, 0), 0.75);
}

TEST(SmoothedRate, NoTrialsAndNoStrengthGiveThePrior) {
  EXPECT_DOUBLE_EQ(SmoothedRate(0, 0, 0.3, 0), 0.3);
}

TEST(SmoothedRate, IsClampedToAProbability) {
  EXPECT_DOUBLE_EQ(SmoothedRate(10, 5, 0.5, 0), 1.0);
  EXPECT_DOUBLE_EQ(SmoothedRate(-10, 5, 0.5, 0), 0.0);
}

class ScorersTest : public ::testing::Test {
 protected:
  ScorersTest() {
    world_.catalog.Add({Spec("a", {{"t", 1.0}}), Spec("b", {{"u", 1.0}}),
                        Spec("c", {{"v", 1.0}})});
    // The service has seen impressions and purchases, so rates are evidence.
    world_.stats.Record(2, EventType::kImpression, test::kT0);
    world_.stats.Record(2, EventType::kPurchase, test::kT0);
    state_ = world_.State();
    for (ProductIdx i = 0; i < 3; ++i) {
      state_->AddCandidate(i, Source::kPopular);
    }
  }
  std::vector<Candidate>& candidates() { return state_->candidates; }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
};

TEST_F(ScorersTest, InterestMatchIsCosineTimesItsWeightPerSpeed) {
  const TagId t = world_.catalog.Tag("t");
  const TagId u = world_.catalog.Tag("u");
  state_->long_term = SparseInterest({{t, 3.0f}, {u, 4.0f}});
  state_->instant = SparseInterest({{t, 3.0f}, {u, 4.0f}});
  state_->context = SparseInterest({{u, 1.0f}});
  InterestMatchScorer().Score(*state_, candidates());
  const Candidate& a = candidates()[0];
  EXPECT_DOUBLE_EQ(a.part(ScorePart::kLongTermMatch), 1.0 * 0.6);
  EXPECT_DOUBLE_EQ(a.part(ScorePart::kInstantMatch), 2.0 * 0.6);
  EXPECT_DOUBLE_EQ(a.part(ScorePart::kContextMatch), 0.0);
  const Candidate& b = candidates()[1];
  EXPECT_DOUBLE_EQ(b.part(ScorePart::kLongTermMatch), 0.8);
  EXPECT_DOUBLE_EQ(b.part(ScorePart::kInstantMatch), 1.6);
  EXPECT_DOUBLE_EQ(b.part(ScorePart::kContextMatch), 1.5);
  EXPECT_DOUBLE_EQ(candidates()[2].part(ScorePart::kLongTermMatch), 0.0);
}

TEST_F(ScorersTest, EngagementRatesWithoutEvidenceScoreZero) {
  EngagementRateScorer().Score(*state_, candidates());
  EXPECT_EQ(candidates()[0].part(ScorePart::kClickRate), 0.0);
  EXPECT_EQ(candidates()[0].part(ScorePart::kPurchaseRate), 0.0);
}

TEST_F(ScorersTest, EngagementRatesAreLogRatiosToTheirPriors) {
  candidates()[0].counts = {.impressions = 80, .clicks = 9, .purchases = 0};
  EngagementRateScorer().Score(*state_, candidates());
  // click: (9 + 1) / (80 + 20) = 0.1, twice the prior.
  EXPECT_NEAR(candidates()[0].part(ScorePart::kClickRate), std::log(2.0),
              1e-12);
  // purchase: (0 + 0.4) / (9 + 20), weight 0.5.
  EXPECT_NEAR(candidates()[0].part(ScorePart::kPurchaseRate),
              0.5 * std::log((0.4 / 29) / 0.02), 1e-12);
}

TEST_F(ScorersTest, ClicksWithoutLoggedImpressionsLeaveThePrior) {
  candidates()[0].counts = {.impressions = 0, .clicks = 10};
  EngagementRateScorer().Score(*state_, candidates());
  EXPECT_NEAR(candidates()[0].part(ScorePart::kClickRate), 0.0, 1e-12);
  // Only clicks up to the logged impressions count: (4 + 1) / (4 + 20).
  candidates()[0].counts = {.impressions = 4, .clicks = 10};
  EngagementRateScorer().Score(*state_, candidates());
  EXPECT_NEAR(candidates()[0].part(ScorePart::kClickRate),
              std::log((5.0 / 24) / 0.05), 1e-12);
}

TEST_F(ScorersTest, RatesWithoutAnyLoggedEvidenceStayAtZero) {
  PipelineWorld fresh;
  fresh.catalog.Add({Spec("a", {})});
  auto state = fresh.State();
  state->AddCandidate(0, Source::kPopular);
  state->candidates[0].counts = {.clicks = 50};
  EngagementRateScorer().Score(*state, state->candidates);
  EXPECT_EQ(state->candidates[0].part(ScorePart::kClickRate), 0.0);
  EXPECT_EQ(state->candidates[0].part(ScorePart::kPurchaseRate), 0.0);
}

TEST_F(ScorersTest, ZeroRatesStayFinite) {
  world_.config.prior_strength = 0;
  state_ = world_.State();
  state_->AddCandidate(0, Source::kPopular);
  candidates()[0].counts = {.impressions = 10, .clicks = 0};
  EngagementRateScorer().Score(*state_, candidates());
  EXPECT_NEAR(candidates()[0].part(ScorePart::kClickRate),
              std::log(1e-6 / 0.05), 1e-9);
}

TEST_F(ScorersTest, PopularityIsLogScaledToTheMostPopularCandidate) {
  world_.config.popularity = 0.3;
  state_ = world_.State();
  for (ProductIdx i = 0; i < 3; ++i) state_->AddCandidate(i, Source::kPopular);
  candidates()[0].counts.popularity = 0;
  candidates()[1].counts.popularity = 3;
  candidates()[2].counts.popularity = 7;
  PopularityScorer().Score(*state_, candidates());
  EXPECT_DOUBLE_EQ(candidates()[0].part(ScorePart::kPopularity), 0.0);
  // 0.3 × log(4) / log(8) = 0.3 × 2/3.
  EXPECT_NEAR(candidates()[1].part(ScorePart::kPopularity), 0.2, 1e-12);
  EXPECT_DOUBLE_EQ(candidates()[2].part(ScorePart::kPopularity), 0.3);
}

TEST(ShopQualityScorer, DemotesByTheShopsQualityTimesItsWeight) {
  PipelineWorld world;
  world.catalog.Add({Spec("good", {}, {"c"}, "s1"),
                     Spec("poor", {}, {"c"}, "s2"),
                     Spec("unscored", {}, {"c"}, "s3")});
  ASSERT_TRUE(
      world.catalog.catalog
          .UpsertShops(std::vector<ShopSpec>{{"s1", ShopStatus::kActive, 1.0},
                                             {"s2", ShopStatus::kActive, 0.2}})
          .ok());
  auto part = [&](double weight) {
    world.config.shop_quality = weight;
    auto state = world.State();
    for (ProductIdx i = 0; i < 3; ++i) state->AddCandidate(i, Source::kPopular);
    ShopQualityScorer().Score(*state, state->candidates);
    std::vector<double> parts;
    for (const Candidate& c : state->candidates) {
      parts.push_back(c.part(ScorePart::kShopQuality));
    }
    return parts;
  };
  // Default weight 2: 2 × (0.2 - 1).
  const std::vector<double> defaults = part(RankingConfig{}.shop_quality);
  EXPECT_EQ(defaults[0], 0.0);
  EXPECT_FALSE(std::signbit(defaults[0]));  // shown as 0, not -0
  EXPECT_DOUBLE_EQ(defaults[1], -1.6);
  EXPECT_EQ(defaults[2], 0.0);
  EXPECT_DOUBLE_EQ(part(0.5)[1], -0.4);
  EXPECT_EQ(part(0.0)[1], 0.0);
}

TEST_F(ScorersTest, PopularityIsZeroWhenNothingIsPopular) {
  candidates()[0].counts.popularity = -2;
  PopularityScorer().Score(*state_, candidates());
  for (const Candidate& c : candidates()) {
    EXPECT_EQ(c.part(ScorePart::kPopularity), 0.0);
  }
}

TEST_F(ScorersTest, PopularityDebiasDiscountsTheCrowdSignalsOfThePopular) {
  world_.config.popularity_debias = 0.5;
  world_.config.session_neighbors = 1.0;
  world_.config.co_engagement = 2.0;
  state_ = world_.State();
  state_->AddCandidate(0, Source::kSessionNeighbors, 1.0f);
  state_->AddCandidate(1, Source::kSessionNeighbors, 0.8f);
  state_->AddCandidate(2, Source::kCoEngagement, 0.5f);
  candidates()[0].counts.popularity = 99;  // discounted by 1/10
  candidates()[1].counts.popularity = 0;
  candidates()[2].counts.popularity = 3;  // discounted by 1/2
  PopularityDebiasScorer().Score(*state_, candidates());
  // Neighbours: plain 1 and 0.8 of the best; debiased 0.1 and 0.8, so 0.125
  // and 1 of the best.
  EXPECT_NEAR(candidates()[0].part(ScorePart::kPopularityDebias), 0.125 - 1.0,
              1e-6);
  EXPECT_NEAR(candidates()[1].part(ScorePart::kPopularityDebias), 1.0 - 0.8,
              1e-6);
  // The only co-engagement candidate stays the best: no change.
  EXPECT_NEAR(candidates()[2].part(ScorePart::kPopularityDebias), 0.0, 1e-9);
}

TEST_F(ScorersTest, PopularityDebiasOfZeroChangesNothing) {
  world_.config.popularity_debias = 0.0;
  state_ = world_.State();
  state_->AddCandidate(0, Source::kSessionNeighbors, 1.0f);
  state_->AddCandidate(1, Source::kSessionNeighbors, 0.8f);
  candidates()[0].counts.popularity = 99;
  PopularityDebiasScorer().Score(*state_, candidates());
  for (const Candidate& c : candidates()) {
    EXPECT_EQ(c.part(ScorePart::kPopularityDebias), 0.0);
  }
}

TEST_F(ScorersTest, ExplorationIsRelativeToTheRequestsBest) {
  world_.config.exploration = 0.4;
  state_ = world_.State();
  state_->AddCandidate(0, Source::kExploration, 2.0f);
  state_->AddCandidate(1, Source::kExploration, 0.5f);
  state_->AddCandidate(2, Source::kPopular);
  ExplorationScorer().Score(*state_, candidates());
  EXPECT_DOUBLE_EQ(candidates()[0].part(ScorePart::kExploration), 0.4);
  EXPECT_DOUBLE_EQ(candidates()[1].part(ScorePart::kExploration), 0.1);
  EXPECT_EQ(candidates()[2].part(ScorePart::kExploration), 0.0);
}

}  // namespace
}  // namespace ranker
