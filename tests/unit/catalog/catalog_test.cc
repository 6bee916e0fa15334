#include "core/catalog/catalog.h"

#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using test::Spec;
using test::TestCatalog;

TEST(Catalog, StartsWithAnEmptySnapshot) {
  TagDictionary tags;
  Catalog catalog(&tags);
  ASSERT_NE(catalog.snapshot(), nullptr);
  EXPECT_EQ(catalog.snapshot()->size(), 0u);
}

TEST(Catalog, RejectsAnEmptyUpsert) {
  TestCatalog t;
  absl::StatusOr<UpsertResult> result = t.catalog.Upsert({});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "products: must not be empty");
}

TEST(Catalog, InsertAssignsIndexesInOrderAndCountsInserts) {
  TestCatalog t;
  std::vector<ProductSpec> specs = {Spec("a", {{"x", 1.0}}),
                                    Spec("b", {{"y", 1.0}})};
  absl::StatusOr<UpsertResult> result = t.catalog.Upsert(specs);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->inserted, 2);
  EXPECT_EQ(result->updated, 0);
  auto snapshot = t.catalog.snapshot();
  EXPECT_EQ(snapshot->Find("a"), 0u);
  EXPECT_EQ(snapshot->Find("b"), 1u);
  EXPECT_EQ(snapshot->product(0).idx, 0u);
  EXPECT_EQ(snapshot->product(1).idx, 1u);
}

TEST(Catalog, BuildsTheCoreProductFromTheSpec) {
  TestCatalog t;
  ProductSpec spec = Spec("a", {{"zeta", 0.6}, {"alpha", 0.8}},
                          {"home", "kitchen", "kettles"}, "s9");
  spec.title = "Kettle";
  spec.price = 38.9;
  spec.content_forms = {ContentForm::kShortVideo, ContentForm::kProductCard};
  spec.repurchase_cycle_days = 30;
  spec.campaign = true;
  auto snapshot = t.Add({spec});
  const Product& p = snapshot->product(0);
  EXPECT_EQ(p.id, "a");
  EXPECT_EQ(p.title, "Kettle");
  EXPECT_EQ(p.category, "home/kitchen/kettles");
  EXPECT_EQ(p.shop_id, "s9");
  EXPECT_EQ(p.shop_idx, *snapshot->FindShop("s9"));
  EXPECT_EQ(p.price, 38.9);
  EXPECT_EQ(p.content_forms, FormBit(ContentForm::kShortVideo) |
                                 FormBit(ContentForm::kProductCard));
  EXPECT_EQ(p.repurchase_cycle_days, 30);
  EXPECT_TRUE(p.campaign);
  // Tags sorted by id ("zeta" was interned first), norm of (0.6, 0.8) is 1.
  ASSERT_EQ(p.tags.size(), 2u);
  EXPECT_EQ(p.tags[0].tag, t.Tag("zeta"));
  EXPECT_EQ(p.tags[0].weight, 0.6f);
  EXPECT_EQ(p.tags[1].tag, t.Tag("alpha"));
  EXPECT_EQ(p.tags[1].weight, 0.8f);
  EXPECT_LT(p.tags[0].tag, p.tags[1].tag);
  EXPECT_NEAR(p.tag_norm, 1.0f, 1e-6);
}

TEST(Catalog, KeepsTheWindowsAndInternsCreatorsSorted) {
  TestCatalog t;
  ProductSpec first = Spec("a", {{"x", 1.0}});
  first.creator_ids = {"c-zed", "c-amy"};
  ProductSpec second = Spec("b", {{"x", 1.0}});
  second.live_start_ms = 100;
  second.live_end_ms = 200;
  second.campaign = true;
  second.campaign_start_ms = 300;
  second.campaign_end_ms = 400;
  second.creator_ids = {"c-amy"};
  auto snapshot = t.Add({first, second});
  const std::optional<CreatorId> zed = t.catalog.creators().Find("c-zed");
  const std::optional<CreatorId> amy = t.catalog.creators().Find("c-amy");
  ASSERT_TRUE(zed.has_value() && amy.has_value());
  EXPECT_LT(*zed, *amy);  // interned in the order given
  EXPECT_EQ(snapshot->product(0).creators,
            (std::vector<CreatorId>{*zed, *amy}));
  EXPECT_EQ(snapshot->product(1).creators, (std::vector<CreatorId>{*amy}));
  EXPECT_TRUE(snapshot->product(0).live_window.empty());
  EXPECT_TRUE(snapshot->product(0).campaign_window.empty());
  EXPECT_EQ(snapshot->product(1).live_window.start, 100);
  EXPECT_EQ(snapshot->product(1).live_window.end, 200);
  EXPECT_EQ(snapshot->product(1).campaign_window.start, 300);
  EXPECT_EQ(snapshot->product(1).campaign_window.end, 400);
}

