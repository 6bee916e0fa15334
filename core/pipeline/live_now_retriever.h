// Stage 2: products whose live stream is on now and that match the user's
// interests. A live stream is short-lived, so tag recall with its quotas may
// not reach it before it ends; this source looks at live products directly.
#ifndef RANKER_CORE_PIPELINE_LIVE_NOW_RETRIEVER_H_
#define RANKER_CORE_PIPELINE_LIVE_NOW_RETRIEVER_H_

#include "core/pipeline/stages.h"

namespace ranker {

// Reads the interest_tags_used strongest tags of the user's instant,
// long-term and context interests in the snapshot's index of products with
// a live-stream window (at most postings_per_tag products per tag, so the
// work is bounded however many streams are planned or live), and keeps the
// live_now_quota products live now that match the three interests best (the
// sum of the three cosines over those tags, above 0).
// A user without any interest has nothing to match; whatever the popular
// fallback proposes still gets the live_now boost.
class LiveNowRetriever : public Retriever {
 public:
  absl::string_view name() const override {
    return SourceName(Source::kLiveNow);
  }
  void Retrieve(RequestState& state) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_LIVE_NOW_RETRIEVER_H_
