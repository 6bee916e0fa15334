#include "core/interest/commerce_history.h"

#include "core/decayed_value.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(CommerceHistory, CountsImpressionsEngagementAndNotInterestedAsSkips) {
  InterestConfig config;
  config.not_interested_as_skips = 5.0;
  CommerceHistory history;
  // All at the reference time: scale 1, no decay.
  history.Record(EventType::kImpression, 1.0, config);
  history.Record(EventType::kImpression, 1.0, config);
  history.Record(EventType::kClick, 1.0, config);
  history.Record(EventType::kPurchase, 1.0, config);
  history.Record(EventType::kNotInterested, 1.0, config);
  const CommerceEvidence evidence = history.EvidenceAt(1.0);
  EXPECT_DOUBLE_EQ(evidence.shown, 2.0 + 5.0);
  EXPECT_DOUBLE_EQ(evidence.engaged, 2.0);
}

TEST(CommerceHistory, EvidenceHalvesEveryHalfLife) {
  InterestConfig config;
  config.commerce_half_life_ms = 1000;
  CommerceHistory history;
  history.Record(EventType::kImpression, 1.0, config);
  history.Record(EventType::kLike, 1.0, config);
  const CommerceEvidence evidence =
      history.EvidenceAt(DecayFactor(2000, config.commerce_half_life_ms));
  EXPECT_DOUBLE_EQ(evidence.shown, 0.25);
  EXPECT_DOUBLE_EQ(evidence.engaged, 0.25);
  // Moving the reference time forward by one half-life halves the stored
  // counts and leaves the evidence the same.
  history.Rescale(DecayFactor(1000, config.commerce_half_life_ms));
  EXPECT_DOUBLE_EQ(
      history.EvidenceAt(DecayFactor(1000, config.commerce_half_life_ms)).shown,
      0.25);
}

TEST(CommerceHistory, AnEventBeforeTheReferenceTimeCountsLess) {
  InterestConfig config;
  CommerceHistory history;
  history.Record(EventType::kImpression, 0.5, config);
  history.Record(EventType::kClick, 2.0, config);
  EXPECT_DOUBLE_EQ(history.EvidenceAt(1.0).shown, 0.5);
  EXPECT_DOUBLE_EQ(history.EvidenceAt(1.0).engaged, 2.0);
}

TEST(CommerceTolerance, IsOneWithoutEvidence) {
  EXPECT_DOUBLE_EQ(CommerceTolerance({}, 0.1, 10.0), 1.0);
}

TEST(CommerceTolerance, IsTheSmoothedEngagementRateOverThePrior) {
  // (1 + 0.1 × 10) / (30 + 10) = 0.05, half the prior.
  EXPECT_DOUBLE_EQ(CommerceTolerance({.shown = 30, .engaged = 1}, 0.1, 10.0),
                   0.5);
}

TEST(CommerceTolerance, IsCappedAndNeverNegative) {
  EXPECT_DOUBLE_EQ(CommerceTolerance({.shown = 10, .engaged = 10}, 0.1, 10.0),
                   1.0);
  EXPECT_DOUBLE_EQ(
      CommerceTolerance({.shown = 10, .engaged = 10}, 0.1, 10.0, 2.0), 2.0);
  EXPECT_DOUBLE_EQ(CommerceTolerance({.shown = 1e9, .engaged = 0}, 0.1, 0.0),
                   0.0);
}

TEST(CommerceTolerance, EngagementWithoutLoggedImpressionsCountsAsShown) {
  // 4 clicks, no impressions: the rate is 4 / 4, not 4 / 0.
  EXPECT_DOUBLE_EQ(
      CommerceTolerance({.shown = 0, .engaged = 4}, 0.5, 0.0, 10.0), 2.0);
}

}  // namespace
}  // namespace ranker
