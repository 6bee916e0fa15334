// The governance of every shop at one moment: status and quality score by
// ShopIdx. Immutable once published; the Catalog swaps in a new one for each
// UpsertShops, without touching the product snapshot, and a request reads the
// one it took at its start, in O(1) per candidate.
#ifndef RANKER_CORE_CATALOG_SHOP_GOVERNANCE_H_
#define RANKER_CORE_CATALOG_SHOP_GOVERNANCE_H_

#include <cstddef>
#include <utility>
#include <vector>

#include "core/catalog/shop.h"
#include "core/types.h"

namespace ranker {

class ShopGovernance {
 public:
  ShopGovernance() = default;
  // `states` is indexed by ShopIdx; shops past its end are ungoverned.
  explicit ShopGovernance(std::vector<ShopState> states);

  // The shop's state; a shop never governed is active with quality 1.
  const ShopState& Of(ShopIdx shop) const {
    return shop < states_.size() ? states_[shop] : kUngoverned;
  }
  const std::vector<ShopState>& states() const { return states_; }
  // Shops named by UpsertShops at least once.
  size_t governed_count() const { return governed_count_; }

 private:
  static const ShopState kUngoverned;

  std::vector<ShopState> states_;
  size_t governed_count_ = 0;
};

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_SHOP_GOVERNANCE_H_
