// Scorers for conversion: the product's value, a due repurchase and an open
// cart. Together with EngagementRateScorer's click_rate and purchase_rate
// parts they make the objective
//   click_rate × log pCTR + purchase_rate × log pCVR + value × log price,
// the log of pCTR^a × pCVR^b × price^c: (1, 0, 0) ranks for clicks, (1, 1, 1)
// for expected revenue per impression (GMV).
#ifndef RANKER_CORE_PIPELINE_CONVERSION_SCORERS_H_
#define RANKER_CORE_PIPELINE_CONVERSION_SCORERS_H_

#include "core/pipeline/stages.h"

namespace ranker {

// value × log(price / reference), the reference being the median positive
// price among the request's candidates: a product at the median scores 0, one
// twice as dear value × log 2. A product without a price scores 0.
class ValueScorer : public Scorer {
 public:
  absl::string_view name() const override { return "value"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// repurchase_due × RepurchaseDueSignal for the consumables the user bought:
// strongest from repurchase_due_share of the cycle to the due date, fading
// over the next two cycles.
class RepurchaseDueScorer : public Scorer {
 public:
  absl::string_view name() const override { return "repurchase_due"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// cart × CartSignal for the products the user carted and did not buy:
// strongest right after the cart, gone after cart_memory_days.
class CartScorer : public Scorer {
 public:
  absl::string_view name() const override { return "cart"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_CONVERSION_SCORERS_H_
