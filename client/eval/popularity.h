// Training popularity: how many training events each item has. The rankable
// items are those with at least one; POP ranks them, every baseline breaks
// ties with it, and the metrics report the popularity percentile of what a
// method recommends.
#ifndef RANKER_CLIENT_EVAL_POPULARITY_H_
#define RANKER_CLIENT_EVAL_POPULARITY_H_

#include <cstdint>
#include <vector>

#include "client/eval/dataset.h"

namespace ranker::eval {

class ItemPopularity {
 public:
  // Counts every event of every session (in the sessions format all events
  // are clicks; in typed logs views, carts, purchases and favourites all
  // count).
  ItemPopularity(const std::vector<Session>& train, size_t num_items);

  size_t num_items() const { return counts_.size(); }
  int64_t count(ItemIdx item) const { return counts_[item]; }
  bool is_training_item(ItemIdx item) const { return counts_[item] > 0; }
  // Items with at least one training event.
  size_t num_training_items() const { return ranked_.size(); }

  // Training items, most popular first; equal counts by smaller index.
  const std::vector<ItemIdx>& ranked() const { return ranked_; }

  // True when `a` ranks before `b` in ranked(): the tie-break every baseline
  // uses.
  bool MorePopular(ItemIdx a, ItemIdx b) const {
    return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : a < b;
  }

  // 100 × (share of training items whose count is at most this item's): 100
  // for the most popular items, 0 for an item without training events.
  double percentile(ItemIdx item) const { return percentiles_[item]; }

 private:
  std::vector<int64_t> counts_;
  std::vector<ItemIdx> ranked_;
  std::vector<double> percentiles_;
};

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_POPULARITY_H_
