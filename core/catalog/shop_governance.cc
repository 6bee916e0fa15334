#include "core/catalog/shop_governance.h"

#include <algorithm>

namespace ranker {

const ShopState ShopGovernance::kUngoverned;

ShopGovernance::ShopGovernance(std::vector<ShopState> states)
    : states_(std::move(states)),
      governed_count_(std::count_if(
          states_.begin(), states_.end(),
          [](const ShopState& state) { return state.governed; })) {}

}  // namespace ranker
