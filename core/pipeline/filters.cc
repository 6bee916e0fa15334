#include "core/pipeline/filters.h"

namespace ranker {

bool GovernanceFilter::Keep(const RequestState& state,
                            const Candidate& candidate) const {
  return candidate.item->status == ProductStatus::kActive;
}

bool ExcludedFilter::Keep(const RequestState& state,
                          const Candidate& candidate) const {
  return !state.excluded.contains(candidate.product);
}

bool PurchasedDurableFilter::Keep(const RequestState& state,
                                  const Candidate& candidate) const {
  return !(candidate.item->is_durable() &&
           state.profile.purchases.contains(candidate.product));
}

bool DismissedFilter::Keep(const RequestState& state,
                           const Candidate& candidate) const {
  return !state.profile.dismissed.contains(candidate.product);
}

bool StorefrontShopFilter::Keep(const RequestState& state,
                                const Candidate& candidate) const {
  return !state.storefront_shop.has_value() ||
         candidate.item->shop_idx == *state.storefront_shop;
}

}  // namespace ranker
