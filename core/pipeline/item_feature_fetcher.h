// Stage 4: item features — the decayed engagement counts of each surviving
// candidate, read once so that every scorer sees the same numbers.
#ifndef RANKER_CORE_PIPELINE_ITEM_FEATURE_FETCHER_H_
#define RANKER_CORE_PIPELINE_ITEM_FEATURE_FETCHER_H_

#include "core/pipeline/request_state.h"

namespace ranker {

class ItemFeatureFetcher {
 public:
  void Fetch(RequestState& state) const;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_ITEM_FEATURE_FETCHER_H_
