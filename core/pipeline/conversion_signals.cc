#include "core/pipeline/conversion_signals.h"

#include <algorithm>

namespace ranker {

double RepurchaseCyclesElapsed(const Product& product, TimeMs bought,
                               TimeMs now) {
  if (product.is_durable()) return 0.0;
  const double cycle_ms =
      static_cast<double>(product.repurchase_cycle_days) * kMsPerDay;
  return std::max(0.0, static_cast<double>(now - bought) / cycle_ms);
}

bool RepurchaseNotDueYet(const Product& product, TimeMs bought, TimeMs now,
                         double due_share) {
  return !product.is_durable() &&
         RepurchaseCyclesElapsed(product, bought, now) < due_share;
}

double RepurchaseDueSignal(const Product& product, TimeMs bought, TimeMs now,
                           double due_share) {
  if (product.is_durable()) return 0.0;
  const double cycles = RepurchaseCyclesElapsed(product, bought, now);
  if (cycles < due_share) return 0.0;
  if (cycles <= 1.0) return 1.0;
  return std::max(
      0.0, (kRepurchaseFadeCycles - cycles) / (kRepurchaseFadeCycles - 1.0));
}

double CartSignal(TimeMs carted, TimeMs now, double memory_days) {
  const double age_ms =
      std::max<double>(0.0, static_cast<double>(now - carted));
  return std::max(0.0, 1.0 - age_ms / (memory_days * kMsPerDay));
}

double MedianPositivePrice(const std::vector<Candidate>& candidates) {
  std::vector<double> prices;
  prices.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    if (c.item->price > 0.0) prices.push_back(c.item->price);
  }
  if (prices.empty()) return 0.0;
  const size_t middle = prices.size() / 2;
  std::nth_element(prices.begin(), prices.begin() + middle, prices.end());
  const double upper = prices[middle];
  if (prices.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(prices.begin(), prices.begin() + middle);
  return (lower + upper) / 2.0;
}

}  // namespace ranker
