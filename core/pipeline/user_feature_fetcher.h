// Stage 1: the user's features for this request — the profile's two speeds
// of interest, the context interest (content being watched, recently viewed
// products), the exclude list and the storefront's shop.
#ifndef RANKER_CORE_PIPELINE_USER_FEATURE_FETCHER_H_
#define RANKER_CORE_PIPELINE_USER_FEATURE_FETCHER_H_

#include "absl/status/status.h"
#include "core/pipeline/request_state.h"

namespace ranker {

class UserFeatureFetcher {
 public:
  // Each recently viewed product counts this much less than the next one.
  static constexpr float kRecentProductDecay = 0.8f;

  // NOT_FOUND when the storefront's shop is not in the catalog.
  absl::Status Fetch(RequestState& state) const;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_USER_FEATURE_FETCHER_H_
