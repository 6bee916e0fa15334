// Stage 5: the content-form signals of interest e-commerce (FACT: a product
// reaches users through its shop, creators, campaigns and top creators, as
// short videos, live streams or cards). Boosts added on top of the interest
// match, never replacing it.
#ifndef RANKER_CORE_PIPELINE_FACT_BOOST_SCORER_H_
#define RANKER_CORE_PIPELINE_FACT_BOOST_SCORER_H_

#include <vector>

#include "core/pipeline/stages.h"

namespace ranker {

// Sets four parts:
// - live_now: `live_now` when the product's live stream is on at request
//   time (live_start_ms <= now < live_end_ms), else 0;
// - campaign: `campaign` when its campaign runs at request time (the flag is
//   set and now is inside its window, or it has no window), else 0;
// - creator: `creator` × the user's affinity with the product's best creator
//   (a creator the user never engaged with counts 0), divided by the user's
//   strongest affinity of the same sign: 1 for the favourite creator, −1 for
//   the most rejected one;
// - content_form: `content_form` × the user's engagement through the best of
//   the product's content forms, divided by that through the user's most
//   used form: a user who buys from live streams leans to products sold
//   there.
class FactBoostScorer : public Scorer {
 public:
  absl::string_view name() const override { return "fact_boost"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_FACT_BOOST_SCORER_H_
