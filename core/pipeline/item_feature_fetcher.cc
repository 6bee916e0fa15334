#include "core/pipeline/item_feature_fetcher.h"

#include <vector>

namespace ranker {

void ItemFeatureFetcher::Fetch(RequestState& state) const {
  std::vector<ProductIdx> products;
  products.reserve(state.candidates.size());
  for (const Candidate& c : state.candidates) products.push_back(c.product);
  std::vector<ItemCounts> counts(products.size());
  state.resources.stats->CountsAt(products, state.now, counts);
  for (size_t i = 0; i < counts.size(); ++i) {
    state.candidates[i].counts = counts[i];
  }
}

}  // namespace ranker
