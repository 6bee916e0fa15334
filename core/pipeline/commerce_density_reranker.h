// Stage 6, FEED only: commerce must not crowd out content. When the caller
// says how many content slots the page has, at most feed_commerce_share of
// them hold products, fewer for a person who keeps skipping products (their
// commerce tolerance, learned from events), and only products whose score
// clears that person's threshold are shown at all. A storefront, or a feed
// request without content_slots, is left alone.
#ifndef RANKER_CORE_PIPELINE_COMMERCE_DENSITY_RERANKER_H_
#define RANKER_CORE_PIPELINE_COMMERCE_DENSITY_RERANKER_H_

#include <optional>

#include "core/pipeline/stages.h"

namespace ranker {

// The rule for this request; empty when it does not apply.
std::optional<CommerceDensity> CommerceDensityFor(const RequestState& state);

class CommerceDensityReranker : public Reranker {
 public:
  absl::string_view name() const override { return "commerce_density"; }
  void Rerank(const RequestState& state,
              std::vector<Candidate>& ranked) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_COMMERCE_DENSITY_RERANKER_H_
