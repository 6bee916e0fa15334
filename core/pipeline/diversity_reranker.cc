#include "core/pipeline/diversity_reranker.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/container/flat_hash_map.h"

namespace ranker {

size_t DiversityReranker::Cap(double share, int count) {
  return std::max<size_t>(
      1, static_cast<size_t>(std::ceil(share * std::max(count, 0) - 1e-9)));
}

void DiversityReranker::Rerank(const RequestState& state,
                               std::vector<Candidate>& ranked) const {
  const size_t count = static_cast<size_t>(state.request.count);
  const size_t category_cap =
      Cap(state.config.category_max_share, state.request.count);
  const size_t shop_cap =
      state.storefront_shop.has_value()
          ? std::numeric_limits<size_t>::max()
          : Cap(state.config.shop_max_share, state.request.count);
  absl::flat_hash_map<CategoryIdx, size_t> per_category;
  absl::flat_hash_map<ShopIdx, size_t> per_shop;
  std::vector<Candidate> selected;
  std::vector<Candidate> deferred;
  selected.reserve(std::min(count, ranked.size()));
  for (Candidate& c : ranked) {
    if (selected.size() == count) break;
    const bool category_full =
        per_category[c.item->category_idx] >= category_cap;
    const bool shop_full = per_shop[c.item->shop_idx] >= shop_cap;
    if (category_full || shop_full) {
      if (state.request.debug) {
        c.rerank_notes.push_back(category_full ? "moved down: category cap"
                                               : "moved down: shop cap");
      }
      deferred.push_back(std::move(c));
      continue;
    }
    ++per_category[c.item->category_idx];
    ++per_shop[c.item->shop_idx];
    selected.push_back(std::move(c));
  }
  for (Candidate& c : deferred) {
    if (selected.size() == count) break;
    if (state.request.debug) {
      c.rerank_notes.push_back("placed after the capped list: too few others");
    }
    selected.push_back(std::move(c));
  }
  ranked = std::move(selected);
}

}  // namespace ranker
