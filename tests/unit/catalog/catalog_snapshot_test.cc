#include "core/catalog/catalog_snapshot.h"

#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using test::Spec;
using test::TestCatalog;

std::vector<ProductIdx> AsVector(std::span<const ProductIdx> span) {
  return {span.begin(), span.end()};
}

TEST(CatalogSnapshot, EmptySnapshotFindsNothing) {
  CatalogSnapshot snapshot;
  EXPECT_EQ(snapshot.size(), 0u);
  EXPECT_EQ(snapshot.Find("p1"), std::nullopt);
  EXPECT_EQ(snapshot.FindShop("s1"), std::nullopt);
  EXPECT_TRUE(snapshot.ShopProducts(0).empty());
  EXPECT_EQ(snapshot.tag_index().tag_count(), 0u);
}

TEST(CatalogSnapshot, FindMapsIdsToTheirIndex) {
  TestCatalog t;
  auto snapshot = t.Add({Spec("a", {{"x", 1.0}}), Spec("b", {{"x", 1.0}}),
                         Spec("c", {{"y", 1.0}})});
  EXPECT_EQ(snapshot->size(), 3u);
  EXPECT_EQ(snapshot->Find("a"), 0u);
  EXPECT_EQ(snapshot->Find("b"), 1u);
  EXPECT_EQ(snapshot->Find("c"), 2u);
  EXPECT_EQ(snapshot->Find("d"), std::nullopt);
  EXPECT_EQ(snapshot->Find(""), std::nullopt);
  EXPECT_EQ(snapshot->product(1).id, "b");
  EXPECT_EQ(snapshot->products()[2]->id, "c");
}

TEST(CatalogSnapshot, ShopProductsListsEachShopInIndexOrder) {
  TestCatalog t;
  auto snapshot =
      t.Add({Spec("a", {}, {"c"}, "s1"), Spec("b", {}, {"c"}, "s2"),
             Spec("c", {}, {"c"}, "s1"), Spec("d", {}, {"c"}, "s1")});
  std::optional<ShopIdx> s1 = snapshot->FindShop("s1");
  std::optional<ShopIdx> s2 = snapshot->FindShop("s2");
  ASSERT_TRUE(s1.has_value());
  ASSERT_TRUE(s2.has_value());
  EXPECT_NE(*s1, *s2);
  EXPECT_EQ(AsVector(snapshot->ShopProducts(*s1)),
            (std::vector<ProductIdx>{0, 2, 3}));
  EXPECT_EQ(AsVector(snapshot->ShopProducts(*s2)),
            (std::vector<ProductIdx>{1}));
  EXPECT_EQ(snapshot->FindShop("s3"), std::nullopt);
  EXPECT_TRUE(snapshot->ShopProducts(99).empty());
}

TEST(CatalogSnapshot, IndexesTheTagsOfItsProducts) {
  TestCatalog t;
  auto snapshot = t.Add({Spec("a", {{"x", 0.5}}), Spec("b", {{"x", 0.75}})});
  std::span<const Posting> postings =
      snapshot->tag_index().Postings(t.Tag("x"));
  ASSERT_EQ(postings.size(), 2u);
  EXPECT_EQ(postings[0].product, 1u);
  EXPECT_EQ(postings[1].product, 0u);
}

TEST(CatalogSnapshot, ListsLiveProductsLatestEndFirst) {
  TestCatalog t;
  auto live = [](std::string id, TimeMs start, TimeMs end) {
    ProductSpec spec = Spec(std::move(id), {{"x", 1.0}});
    spec.live_start_ms = start;
    spec.live_end_ms = end;
    return spec;
  };
  auto snapshot = t.Add({live("early", 10, 20), Spec("never", {{"x", 1.0}}),
                         live("late", 5, 90), live("tie", 30, 90)});
  EXPECT_EQ(AsVector(snapshot->LiveByEndDescending()),
            (std::vector<ProductIdx>{2, 3, 0}));
}

TEST(CatalogSnapshot, CanBeBuiltDirectlyFromProducts) {
  auto a = std::make_shared<Product>();
  a->idx = 0;
  a->id = "a";
  a->shop_idx = 1;
  auto b = std::make_shared<Product>();
  b->idx = 1;
  b->id = "b";
  b->shop_idx = 0;
  CatalogSnapshot snapshot({a, b}, {{"s0", 0}, {"s1", 1}});
  EXPECT_EQ(snapshot.Find("b"), 1u);
  EXPECT_EQ(snapshot.FindShop("s1"), 1u);
  EXPECT_EQ(AsVector(snapshot.ShopProducts(1)), (std::vector<ProductIdx>{0}));
  EXPECT_EQ(AsVector(snapshot.ShopProducts(0)), (std::vector<ProductIdx>{1}));
}

}  // namespace
}  // namespace ranker
