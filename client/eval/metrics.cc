#include "client/eval/metrics.h"

#include <algorithm>
#include <cmath>

namespace ranker::eval {

int RankOf(absl::Span<const ItemIdx> list, ItemIdx label) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == label && label != kNoItem) return static_cast<int>(i) + 1;
  }
  return 0;
}

double HitAt(int rank, int k) { return rank >= 1 && rank <= k ? 1.0 : 0.0; }

double ReciprocalRankAt(int rank, int k) {
  return rank >= 1 && rank <= k ? 1.0 / rank : 0.0;
}

double NdcgAt(int rank, int k) {
  return rank >= 1 && rank <= k ? 1.0 / std::log2(rank + 1.0) : 0.0;
}

MetricsAccumulator::MetricsAccumulator(const ItemPopularity* popularity)
    : popularity_(popularity), recommended_(popularity->num_items(), false) {}

void MetricsAccumulator::Add(absl::Span<const ItemIdx> list, ItemIdx label) {
  const absl::Span<const ItemIdx> top =
      list.subspan(0, std::min<size_t>(list.size(), kMaxCutoff));
  const int rank = RankOf(top, label);
  for (size_t c = 0; c < kCutoffs.size(); ++c) {
    hr_[c] += HitAt(rank, kCutoffs[c]);
    mrr_[c] += ReciprocalRankAt(rank, kCutoffs[c]);
    ndcg_[c] += NdcgAt(rank, kCutoffs[c]);
  }
  for (ItemIdx item : top) {
    ++slots_;
    if (item < 0 || static_cast<size_t>(item) >= recommended_.size()) continue;
    percentile_sum_ += popularity_->percentile(item);
    if (!recommended_[item] && popularity_->is_training_item(item)) {
      recommended_[item] = true;
      ++covered_;
    }
  }
  ++cases_;
}

MetricsSummary MetricsAccumulator::Summarize() const {
  MetricsSummary summary;
  summary.cases = cases_;
  summary.slots = slots_;
  if (cases_ > 0) {
    const double scale = 100.0 / static_cast<double>(cases_);
    for (size_t c = 0; c < kCutoffs.size(); ++c) {
      summary.hr[c] = hr_[c] * scale;
      summary.mrr[c] = mrr_[c] * scale;
      summary.ndcg[c] = ndcg_[c] * scale;
    }
  }
  if (popularity_->num_training_items() > 0) {
    summary.coverage = 100.0 * static_cast<double>(covered_) /
                       static_cast<double>(popularity_->num_training_items());
  }
  if (slots_ > 0) {
    summary.mean_popularity_percentile =
        percentile_sum_ / static_cast<double>(slots_);
  }
  return summary;
}

MetricsSummary Evaluate(const std::vector<std::vector<ItemIdx>>& lists,
                        absl::Span<const TestCase> cases,
                        const ItemPopularity& popularity) {
  MetricsAccumulator accumulator(&popularity);
  for (size_t i = 0; i < cases.size(); ++i) {
    accumulator.Add(i < lists.size() ? absl::Span<const ItemIdx>(lists[i])
                                     : absl::Span<const ItemIdx>(),
                    cases[i].label);
  }
  return accumulator.Summarize();
}

}  // namespace ranker::eval
