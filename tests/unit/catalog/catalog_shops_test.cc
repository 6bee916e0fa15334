// Catalog::UpsertShops: shop governance published beside the product
// snapshot, never rebuilding it.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "core/catalog/catalog.h"
#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using test::Spec;
using test::TestCatalog;

ShopSpec Shop(std::string id, ShopStatus status,
              std::optional<double> quality = std::nullopt) {
  return ShopSpec{std::move(id), status, quality};
}

absl::StatusOr<UpsertResult> Upsert(TestCatalog& t,
                                    std::vector<ShopSpec> shops) {
  return t.catalog.UpsertShops(shops);
}

// The governance the current snapshot's product `id` reads.
ShopState StateOf(TestCatalog& t, const std::string& id) {
  return t.catalog.shops()->Of(
      t.catalog.snapshot()->product(t.Idx(id)).shop_idx);
}

TEST(CatalogShops, StartsWithNoShopGoverned) {
  TestCatalog t;
  ASSERT_NE(t.catalog.shops(), nullptr);
  EXPECT_EQ(t.catalog.shops()->governed_count(), 0u);
  t.Add({Spec("a", {}, {"c"}, "s1")});
  EXPECT_FALSE(StateOf(t, "a").banned());
  EXPECT_EQ(StateOf(t, "a").quality, 1.0);
}

TEST(CatalogShops, GoverningAShopKnownFromItsProductsUsesItsIndex) {
  TestCatalog t;
  t.Add({Spec("a", {}, {"c"}, "s1"), Spec("b", {}, {"c"}, "s2")});
  absl::StatusOr<UpsertResult> result =
      Upsert(t, {Shop("s2", ShopStatus::kBanned, 0.5)});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->inserted, 1);
  EXPECT_EQ(result->updated, 0);
  EXPECT_FALSE(StateOf(t, "a").banned());
  EXPECT_TRUE(StateOf(t, "b").banned());
  EXPECT_EQ(StateOf(t, "b").quality, 0.5);
}

TEST(CatalogShops, AShopGovernedBeforeItsProductsExistKeepsItsIndex) {
  TestCatalog t;
  t.Add({Spec("a", {}, {"c"}, "s1")});
  ASSERT_TRUE(Upsert(t, {Shop("later", ShopStatus::kBanned, 0.2)}).ok());
  t.Add({Spec("b", {}, {"c"}, "s3"), Spec("c", {}, {"c"}, "later")});
  EXPECT_TRUE(StateOf(t, "c").banned());
  EXPECT_EQ(StateOf(t, "c").quality, 0.2);
  EXPECT_FALSE(StateOf(t, "b").banned());
  EXPECT_EQ(StateOf(t, "b").quality, 1.0);
  EXPECT_FALSE(StateOf(t, "a").banned());
  // The storefront finds the shop by the same index.
  EXPECT_EQ(t.catalog.snapshot()->FindShop("later"),
            t.catalog.snapshot()->product(t.Idx("c")).shop_idx);
}

TEST(CatalogShops, AnUpdateReplacesTheStatusAndKeepsAnAbsentScore) {
  TestCatalog t;
  t.Add({Spec("a", {}, {"c"}, "s1")});
  ASSERT_TRUE(Upsert(t, {Shop("s1", ShopStatus::kBanned, 0.3)}).ok());
  absl::StatusOr<UpsertResult> result = Upsert(
      t, {Shop("s1", ShopStatus::kActive), Shop("s9", ShopStatus::kActive)});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->updated, 1);
  EXPECT_EQ(result->inserted, 1);
  EXPECT_FALSE(StateOf(t, "a").banned());
  EXPECT_EQ(StateOf(t, "a").quality, 0.3);
  ASSERT_TRUE(Upsert(t, {Shop("s1", ShopStatus::kActive, 1.0)}).ok());
  EXPECT_EQ(StateOf(t, "a").quality, 1.0);
  EXPECT_EQ(t.catalog.shops()->governed_count(), 2u);
}

