// The signals behind conversion-oriented ranking, as pure functions shared by
// the filter, retrievers and scorers that read them: where a bought consumable
// stands in its repurchase cycle, how fresh a cart is, and the price a
// product's value is measured against.
#ifndef RANKER_CORE_PIPELINE_CONVERSION_SIGNALS_H_
#define RANKER_CORE_PIPELINE_CONVERSION_SIGNALS_H_

#include <vector>

#include "core/catalog/product.h"
#include "core/pipeline/candidate.h"
#include "core/types.h"

namespace ranker {

// A consumable not bought again within this many cycles has probably been
// replaced by something else: its repurchase signal has faded to 0.
inline constexpr double kRepurchaseFadeCycles = 3.0;

// How many of its repurchase cycles have passed since a consumable was bought
// (never negative); 0 for a durable good.
double RepurchaseCyclesElapsed(const Product& product, TimeMs bought,
                               TimeMs now);

// Whether a consumable bought at `bought` is too fresh to offer again: less
// than `due_share` of its cycle has passed. Always false for a durable good
// (PurchasedDurableFilter handles those).
bool RepurchaseNotDueYet(const Product& product, TimeMs bought, TimeMs now,
                         double due_share);

// The repurchase signal in [0, 1]: 0 before `due_share` of the cycle, 1 from
// then until the due date (one full cycle), then fading linearly to 0 at
// kRepurchaseFadeCycles cycles. 0 for a durable good.
double RepurchaseDueSignal(const Product& product, TimeMs bought, TimeMs now,
                           double due_share);

// The cart signal in [0, 1]: 1 for a product carted just now, fading linearly
// to 0 at `memory_days` after the cart.
double CartSignal(TimeMs carted, TimeMs now, double memory_days);

// The median of the candidates' positive prices (the mean of the two middle
// ones for an even count); 0 when no candidate has a price.
double MedianPositivePrice(const std::vector<Candidate>& candidates);

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_CONVERSION_SIGNALS_H_
