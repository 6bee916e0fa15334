#include "core/pipeline/item_feature_fetcher.h"

namespace ranker {

void ItemFeatureFetcher::Fetch(RequestState& state) const {
  for (Candidate& c : state.candidates) {
    c.counts = state.resources.stats->CountsAt(c.product, state.now);
  }
}

}  // namespace ranker