TEST(CatalogShops, ChangesNeverRebuildTheProductSnapshot) {
  TestCatalog t;
  t.Add({Spec("a", {}, {"c"}, "s1")});
  const std::shared_ptr<const CatalogSnapshot> products = t.catalog.snapshot();
  ASSERT_TRUE(Upsert(t, {Shop("s1", ShopStatus::kBanned)}).ok());
  EXPECT_EQ(t.catalog.snapshot(), products);
}

TEST(CatalogShops, AReaderKeepsTheGovernanceItTookUntilItTakesItAgain) {
  TestCatalog t;
  t.Add({Spec("a", {}, {"c"}, "s1")});
  const ShopIdx s1 = t.catalog.snapshot()->product(0).shop_idx;
  const std::shared_ptr<const ShopGovernance> before = t.catalog.shops();
  ASSERT_TRUE(Upsert(t, {Shop("s1", ShopStatus::kBanned)}).ok());
  EXPECT_FALSE(before->Of(s1).banned());
  EXPECT_TRUE(t.catalog.shops()->Of(s1).banned());
}

TEST(CatalogShops, AFailedCallChangesNothing) {
  TestCatalog t;
  t.Add({Spec("a", {}, {"c"}, "s1")});
  ASSERT_TRUE(Upsert(t, {Shop("s1", ShopStatus::kActive, 0.9)}).ok());
  const std::shared_ptr<const ShopGovernance> before = t.catalog.shops();
  absl::StatusOr<UpsertResult> result = Upsert(
      t, {Shop("s1", ShopStatus::kBanned, 0.1),
          Shop("new", ShopStatus::kBanned), Shop("", ShopStatus::kActive)});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "shops[2].shop_id: must not be empty");
  EXPECT_EQ(t.catalog.shops(), before);
  EXPECT_FALSE(StateOf(t, "a").banned());
  EXPECT_EQ(StateOf(t, "a").quality, 0.9);
  // "new" was not registered: its first product is ungoverned.
  t.Add({Spec("b", {}, {"c"}, "new")});
  EXPECT_FALSE(StateOf(t, "b").banned());
}

TEST(CatalogShops, RejectsEmptyOversizedAndDuplicatedCalls) {
  TestCatalog t;
  EXPECT_EQ(Upsert(t, {}).status().message(), "shops: must not be empty");
  std::vector<ShopSpec> many(10'001, Shop("x", ShopStatus::kActive));
  EXPECT_EQ(Upsert(t, many).status().message(),
            "shops: at most 10000 entries allowed, got 10001");
  EXPECT_EQ(Upsert(t, {Shop("x", ShopStatus::kActive),
                       Shop("x", ShopStatus::kBanned)})
                .status()
                .message(),
            "shops[1].shop_id: duplicate id 'x' in the same call");
  EXPECT_EQ(Upsert(t, {Shop("x", ShopStatus::kActive, 2.0)}).status().message(),
            "shops[0].quality_score: must be in [0, 1], got 2");
  EXPECT_EQ(t.catalog.shops()->governed_count(), 0u);
}

// A call that bans two shops is seen whole or not at all by a concurrent
// reader: both banned or both active, never one of each.
TEST(CatalogShops, ReadersSeeEachCallWhole) {
  TestCatalog t;
  t.Add({Spec("a", {}, {"c"}, "s1"), Spec("b", {}, {"c"}, "s2")});
  const ShopIdx s1 = t.catalog.snapshot()->product(0).shop_idx;
  const ShopIdx s2 = t.catalog.snapshot()->product(1).shop_idx;
  std::atomic<bool> done = false;
  std::atomic<int> torn = 0;
  std::thread reader([&] {
    while (!done.load()) {
      const std::shared_ptr<const ShopGovernance> shops = t.catalog.shops();
      if (shops->Of(s1).banned() != shops->Of(s2).banned()) ++torn;
    }
  });
  for (int i = 0; i < 2000; ++i) {
    const ShopStatus status = i % 2 ? ShopStatus::kBanned : ShopStatus::kActive;
    ASSERT_TRUE(Upsert(t, {Shop("s1", status), Shop("s2", status)}).ok());
  }
  done = true;
  reader.join();
  EXPECT_EQ(torn.load(), 0);
}

}  // namespace
}  // namespace ranker
