// Latent demand: products from tags next to the user's interests, which the
// user has never shown interest in. A person who watches business-travel
// videos may want the portable kettle they never searched for, because other
// people who watch business-travel content engage with kettles (the
// TagCooccurrenceIndex learns that from events).
#ifndef RANKER_CORE_PIPELINE_EXPLORATION_RETRIEVER_H_
#define RANKER_CORE_PIPELINE_EXPLORATION_RETRIEVER_H_

#include "core/pipeline/stages.h"

namespace ranker {

// Seeds: the interest_tags_used strongest positive tags of each interest
// (instant, long-term, context), each weighing its weight relative to its
// interest's strongest. Adjacent tags: the seeds' co-occurring tags that no
// interest holds, weighing Σ seed weight × co-occurrence share; the
// interest_tags_used strongest are kept (in RequestState::adjacent_tags).
// Products: Σ adjacent weight × the product's tag weight over the tag index
// (at most postings_per_tag postings per tag); the exploration_quota best
// are proposed as Source::kExploration.
class AdjacentInterestRetriever : public Retriever {
 public:
  absl::string_view name() const override {
    return SourceName(Source::kExploration);
  }
  void Retrieve(RequestState& state) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_EXPLORATION_RETRIEVER_H_
