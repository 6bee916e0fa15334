#include "core/pipeline/conversion_scorers.h"

#include <cmath>

#include "core/pipeline/conversion_signals.h"

namespace ranker {

void ValueScorer::Score(const RequestState& state,
                        std::vector<Candidate>& candidates) const {
  const double reference = MedianPositivePrice(candidates);
  for (Candidate& c : candidates) {
    const double price = c.item->price;
    c.SetPart(ScorePart::kValue,
              price > 0.0 && reference > 0.0
                  ? state.config.value * std::log(price / reference)
                  : 0.0);
  }
}

void RepurchaseDueScorer::Score(const RequestState& state,
                                std::vector<Candidate>& candidates) const {
  const auto& purchases = state.profile.purchases;
  for (Candidate& c : candidates) {
    auto bought = purchases.find(c.product);
    c.SetPart(ScorePart::kRepurchaseDue,
              bought == purchases.end()
                  ? 0.0
                  : state.config.repurchase_due *
                        RepurchaseDueSignal(*c.item, bought->second, state.now,
                                            state.config.repurchase_due_share));
  }
}

void CartScorer::Score(const RequestState& state,
                       std::vector<Candidate>& candidates) const {
  const auto& carted = state.profile.carted;
  for (Candidate& c : candidates) {
    auto cart = carted.find(c.product);
    c.SetPart(
        ScorePart::kCart,
        cart == carted.end()
            ? 0.0
            : state.config.cart * CartSignal(cart->second, state.now,
                                             state.config.cart_memory_days));
  }
}

}  // namespace ranker
