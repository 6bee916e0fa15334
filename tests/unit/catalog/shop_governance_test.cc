#include "core/catalog/shop_governance.h"

#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(ShopGovernance, AnEmptyOneHasEveryShopActiveAtFullQuality) {
  const ShopGovernance none;
  for (ShopIdx shop : {0u, 7u, 4'000'000'000u}) {
    EXPECT_FALSE(none.Of(shop).banned()) << shop;
    EXPECT_EQ(none.Of(shop).quality, 1.0) << shop;
  }
  EXPECT_EQ(none.governed_count(), 0u);
}

TEST(ShopGovernance, ReadsStatesByShopIdxAndDefaultsPastTheEnd) {
  std::vector<ShopState> states(3);
  states[1] = {ShopStatus::kBanned, 0.3, true};
  states[2] = {ShopStatus::kActive, 0.8, true};
  const ShopGovernance governance(states);
  EXPECT_FALSE(governance.Of(0).banned());  // interned, never governed
  EXPECT_EQ(governance.Of(0).quality, 1.0);
  EXPECT_TRUE(governance.Of(1).banned());
  EXPECT_EQ(governance.Of(1).quality, 0.3);
  EXPECT_FALSE(governance.Of(2).banned());
  EXPECT_EQ(governance.Of(2).quality, 0.8);
  EXPECT_FALSE(governance.Of(3).banned());
  EXPECT_EQ(governance.Of(3).quality, 1.0);
  EXPECT_EQ(governance.governed_count(), 2u);
}

}  // namespace
}  // namespace ranker
