// Stage 2: products whose live stream is on now and that match the user's
// interests. A live stream is short-lived, so tag recall with its quotas may
// not reach it before it ends; this source looks at live products directly.
#ifndef RANKER_CORE_PIPELINE_LIVE_NOW_RETRIEVER_H_
#define RANKER_CORE_PIPELINE_LIVE_NOW_RETRIEVER_H_

#include "core/pipeline/stages.h"

namespace ranker {

// Walks the snapshot's live products, latest end first, until the first one
// whose stream has ended (at most kMaxLiveScanned), and keeps the
// live_now_quota live ones that match the instant, long-term and context
// interests best (the sum of the three cosines, above 0). A user without any
// interest has nothing to match; whatever the popular fallback proposes
// still gets the live_now boost. Scheduled streams (starting later) are
// walked over, so the bound also covers a catalog that plans many ahead.
class LiveNowRetriever : public Retriever {
 public:
  static constexpr size_t kMaxLiveScanned = 10000;

  absl::string_view name() const override {
    return SourceName(Source::kLiveNow);
  }
  void Retrieve(RequestState& state) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_LIVE_NOW_RETRIEVER_H_
