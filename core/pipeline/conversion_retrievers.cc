#include "core/pipeline/conversion_retrievers.h"

#include "absl/container/flat_hash_map.h"
#include "core/pipeline/conversion_signals.h"

namespace ranker {

void RepurchaseRetriever::Retrieve(RequestState& state) const {
  const size_t quota = KnobCount(state.config.repurchase_quota);
  if (quota == 0) return;
  absl::flat_hash_map<ProductIdx, double> due;
  for (const auto& [product, bought] : state.profile.purchases) {
    // The profile may name products newer than this snapshot.
    if (product >= state.catalog.size()) continue;
    due[product] =
        RepurchaseDueSignal(state.catalog.product(product), bought, state.now,
                            state.config.repurchase_due_share);
  }
  state.AddBest(Source::kRepurchase, quota, due);
}

void CartRetriever::Retrieve(RequestState& state) const {
  absl::flat_hash_map<ProductIdx, double> fresh;
  for (const auto& [product, carted] : state.profile.carted) {
    if (product >= state.catalog.size()) continue;
    fresh[product] =
        CartSignal(carted, state.now, state.config.cart_memory_days);
  }
  state.AddBest(Source::kCart, fresh.size(), fresh);
}

}  // namespace ranker