TEST(Catalog, AnInvalidCreatorFailsTheCallNamingIt) {
  TestCatalog t;
  ProductSpec spec = Spec("a", {{"x", 1.0}});
  spec.creator_ids = {""};
  const std::vector<ProductSpec> specs = {spec};
  absl::StatusOr<UpsertResult> result = t.catalog.Upsert(specs);
  EXPECT_EQ(result.status().message(),
            "products[0].creator_ids[0]: must not be empty");
}

TEST(Catalog, SameCategoryPathSharesOneCategoryIdx) {
  TestCatalog t;
  auto snapshot = t.Add({Spec("a", {}, {"home", "kitchen"}),
                         Spec("b", {}, {"home", "decor"}),
                         Spec("c", {}, {"home", "kitchen"})});
  EXPECT_EQ(snapshot->product(0).category_idx,
            snapshot->product(2).category_idx);
  EXPECT_NE(snapshot->product(0).category_idx,
            snapshot->product(1).category_idx);
}

TEST(Catalog, UpdateKeepsTheProductIdxAndReplacesTheProductWhole) {
  TestCatalog t;
  t.Add({Spec("a", {{"x", 1.0}}, {"c1"}, "s1"), Spec("b", {{"x", 1.0}})});
  ProductSpec update = Spec("a", {{"y", 0.5}}, {"c2"}, "s2");
  update.title = "New title";
  absl::StatusOr<UpsertResult> result =
      t.catalog.Upsert(std::vector<ProductSpec>{update});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->inserted, 0);
  EXPECT_EQ(result->updated, 1);
  auto snapshot = t.catalog.snapshot();
  EXPECT_EQ(snapshot->size(), 2u);
  EXPECT_EQ(snapshot->Find("a"), 0u);
  const Product& a = snapshot->product(0);
  EXPECT_EQ(a.title, "New title");
  EXPECT_EQ(a.category, "c2");
  EXPECT_EQ(a.shop_id, "s2");
  EXPECT_EQ(a.TagWeightOf(t.Tag("x")), 0.0f);
  EXPECT_EQ(a.TagWeightOf(t.Tag("y")), 0.5f);
  // The index and the shop lists follow the update.
  std::span<const Posting> x = snapshot->tag_index().Postings(t.Tag("x"));
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].product, 1u);
  EXPECT_TRUE(snapshot->ShopProducts(*snapshot->FindShop("s1")).empty());
  ASSERT_EQ(snapshot->ShopProducts(*snapshot->FindShop("s2")).size(), 1u);
}

TEST(Catalog, InsertAndUpdateInOneCall) {
  TestCatalog t;
  t.Add({Spec("a", {})});
  absl::StatusOr<UpsertResult> result = t.catalog.Upsert(
      std::vector<ProductSpec>{Spec("b", {}), Spec("a", {}), Spec("c", {})});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->inserted, 2);
  EXPECT_EQ(result->updated, 1);
  EXPECT_EQ(t.catalog.snapshot()->Find("b"), 1u);
  EXPECT_EQ(t.catalog.snapshot()->Find("c"), 2u);
}

TEST(Catalog, AnOldSnapshotStillSeesTheOldProduct) {
  TestCatalog t;
  std::shared_ptr<const CatalogSnapshot> before =
      t.Add({Spec("a", {{"x", 1.0}})});
  ProductSpec banned = Spec("a", {{"x", 1.0}});
  banned.status = ProductStatus::kBanned;
  banned.title = "changed";
  std::shared_ptr<const CatalogSnapshot> after = t.Add({banned, Spec("b", {})});
  EXPECT_NE(before, after);
  EXPECT_EQ(before->size(), 1u);
  EXPECT_EQ(before->product(0).status, ProductStatus::kActive);
  EXPECT_EQ(before->product(0).title, "Title of a");
  EXPECT_EQ(before->Find("b"), std::nullopt);
  EXPECT_EQ(after->product(0).status, ProductStatus::kBanned);
  EXPECT_EQ(after->product(0).title, "changed");
  // Products not touched by the update are shared, not copied.
  EXPECT_EQ(after->size(), 2u);
}

TEST(Catalog, UntouchedProductsAreSharedBetweenSnapshots) {
  TestCatalog t;
  auto before = t.Add({Spec("a", {}), Spec("b", {})});
  auto after = t.Add({Spec("b", {})});
  EXPECT_EQ(before->products()[0], after->products()[0]);
  EXPECT_NE(before->products()[1], after->products()[1]);
}

