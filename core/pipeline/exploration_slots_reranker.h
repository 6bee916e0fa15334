// Stage 6: exploration slots. An adjacent-interest product has no interest
// match by construction (its tags are new to the user), so its score part
// alone rarely lifts it into the list. This reranker guarantees up to
// exploration_slots places (never more than half the list) at the end of the
// list's head to the best-scored products that only the exploration
// retriever found, counting those already there.
#ifndef RANKER_CORE_PIPELINE_EXPLORATION_SLOTS_RERANKER_H_
#define RANKER_CORE_PIPELINE_EXPLORATION_SLOTS_RERANKER_H_

#include "core/pipeline/stages.h"

namespace ranker {

class ExplorationSlotsReranker : public Reranker {
 public:
  absl::string_view name() const override { return "exploration_slots"; }
  void Rerank(const RequestState& state,
              std::vector<Candidate>& ranked) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_EXPLORATION_SLOTS_RERANKER_H_
