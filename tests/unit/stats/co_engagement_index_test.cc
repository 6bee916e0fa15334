#include "core/stats/co_engagement_index.h"

#include <map>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kNow = 1'000'000;

std::map<ProductIdx, double> Neighbors(const CoEngagementIndex& index,
                                       ProductIdx product, TimeMs now = kNow) {
  std::map<ProductIdx, double> shares;
  index.ForEachNeighbor(product, now, [&](ProductIdx next, double share) {
    shares[next] = share;
  });
  return shares;
}

TEST(CoEngagementIndex, WeightsFollowUpsByDistanceWithinTheWindow) {
  CoEngagementIndex index({.window = 2, .backward_weight = 0.0});
  const std::vector<ProductIdx> previous = {1, 2, 3};
  index.Record(previous, 4, kNow);
  // 3 → 4 weighs 1, 2 → 4 weighs 1/2, 1 is outside the window.
  EXPECT_EQ(Neighbors(index, 3), (std::map<ProductIdx, double>{{4, 1.0}}));
  EXPECT_EQ(Neighbors(index, 2), (std::map<ProductIdx, double>{{4, 1.0}}));
  EXPECT_TRUE(Neighbors(index, 1).empty());
  EXPECT_TRUE(Neighbors(index, 4).empty());
}

TEST(CoEngagementIndex, SharesAreTransitionProbabilities) {
  CoEngagementIndex index({.window = 1, .backward_weight = 0.0});
  index.Record(std::vector<ProductIdx>{1}, 2, kNow);
  index.Record(std::vector<ProductIdx>{1}, 2, kNow);
  index.Record(std::vector<ProductIdx>{1}, 3, kNow);
  const auto shares = Neighbors(index, 1);
  EXPECT_NEAR(shares.at(2), 2.0 / 3.0, 1e-6);
  EXPECT_NEAR(shares.at(3), 1.0 / 3.0, 1e-6);
}

TEST(CoEngagementIndex, BackwardEdgesCarryTheirShare) {
  CoEngagementIndex index({.window = 1, .backward_weight = 0.5});
  index.Record(std::vector<ProductIdx>{1}, 2, kNow);
  EXPECT_EQ(Neighbors(index, 2), (std::map<ProductIdx, double>{{1, 1.0}}));
  index.Record(std::vector<ProductIdx>{2}, 3, kNow);
  // From 2: back to 1 (0.5) and on to 3 (1.0).
  const auto shares = Neighbors(index, 2);
  EXPECT_NEAR(shares.at(1), 0.5 / 1.5, 1e-6);
  EXPECT_NEAR(shares.at(3), 1.0 / 1.5, 1e-6);
}

TEST(CoEngagementIndex, AProductDoesNotFollowItself) {
  CoEngagementIndex index;
  index.Record(std::vector<ProductIdx>{5, 1}, 1, kNow);
  EXPECT_EQ(Neighbors(index, 1).count(1), 0u);
  EXPECT_EQ(Neighbors(index, 5).count(1), 1u);
}

TEST(CoEngagementIndex, KeepsTheStrongestNeighborsWhenPruning) {
  CoEngagementIndex index(
      {.window = 1, .backward_weight = 0.0, .max_neighbors = 2});
  // 10 follows 1 five times; 11..15 once each: pruning keeps 10.
  for (int i = 0; i < 5; ++i) {
    index.Record(std::vector<ProductIdx>{1}, 10, kNow);
  }
  for (ProductIdx next = 11; next <= 15; ++next) {
    index.Record(std::vector<ProductIdx>{1}, next, kNow);
  }
  const auto shares = Neighbors(index, 1);
  EXPECT_LE(shares.size(), 4u);
  EXPECT_EQ(shares.count(10), 1u);
}

TEST(CoEngagementIndex, OldEvidenceDecays) {
  CoEngagementIndex index(
      {.window = 1, .backward_weight = 0.0, .half_life_ms = 1000});
  index.Record(std::vector<ProductIdx>{1}, 2, kNow);
  index.Record(std::vector<ProductIdx>{1}, 3, kNow + 1000);
  // At kNow + 1000 the first edge has halved: 0.5 against 1.
  const auto shares = Neighbors(index, 1, kNow + 1000);
  EXPECT_NEAR(shares.at(2), 0.5 / 1.5, 1e-6);
  EXPECT_NEAR(shares.at(3), 1.0 / 1.5, 1e-6);
}

}  // namespace
}  // namespace ranker
