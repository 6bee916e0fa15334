#include "client/eval/popularity.h"

#include <algorithm>

namespace ranker::eval {

ItemPopularity::ItemPopularity(const std::vector<Session>& train,
                               size_t num_items)
    : counts_(num_items, 0), percentiles_(num_items, 0.0) {
  for (const Session& session : train) {
    for (const SessionEvent& event : session.events) ++counts_[event.item];
  }
  for (size_t i = 0; i < num_items; ++i) {
    if (counts_[i] > 0) ranked_.push_back(static_cast<ItemIdx>(i));
  }
  std::sort(ranked_.begin(), ranked_.end(),
            [this](ItemIdx a, ItemIdx b) { return MorePopular(a, b); });
  // ranked_ is by count descending: walking it from the end, every item of a
  // group of equal counts gets the share of items at or below that count.
  const double n = static_cast<double>(ranked_.size());
  size_t end = ranked_.size();
  while (end > 0) {
    size_t begin = end - 1;
    const int64_t c = counts_[ranked_[begin]];
    while (begin > 0 && counts_[ranked_[begin - 1]] == c) --begin;
    // Items at positions >= begin have count <= c: n - begin of them.
    const double pct = 100.0 * (n - static_cast<double>(begin)) / n;
    for (size_t k = begin; k < end; ++k) percentiles_[ranked_[k]] = pct;
    end = begin;
  }
}

}  // namespace ranker::eval
