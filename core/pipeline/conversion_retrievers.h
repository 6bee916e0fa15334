// Candidate sources from what the user bought or nearly bought: consumables
// whose repurchase cycle is due, and products carted and not bought.
#ifndef RANKER_CORE_PIPELINE_CONVERSION_RETRIEVERS_H_
#define RANKER_CORE_PIPELINE_CONVERSION_RETRIEVERS_H_

#include "core/pipeline/stages.h"

namespace ranker {

// The user's bought consumables that are due again (RepurchaseDueSignal > 0:
// from repurchase_due_share of the cycle until it has faded, 3 cycles after
// the purchase), strongest first, at most repurchase_quota.
class RepurchaseRetriever : public Retriever {
 public:
  absl::string_view name() const override {
    return SourceName(Source::kRepurchase);
  }
  void Retrieve(RequestState& state) const override;
};

// The user's products carted and not bought since, younger than
// cart_memory_days, most recent first. The profile keeps at most
// InterestConfig::max_carted of them, which bounds the work.
class CartRetriever : public Retriever {
 public:
  absl::string_view name() const override { return SourceName(Source::kCart); }
  void Retrieve(RequestState& state) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_CONVERSION_RETRIEVERS_H_