TEST(Catalog, ABadSpecRejectsTheWholeCallAndNamesTheField) {
  TestCatalog t;
  auto before = t.Add({Spec("a", {{"x", 1.0}})});
  std::vector<ProductSpec> specs = {Spec("a", {{"x", 0.5}}),
                                    Spec("new1", {{"x", 1.0}}),
                                    Spec("new2", {{"y", 1.0}, {"z", 1.5}})};
  absl::StatusOr<UpsertResult> result = t.catalog.Upsert(specs);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "products[2].tags[1].weight: must be in [0, 1], got 1.5");
  auto after = t.catalog.snapshot();
  EXPECT_EQ(after, before);
  EXPECT_EQ(after->size(), 1u);
  EXPECT_EQ(after->product(0).tags[0].weight, 1.0f);
  EXPECT_EQ(after->Find("new1"), std::nullopt);
  // Validation happens before anything is interned.
  EXPECT_EQ(t.tags.Find("y"), std::nullopt);
}

TEST(Catalog, RejectsADuplicateIdInOneCall) {
  TestCatalog t;
  std::vector<ProductSpec> specs = {Spec("a", {}), Spec("b", {}),
                                    Spec("a", {})};
  absl::StatusOr<UpsertResult> result = t.catalog.Upsert(specs);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "products[2].product_id: duplicate id 'a' in the same call");
  EXPECT_EQ(t.catalog.snapshot()->size(), 0u);
}

TEST(Catalog, AFullTagDictionaryFailsTheCallWithoutApplyingIt) {
  TagDictionary tags(/*max_tags=*/2);
  Catalog catalog(&tags);
  ASSERT_TRUE(
      catalog.Upsert(std::vector<ProductSpec>{Spec("a", {{"x", 1.0}})}).ok());
  auto before = catalog.snapshot();
  absl::StatusOr<UpsertResult> result = catalog.Upsert(std::vector<ProductSpec>{
      Spec("b", {{"x", 1.0}}), Spec("c", {{"y", 1.0}, {"z", 1.0}})});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(catalog.snapshot(), before);
  EXPECT_EQ(catalog.snapshot()->Find("b"), std::nullopt);
}

TEST(Catalog, AFailedCallLeavesNoTraceOfItsShops) {
  // A call that fails must not leave its shops behind for the next snapshot.
  TagDictionary tags(/*max_tags=*/1);
  Catalog catalog(&tags);
  ASSERT_TRUE(catalog
                  .Upsert(std::vector<ProductSpec>{
                      Spec("a", {{"x", 1.0}}, {"c"}, "real-shop")})
                  .ok());
  // Fails on its second product ("y" does not fit in the dictionary), after
  // the first one, from a new shop, was built.
  ASSERT_EQ(catalog
                .Upsert(std::vector<ProductSpec>{
                    Spec("b", {{"x", 1.0}}, {"c"}, "ghost-shop"),
                    Spec("d", {{"y", 1.0}}, {"c"}, "real-shop")})
                .status()
                .code(),
            absl::StatusCode::kResourceExhausted);
  ASSERT_TRUE(catalog
                  .Upsert(std::vector<ProductSpec>{
                      Spec("c", {{"x", 1.0}}, {"c"}, "real-shop")})
                  .ok());
  // No product of "ghost-shop" was ever accepted, so a storefront request for
  // it should be NOT_FOUND, which needs FindShop to fail.
  EXPECT_EQ(catalog.snapshot()->FindShop("ghost-shop"), std::nullopt);
}

TEST(Catalog, ReadersSeeConsistentSnapshotsWhileAWriterUpserts) {
  TestCatalog t;
  t.Add({Spec("p0", {{"x", 1.0}})});
  std::atomic<bool> done = false;
  std::thread writer([&] {
    for (int i = 1; i <= 200; ++i) {
      EXPECT_TRUE(t.catalog
                      .Upsert(std::vector<ProductSpec>{
                          Spec("p" + std::to_string(i), {{"x", 1.0}}),
                          Spec("p0", {{"x", 1.0}})})
                      .ok());
    }
    done = true;
  });
  size_t last_size = 0;
  while (!done) {
    std::shared_ptr<const CatalogSnapshot> s = t.catalog.snapshot();
    ASSERT_GE(s->size(), last_size);
    last_size = s->size();
    ASSERT_EQ(s->tag_index().Postings(t.Tag("x")).size(), s->size());
    for (ProductIdx i = 0; i < s->size(); ++i) {
      ASSERT_EQ(s->Find(s->product(i).id), i);
    }
  }
  writer.join();
  EXPECT_EQ(t.catalog.snapshot()->size(), 201u);
}

}  // namespace
}  // namespace ranker
