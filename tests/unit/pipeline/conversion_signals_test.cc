#include "core/pipeline/conversion_signals.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::kT0;

Product Consumable(int cycle_days) {
  Product product;
  product.repurchase_cycle_days = cycle_days;
  return product;
}

TimeMs DaysAgo(double days) {
  return kT0 - static_cast<TimeMs>(days * kMsPerDay);
}

TEST(RepurchaseCyclesElapsed, IsTheTimeSinceThePurchaseInCycles) {
  EXPECT_DOUBLE_EQ(RepurchaseCyclesElapsed(Consumable(30), DaysAgo(15), kT0),
                   0.5);
  EXPECT_DOUBLE_EQ(RepurchaseCyclesElapsed(Consumable(10), DaysAgo(25), kT0),
                   2.5);
}

TEST(RepurchaseCyclesElapsed, IsZeroForADurableOrAPurchaseAhead) {
  EXPECT_EQ(RepurchaseCyclesElapsed(Consumable(0), DaysAgo(400), kT0), 0.0);
  EXPECT_EQ(RepurchaseCyclesElapsed(Consumable(30), kT0 + 1000, kT0), 0.0);
}

TEST(RepurchaseNotDueYet, HoldsUntilTheDueShareOfTheCycle) {
  const Product coffee = Consumable(30);
  EXPECT_TRUE(RepurchaseNotDueYet(coffee, kT0, kT0, 0.8));
  EXPECT_TRUE(RepurchaseNotDueYet(coffee, DaysAgo(24) + 1, kT0, 0.8));
  EXPECT_FALSE(RepurchaseNotDueYet(coffee, DaysAgo(24), kT0, 0.8));
  EXPECT_FALSE(RepurchaseNotDueYet(coffee, DaysAgo(2), kT0, 0.0));
}

TEST(RepurchaseNotDueYet, NeverHoldsForADurable) {
  EXPECT_FALSE(RepurchaseNotDueYet(Consumable(0), kT0, kT0, 0.8));
}

TEST(RepurchaseDueSignal, IsZeroBeforeTheDueShare) {
  EXPECT_EQ(RepurchaseDueSignal(Consumable(30), DaysAgo(2), kT0, 0.8), 0.0);
  EXPECT_EQ(RepurchaseDueSignal(Consumable(30), DaysAgo(23.9), kT0, 0.8), 0.0);
}

TEST(RepurchaseDueSignal, IsFullFromTheDueShareToTheDueDate) {
  const Product coffee = Consumable(30);
  EXPECT_EQ(RepurchaseDueSignal(coffee, DaysAgo(24), kT0, 0.8), 1.0);
  EXPECT_EQ(RepurchaseDueSignal(coffee, DaysAgo(29), kT0, 0.8), 1.0);
  EXPECT_EQ(RepurchaseDueSignal(coffee, DaysAgo(30), kT0, 0.8), 1.0);
}

TEST(RepurchaseDueSignal, FadesLinearlyToZeroAtThreeCycles) {
  const Product coffee = Consumable(30);
  EXPECT_DOUBLE_EQ(RepurchaseDueSignal(coffee, DaysAgo(60), kT0, 0.8), 0.5);
  EXPECT_DOUBLE_EQ(RepurchaseDueSignal(coffee, DaysAgo(75), kT0, 0.8), 0.25);
  EXPECT_EQ(RepurchaseDueSignal(coffee, DaysAgo(90), kT0, 0.8), 0.0);
  EXPECT_EQ(RepurchaseDueSignal(coffee, DaysAgo(400), kT0, 0.8), 0.0);
}

TEST(RepurchaseDueSignal, ADueShareBeyondOneStartsOnTheFade) {
  EXPECT_EQ(RepurchaseDueSignal(Consumable(30), DaysAgo(45), kT0, 2.0), 0.0);
  EXPECT_DOUBLE_EQ(RepurchaseDueSignal(Consumable(30), DaysAgo(60), kT0, 2.0),
                   0.5);
}

TEST(RepurchaseDueSignal, IsZeroForADurable) {
  EXPECT_EQ(RepurchaseDueSignal(Consumable(0), DaysAgo(29), kT0, 0.8), 0.0);
  EXPECT_EQ(RepurchaseDueSignal(Consumable(0), kT0, kT0, 0.0), 0.0);
}

TEST(CartSignal, FadesLinearlyOverTheMemory) {
  EXPECT_EQ(CartSignal(kT0, kT0, 14), 1.0);
  EXPECT_DOUBLE_EQ(CartSignal(DaysAgo(7), kT0, 14), 0.5);
  EXPECT_DOUBLE_EQ(CartSignal(DaysAgo(3.5), kT0, 14), 0.75);
  EXPECT_EQ(CartSignal(DaysAgo(14), kT0, 14), 0.0);
  EXPECT_EQ(CartSignal(DaysAgo(20), kT0, 14), 0.0);
}

TEST(CartSignal, ACartAheadOfNowIsFresh) {
  EXPECT_EQ(CartSignal(kT0 + 5000, kT0, 14), 1.0);
}

class MedianPositivePriceTest : public ::testing::Test {
 protected:
  double Median(std::vector<double> prices) {
    products_.assign(prices.size(), Product{});
    std::vector<Candidate> candidates(prices.size());
    for (size_t i = 0; i < prices.size(); ++i) {
      products_[i].price = prices[i];
      candidates[i].item = &products_[i];
    }
    return MedianPositivePrice(candidates);
  }
  std::vector<Product> products_;
};

TEST_F(MedianPositivePriceTest, IsTheMiddlePriceOfAnOddCount) {
  EXPECT_EQ(Median({40, 10, 20}), 20.0);
}

TEST_F(MedianPositivePriceTest, IsTheMeanOfTheTwoMiddlePricesOfAnEvenCount) {
  EXPECT_EQ(Median({100, 10, 30, 20}), 25.0);
}

TEST_F(MedianPositivePriceTest, IgnoresProductsWithoutAPrice) {
  EXPECT_EQ(Median({0, 40, 0, 10, 20, 0}), 20.0);
}

TEST_F(MedianPositivePriceTest, IsZeroWithoutAnyPrice) {
  EXPECT_EQ(Median({}), 0.0);
  EXPECT_EQ(Median({0, 0}), 0.0);
}

}  // namespace
}  // namespace ranker
