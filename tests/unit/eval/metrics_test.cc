#include "client/eval/metrics.h"

#include <cmath>
#include <numeric>
#include <vector>

#include "client/eval/popularity.h"
#include "gtest/gtest.h"
#include "tests/unit/eval/eval_test_util.h"

namespace ranker::eval {
namespace {

using test::ClickSessions;

constexpr double kEps = 1e-9;

TEST(RankOf, IsTheOneBasedPositionOrZeroWhenAbsent) {
  const std::vector<ItemIdx> list = {7, 3, 9};
  EXPECT_EQ(RankOf(list, 7), 1);
  EXPECT_EQ(RankOf(list, 9), 3);
  EXPECT_EQ(RankOf(list, 4), 0);
  EXPECT_EQ(RankOf({}, 4), 0);
  // A kNoItem slot (an id the dataset does not know) never matches.
  EXPECT_EQ(RankOf(std::vector<ItemIdx>{kNoItem}, kNoItem), 0);
}

TEST(CaseMetrics, LabelAtRankOne) {
  EXPECT_EQ(HitAt(1, 5), 1.0);
  EXPECT_EQ(ReciprocalRankAt(1, 5), 1.0);
  EXPECT_EQ(NdcgAt(1, 5), 1.0);
}

TEST(CaseMetrics, LabelAtRankThree) {
  EXPECT_EQ(HitAt(3, 5), 1.0);
  EXPECT_NEAR(ReciprocalRankAt(3, 5), 1.0 / 3, kEps);
  EXPECT_NEAR(NdcgAt(3, 5), 0.5, kEps);  // 1 / log2(4)
}

TEST(CaseMetrics, NdcgIsOneOverLogOfRankPlusOne) {
  EXPECT_NEAR(NdcgAt(2, 20), 1.0 / std::log2(3.0), kEps);
  EXPECT_NEAR(NdcgAt(7, 20), 1.0 / 3, kEps);  // 1 / log2(8)
  EXPECT_NEAR(NdcgAt(15, 20), 0.25, kEps);    // 1 / log2(16)
}

TEST(CaseMetrics, RankBeyondTheCutoffCountsNothing) {
  EXPECT_EQ(HitAt(6, 5), 0.0);
  EXPECT_EQ(ReciprocalRankAt(6, 5), 0.0);
  EXPECT_EQ(NdcgAt(6, 5), 0.0);
  EXPECT_EQ(HitAt(6, 10), 1.0);
}

TEST(CaseMetrics, AbsentLabelCountsNothing) {
  for (int k : kCutoffs) {
    EXPECT_EQ(HitAt(0, k), 0.0);
    EXPECT_EQ(ReciprocalRankAt(0, k), 0.0);
    EXPECT_EQ(NdcgAt(0, k), 0.0);
  }
}

// Items 0..39; training counts: item 0 three, item 1 two, item 2 one.
ItemPopularity SmallPopularity(size_t num_items) {
  static const std::vector<Session> train =
      ClickSessions({{0, 1, 2}, {0, 1}, {0}});
  return ItemPopularity(train, num_items);
}

TEST(MetricsAccumulator, AveragesOverCasesInPercent) {
  const ItemPopularity popularity = SmallPopularity(40);
  std::vector<ItemIdx> rank7(7);
  std::iota(rank7.begin(), rank7.end(), 10);  // 10..16, label 16 at rank 7
  std::vector<ItemIdx> rank25(25);
  std::iota(rank25.begin(), rank25.end(), 10);  // 10..34, label 34 at rank 25

  MetricsAccumulator metrics(&popularity);
  metrics.Add(std::vector<ItemIdx>{0, 1, 2}, 0);  // rank 1
  metrics.Add(std::vector<ItemIdx>{2, 3, 0}, 0);  // rank 3
  metrics.Add(std::vector<ItemIdx>{1}, 2);        // absent
  metrics.Add(rank7, 16);                         // rank 7
  metrics.Add(rank25, 34);                        // rank 25: cut at 20, absent
  const MetricsSummary m = metrics.Summarize();

  EXPECT_EQ(m.cases, 5);
  // HR: ranks 1 and 3 hit @5; rank 7 too @10 and @20.
  EXPECT_NEAR(m.hr[0], 100.0 * 2 / 5, kEps);
  EXPECT_NEAR(m.hr[1], 100.0 * 3 / 5, kEps);
  EXPECT_NEAR(m.hr[2], 100.0 * 3 / 5, kEps);
  // MRR: (1 + 1/3) / 5 @5; (1 + 1/3 + 1/7) / 5 @10 and @20.
  EXPECT_NEAR(m.mrr[0], 100.0 * (1 + 1.0 / 3) / 5, kEps);
  EXPECT_NEAR(m.mrr[1], 100.0 * (1 + 1.0 / 3 + 1.0 / 7) / 5, kEps);
  EXPECT_NEAR(m.mrr[2], 100.0 * (1 + 1.0 / 3 + 1.0 / 7) / 5, kEps);
  // NDCG: (1 + 1/2) / 5 @5; (1 + 1/2 + 1/3) / 5 @10 and @20.
  EXPECT_NEAR(m.ndcg[0], 100.0 * 1.5 / 5, kEps);
  EXPECT_NEAR(m.ndcg[1], 100.0 * (1.5 + 1.0 / 3) / 5, kEps);
  EXPECT_NEAR(m.ndcg[2], 100.0 * (1.5 + 1.0 / 3) / 5, kEps);
  // 3 + 3 + 1 + 7 + 20 slots (the last list is cut to 20).
  EXPECT_EQ(m.slots, 34);
}

TEST(MetricsAccumulator, CoverageCountsTrainingItemsInAnyList) {
  // Training items: 0 (3 clicks), 1 (2), 2 (1); items 3 and 4 have none.
  const ItemPopularity popularity = SmallPopularity(5);
  MetricsAccumulator metrics(&popularity);
  metrics.Add(std::vector<ItemIdx>{0, 3}, 1);
  metrics.Add(std::vector<ItemIdx>{1, 0}, 1);
  metrics.Add(std::vector<ItemIdx>{kNoItem}, 4);
  const MetricsSummary m = metrics.Summarize();
  // Items 0 and 1 of the 3 training items; item 3 is not a training item.
  EXPECT_NEAR(m.coverage, 100.0 * 2 / 3, kEps);
  // Slots: 0 → 100, 3 → 0, 1 → 66.67 (2 of 3 items have <= 2 clicks),
  // 0 → 100, kNoItem → 0; mean over 5 slots.
  EXPECT_EQ(m.slots, 5);
  EXPECT_NEAR(m.mean_popularity_percentile, (100 + 0 + 200.0 / 3 + 100) / 5,
              kEps);
}

TEST(MetricsAccumulator, NoCasesGivesZeros) {
  const ItemPopularity popularity = SmallPopularity(5);
  const MetricsSummary m = MetricsAccumulator(&popularity).Summarize();
  EXPECT_EQ(m.cases, 0);
  EXPECT_EQ(m.hr[2], 0.0);
  EXPECT_EQ(m.coverage, 0.0);
  EXPECT_EQ(m.mean_popularity_percentile, 0.0);
}

TEST(Evaluate, ACaseWithoutAListIsAMiss) {
  const ItemPopularity popularity = SmallPopularity(5);
  const std::vector<TestCase> cases = {{.prefix = {1}, .label = 0},
                                       {.prefix = {1}, .label = 0}};
  const MetricsSummary m = Evaluate({{0}}, cases, popularity);
  EXPECT_EQ(m.cases, 2);
  EXPECT_NEAR(m.hr[0], 50.0, kEps);
}

TEST(ItemPopularity, PercentileIsTheShareOfItemsWithAtMostAsManyEvents) {
  // Counts: 0 → 3, 1 → 2, 2 → 1, 3 → 1; item 4 has none.
  const std::vector<Session> train =
      ClickSessions({{0, 1, 2}, {0, 1}, {0}, {3}});
  const ItemPopularity popularity(train, 5);
  EXPECT_EQ(popularity.num_training_items(), 4u);
  EXPECT_EQ(popularity.count(0), 3);
  EXPECT_EQ(popularity.count(4), 0);
  EXPECT_DOUBLE_EQ(popularity.percentile(0), 100.0);
  EXPECT_DOUBLE_EQ(popularity.percentile(1), 75.0);
  EXPECT_DOUBLE_EQ(popularity.percentile(2), 50.0);  // tied with item 3
  EXPECT_DOUBLE_EQ(popularity.percentile(3), 50.0);
  EXPECT_DOUBLE_EQ(popularity.percentile(4), 0.0);
  // Most popular first; the tie 2 / 3 by index.
  EXPECT_EQ(popularity.ranked(), (std::vector<ItemIdx>{0, 1, 2, 3}));
  EXPECT_TRUE(popularity.MorePopular(2, 3));
  EXPECT_FALSE(popularity.MorePopular(3, 2));
}

}  // namespace
}  // namespace ranker::eval
