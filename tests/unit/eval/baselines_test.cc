#include "client/eval/baselines.h"

#include <cmath>
#include <vector>

#include "client/eval/popularity.h"
#include "gtest/gtest.h"
#include "tests/unit/eval/eval_test_util.h"

namespace ranker::eval {
namespace {

using test::ClickSessions;

// Six sessions over items 0..5; item 6 has no training event.
//   counts:   0:2  1:3  2:3  3:2  4:3  5:2  → POP order 1 2 4 0 3 5
//   sessions: S0={s0,s1} S1={s0,s1,s2} S2={s0,s3} S3={s2,s4} S4={s3,s5}
//             S5={s4,s5}  (s3 clicks 2 twice: one session)
class BaselinesTest : public ::testing::Test {
 protected:
  const std::vector<Session> train_ =
      ClickSessions({{0, 1, 2}, {0, 1}, {1, 3}, {2, 4, 2}, {5, 3}, {5, 4, 4}});
  const ItemPopularity popularity_{train_, 7};
};

TEST_F(BaselinesTest, PopRanksTrainingItemsByCountThenIndex) {
  const PopBaseline pop(&popularity_);
  EXPECT_EQ(pop.name(), "POP");
  EXPECT_EQ(pop.Recommend(std::vector<ItemIdx>{5}, 3),
            (std::vector<ItemIdx>{1, 2, 4}));
  // Never an item without training events (6), even when asked for more.
  EXPECT_EQ(pop.Recommend(std::vector<ItemIdx>{}, 10),
            (std::vector<ItemIdx>{1, 2, 4, 0, 3, 5}));
}

TEST_F(BaselinesTest, SPopRanksPrefixItemsByCountThenPopularity) {
  const SPopBaseline spop(&popularity_);
  EXPECT_EQ(spop.name(), "S-POP");
  // 3 twice; 0 and 5 once each with equal popularity (2): by index; then
  // POP fills.
  EXPECT_EQ(spop.Recommend(std::vector<ItemIdx>{3, 0, 3, 5}, 4),
            (std::vector<ItemIdx>{3, 0, 5, 1}));
  // Once each: 4 (3 clicks) before 0 (2 clicks); item 6 is not rankable.
  EXPECT_EQ(spop.Recommend(std::vector<ItemIdx>{0, 6, 4}, 4),
            (std::vector<ItemIdx>{4, 0, 1, 2}));
  // The prefix is cut to the list size.
  EXPECT_EQ(spop.Recommend(std::vector<ItemIdx>{5, 5, 3}, 1),
            (std::vector<ItemIdx>{5}));
}

TEST_F(BaselinesTest, ItemKnnSimilarityIsCosineOverSessionSets) {
  const ItemKnnBaseline knn(train_, &popularity_, 20);
  EXPECT_NEAR(knn.Similarity(0, 1), 2 / std::sqrt(6.0), 1e-12);
  EXPECT_NEAR(knn.Similarity(2, 4), 0.5, 1e-12);  // s3 counts once
  EXPECT_NEAR(knn.Similarity(0, 5), 0.0, 1e-12);
  EXPECT_NEAR(knn.Similarity(0, 6), 0.0, 1e-12);
}

TEST_F(BaselinesTest, ItemKnnNeighborsBySimilarityThenPopularity) {
  const ItemKnnBaseline knn(train_, &popularity_, 20);
  // 0: 1 (2/√6), 2 (1/2).
  EXPECT_EQ(knn.Neighbors(0), (std::vector<ItemIdx>{1, 2}));
  // 1: 0 (2/√6), then 2 and 3 tie at 1/√6: 2 is more popular.
  EXPECT_EQ(knn.Neighbors(1), (std::vector<ItemIdx>{0, 2, 3}));
  // 2: 0 and 4 tie at 1/2: 4 is more popular; then 1 (1/√6).
  EXPECT_EQ(knn.Neighbors(2), (std::vector<ItemIdx>{4, 0, 1}));
  // 5: 3 and 4 tie at 1/2: 4 is more popular.
  EXPECT_EQ(knn.Neighbors(5), (std::vector<ItemIdx>{4, 3}));
  EXPECT_TRUE(knn.Neighbors(6).empty());
}

TEST_F(BaselinesTest, ItemKnnUsesTheLastItemAndFillsWithPop) {
  const ItemKnnBaseline knn(train_, &popularity_, 20);
  EXPECT_EQ(knn.name(), "Item-KNN");
  EXPECT_EQ(knn.Recommend(std::vector<ItemIdx>{3, 5}, 4),
            (std::vector<ItemIdx>{4, 3, 1, 2}));
  // POP fills without repeating a neighbour.
  EXPECT_EQ(knn.Recommend(std::vector<ItemIdx>{1}, 5),
            (std::vector<ItemIdx>{0, 2, 3, 1, 4}));
  // A last item without training sessions: POP.
  EXPECT_EQ(knn.Recommend(std::vector<ItemIdx>{0, 6}, 3),
            (std::vector<ItemIdx>{1, 2, 4}));
}

TEST_F(BaselinesTest, ItemKnnKeepsAtMostMaxNeighbors) {
  const ItemKnnBaseline knn(train_, &popularity_, 2);
  EXPECT_EQ(knn.Neighbors(1), (std::vector<ItemIdx>{0, 2}));
}

TEST_F(BaselinesTest, RecommendAllMatchesOneByOneOnAnyThreadCount) {
  const ItemKnnBaseline knn(train_, &popularity_, 20);
  std::vector<TestCase> cases;
  for (int i = 0; i < 1000; ++i) {
    cases.push_back({.prefix = {static_cast<ItemIdx>(i % 7),
                                static_cast<ItemIdx>((i * 3) % 7)},
                     .label = static_cast<ItemIdx>(i % 6)});
  }
  const auto parallel = RecommendAll(knn, cases, 4, 3);
  const ItemKnnBaseline fresh(train_, &popularity_, 20);
  ASSERT_EQ(parallel.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(parallel[i], fresh.Recommend(cases[i].prefix, 4)) << i;
  }
}

}  // namespace
}  // namespace ranker::eval
