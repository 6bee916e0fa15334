// Next-item ranking metrics, as session-recommendation papers report them:
// HR@K (papers' P@K), MRR@K and NDCG@K for K = 5, 10, 20 in percent, plus
// coverage@20 and the mean popularity percentile of what was recommended.
#ifndef RANKER_CLIENT_EVAL_METRICS_H_
#define RANKER_CLIENT_EVAL_METRICS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "client/eval/dataset.h"
#include "client/eval/popularity.h"

namespace ranker::eval {

inline constexpr std::array<int, 3> kCutoffs = {5, 10, 20};
// Lists are cut to this many items before anything is measured.
inline constexpr int kMaxCutoff = 20;

// 1-based position of `label` in `list`, 0 when it is absent.
int RankOf(absl::Span<const ItemIdx> list, ItemIdx label);

// One case's contribution at cut-off `k`, given the label's rank (0 =
// absent): HR 1 if 1 <= rank <= k; MRR 1/rank; NDCG 1/log2(rank + 1) (one
// relevant item, so the ideal DCG is 1). 0 when the rank is beyond k.
double HitAt(int rank, int k);
double ReciprocalRankAt(int rank, int k);
double NdcgAt(int rank, int k);

struct MetricsSummary {
  int64_t cases = 0;
  // Indexed like kCutoffs; averages over cases, in percent.
  std::array<double, 3> hr = {};
  std::array<double, 3> mrr = {};
  std::array<double, 3> ndcg = {};
  // Percent of training items (items with a training event) that appear in
  // at least one top-20 list.
  double coverage = 0;
  // Mean over every recommended slot (top 20 of every list) of the item's
  // popularity percentile (ItemPopularity::percentile: 100 = most popular,
  // 0 = no training event or not a dataset item).
  double mean_popularity_percentile = 0;
  int64_t slots = 0;  // recommended slots measured
};

// Adds up cases one at a time, in the order given (the sums are
// deterministic for a given order).
class MetricsAccumulator {
 public:
  explicit MetricsAccumulator(const ItemPopularity* popularity);

  // `list` best first, its first 20 items measured; kNoItem entries (ids the
  // dataset does not know) occupy a slot and never match.
  void Add(absl::Span<const ItemIdx> list, ItemIdx label);

  MetricsSummary Summarize() const;

 private:
  const ItemPopularity* popularity_;
  int64_t cases_ = 0;
  std::array<double, 3> hr_ = {};
  std::array<double, 3> mrr_ = {};
  std::array<double, 3> ndcg_ = {};
  std::vector<bool> recommended_;
  int64_t covered_ = 0;
  double percentile_sum_ = 0;
  int64_t slots_ = 0;
};

// lists[i] against cases[i].label for every case; a case without a list
// (lists shorter than cases) counts as an empty list, a miss.
MetricsSummary Evaluate(const std::vector<std::vector<ItemIdx>>& lists,
                        absl::Span<const TestCase> cases,
                        const ItemPopularity& popularity);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_METRICS_H_
