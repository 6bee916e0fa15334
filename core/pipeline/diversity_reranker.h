// Stage 6: diversity. Walks the scored list best first and defers a product
// whose category or shop already holds its share of the list; deferred
// products fill the remaining places only when nothing else is left. In a
// single shop's storefront the shop cap does not apply.
#ifndef RANKER_CORE_PIPELINE_DIVERSITY_RERANKER_H_
#define RANKER_CORE_PIPELINE_DIVERSITY_RERANKER_H_

#include "core/pipeline/stages.h"

namespace ranker {

class DiversityReranker : public Reranker {
 public:
  absl::string_view name() const override { return "diversity"; }
  void Rerank(const RequestState& state,
              std::vector<Candidate>& ranked) const override;

  // ceil(share × count), at least 1.
  static size_t Cap(double share, int count);
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_DIVERSITY_RERANKER_H_
