#include "core/pipeline/live_now_retriever.h"

#include "absl/container/flat_hash_map.h"

namespace ranker {

void LiveNowRetriever::Retrieve(RequestState& state) const {
  const size_t quota = KnobCount(state.config.live_now_quota);
  if (quota == 0 || (state.instant.empty() && state.long_term.empty() &&
                     state.context.empty())) {
    return;
  }
  absl::flat_hash_map<ProductIdx, double> matches;
  size_t scanned = 0;
  for (ProductIdx idx : state.catalog.LiveByEndDescending()) {
    const Product& product = state.catalog.product(idx);
    // Sorted by end: every product from here on has ended.
    if (product.live_window.end <= state.now) break;
    if (++scanned > kMaxLiveScanned) break;
    if (!product.LiveAt(state.now)) continue;  // starts later
    const double match = state.instant.Match(product) +
                         state.long_term.Match(product) +
                         state.context.Match(product);
    if (match > 0.0) matches[idx] = match;
  }
  state.AddBest(Source::kLiveNow, quota, matches);
}

}  // namespace ranker
