#include "core/pipeline/filters.h"

#include "core/pipeline/conversion_signals.h"

namespace ranker {

bool GovernanceFilter::Keep(const RequestState& state,
                            const Candidate& candidate) const {
  // The dense gate, not the product: this runs before any stage has read
  // the candidate's product into cache.
  return state.Eligible(state.catalog.gate(candidate.product));
}

bool ExcludedFilter::Keep(const RequestState& state,
                          const Candidate& candidate) const {
  return !state.excluded.contains(candidate.product);
}

bool PurchasedDurableFilter::Keep(const RequestState& state,
                                  const Candidate& candidate) const {
  // The purchases first: a small set in cache, where the product is likely
  // a cache miss.
  return !(state.profile.purchases.contains(candidate.product) &&
           candidate.item->is_durable());
}

bool RepurchaseNotDueFilter::Keep(const RequestState& state,
                                  const Candidate& candidate) const {
  auto bought = state.profile.purchases.find(candidate.product);
  return bought == state.profile.purchases.end() ||
         !RepurchaseNotDueYet(*candidate.item, bought->second, state.now,
                              state.config.repurchase_due_share);
}

bool DismissedFilter::Keep(const RequestState& state,
                           const Candidate& candidate) const {
  return !state.profile.dismissed.contains(candidate.product);
}

bool ImpressionFatigueFilter::Keep(const RequestState& state,
                                   const Candidate& candidate) const {
  auto it = state.profile.unengaged_impressions.find(candidate.product);
  if (it == state.profile.unengaged_impressions.end()) return true;
  const double cooldown_ms = state.config.fatigue_cooldown_hours * 3600e3;
  return it->second.count < state.config.fatigue_impressions ||
         static_cast<double>(state.now - it->second.last) >= cooldown_ms;
}

bool StorefrontShopFilter::Keep(const RequestState& state,
                                const Candidate& candidate) const {
  return !state.storefront_shop.has_value() ||
         candidate.item->shop_idx == *state.storefront_shop;
}

}  // namespace ranker
