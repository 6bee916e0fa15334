#include "core/pipeline/conversion_scorers.h"

#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::kT0;
using test::PipelineWorld;
using test::Spec;

TimeMs DaysAgo(double days) {
  return kT0 - static_cast<TimeMs>(days * kMsPerDay);
}

ProductSpec Priced(std::string id, double price, int cycle_days = 0) {
  ProductSpec spec = Spec(std::move(id), {});
  spec.price = price;
  spec.repurchase_cycle_days = cycle_days;
  return spec;
}

// Four candidates: a cheap, a median and a dear product, and one without a
// price; the median positive price is 20.
class ConversionScorersTest : public ::testing::Test {
 protected:
  ConversionScorersTest() {
    world_.catalog.Add({Priced("cheap", 10, 30), Priced("median", 20, 10),
                        Priced("dear", 40), Priced("free", 0)});
  }

  std::vector<double> Parts(const Scorer& scorer, ScorePart part) {
    auto state = world_.State();
    state->profile = profile_;
    for (ProductIdx i = 0; i < world_.snapshot->size(); ++i) {
      state->AddCandidate(i, Source::kPopular);
    }
    scorer.Score(*state, state->candidates);
    std::vector<double> parts;
    for (const Candidate& c : state->candidates) parts.push_back(c.part(part));
    return parts;
  }
  ProductIdx Idx(const std::string& id) { return world_.catalog.Idx(id); }

  PipelineWorld world_;
  ProfileView profile_;
};

TEST_F(ConversionScorersTest, ValueIsTheLogPriceRatioToTheMedian) {
  world_.config.value = 1.0;
  const std::vector<double> parts = Parts(ValueScorer(), ScorePart::kValue);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_DOUBLE_EQ(parts[0], std::log(0.5));
  EXPECT_DOUBLE_EQ(parts[1], 0.0);
  EXPECT_DOUBLE_EQ(parts[2], std::log(2.0));
  EXPECT_DOUBLE_EQ(parts[3], 0.0);  // no price, no value
}

TEST_F(ConversionScorersTest, ValueScalesWithItsWeightAndIsOffByDefault) {
  world_.config.value = 2.0;
  EXPECT_DOUBLE_EQ(Parts(ValueScorer(), ScorePart::kValue)[2],
                   2.0 * std::log(2.0));
  world_.config = RankingConfig{};
  EXPECT_EQ(Parts(ValueScorer(), ScorePart::kValue),
            (std::vector<double>{0.0, 0.0, 0.0, 0.0}));
}

TEST_F(ConversionScorersTest, RepurchaseDueScoresTheUsersDueConsumables) {
  profile_.purchases[Idx("cheap")] = DaysAgo(29);   // 30-day cycle: due, 1
  profile_.purchases[Idx("median")] = DaysAgo(20);  // 10-day cycle: 0.5
  profile_.purchases[Idx("dear")] = DaysAgo(29);    // durable: 0
  EXPECT_EQ(Parts(RepurchaseDueScorer(), ScorePart::kRepurchaseDue),
            (std::vector<double>{1.0, 0.5, 0.0, 0.0}));
  world_.config.repurchase_due = 3.0;
  EXPECT_EQ(Parts(RepurchaseDueScorer(), ScorePart::kRepurchaseDue),
            (std::vector<double>{3.0, 1.5, 0.0, 0.0}));
}

TEST_F(ConversionScorersTest, CartScoresCartedProductsByFreshness) {
  profile_.carted[Idx("dear")] = DaysAgo(7);  // half-way through 14 days
  profile_.carted[Idx("free")] = kT0;
  EXPECT_EQ(Parts(CartScorer(), ScorePart::kCart),
            (std::vector<double>{0.0, 0.0, 1.5, 3.0}));
  world_.config.cart_memory_days = 7;
  EXPECT_EQ(Parts(CartScorer(), ScorePart::kCart),
            (std::vector<double>{0.0, 0.0, 0.0, 3.0}));
}

TEST(ConversionScorers, HaveStableNames) {
  EXPECT_EQ(ValueScorer().name(), "value");
  EXPECT_EQ(RepurchaseDueScorer().name(), "repurchase_due");
  EXPECT_EQ(CartScorer().name(), "cart");
}

}  // namespace
}  // namespace ranker
