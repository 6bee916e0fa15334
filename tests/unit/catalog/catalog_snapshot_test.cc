#include "core/catalog/catalog_snapshot.h"

#include <memory>
#include <random>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
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

// What a snapshot answers, compared between one derived upsert by upsert
// and one built from its products at once.
void ExpectSameIndexes(const CatalogSnapshot& derived,
                       const CatalogSnapshot& rebuilt, size_t tags,
                       size_t shops) {
  ASSERT_EQ(derived.size(), rebuilt.size());
  for (size_t i = 0; i < derived.size(); ++i) {
    EXPECT_EQ(derived.Find(derived.product(i).id), i);
    EXPECT_EQ(derived.gate(i).shop, derived.product(i).shop_idx);
    EXPECT_EQ(derived.gate(i).status, derived.product(i).status);
    EXPECT_EQ(rebuilt.gate(i).shop, rebuilt.product(i).shop_idx);
  }
  auto same_postings = [](std::span<const Posting> a,
                          std::span<const Posting> b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].product != b[i].product || a[i].weight != b[i].weight) {
        return false;
      }
    }
    return true;
  };
  for (TagId tag = 0; tag < tags; ++tag) {
    EXPECT_TRUE(same_postings(derived.tag_index().Postings(tag),
                              rebuilt.tag_index().Postings(tag)))
        << "tag " << tag;
    EXPECT_TRUE(same_postings(derived.live_tag_index().Postings(tag),
                              rebuilt.live_tag_index().Postings(tag)))
        << "live tag " << tag;
  }
  EXPECT_EQ(derived.tag_index().tag_count(), rebuilt.tag_index().tag_count());
  EXPECT_EQ(derived.live_tag_index().tag_count(),
            rebuilt.live_tag_index().tag_count());
  for (ShopIdx shop = 0; shop < shops; ++shop) {
    EXPECT_EQ(AsVector(derived.ShopProducts(shop)),
              AsVector(rebuilt.ShopProducts(shop)))
        << "shop " << shop;
  }
  EXPECT_EQ(AsVector(derived.LiveByEndDescending()),
            AsVector(rebuilt.LiveByEndDescending()));
}

TEST(CatalogSnapshot, AnUpsertDerivesTheSameIndexesAsARebuild) {
  // Random upserts of new and existing products that change tags, weights,
  // shops and live windows; after each, the derived snapshot must answer
  // exactly as one built from scratch over the same products.
  TestCatalog t;
  std::mt19937 random(7);
  auto pick = [&](int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(random);
  };
  for (int round = 0; round < 40; ++round) {
    std::vector<ProductSpec> specs;
    absl::flat_hash_set<int> ids;
    const int batch = 1 + pick(30);
    for (int i = 0; i < batch; ++i) {
      const int id = pick(200);
      if (!ids.insert(id).second) continue;
      std::vector<WeightedTagSpec> tags;
      const int n_tags = pick(5);  // 0 to 4 tags
      for (int k = 0; k < n_tags; ++k) {
        tags.push_back({absl::StrCat("t", pick(12)), 0.1 * (1 + pick(10))});
      }
      ProductSpec spec =
          Spec(absl::StrCat("p", id), tags, {"c"}, absl::StrCat("s", pick(6)));
      // Duplicated tags are not valid: keep the first of each.
      absl::flat_hash_set<std::string> seen;
      std::erase_if(spec.tags, [&](const WeightedTagSpec& tw) {
        return !seen.insert(tw.tag).second;
      });
      if (pick(8) == 0) spec.status = ProductStatus::kOutOfStock;
      if (pick(4) == 0) {
        spec.live_start_ms = 1000 * (1 + pick(5));
        spec.live_end_ms = spec.live_start_ms + 1000 * (1 + pick(5));
      }
      specs.push_back(std::move(spec));
    }
    auto derived = t.Add(specs);
    CatalogSnapshot rebuilt(derived->products(), {});
    ExpectSameIndexes(*derived, rebuilt, /*tags=*/t.tags.size() + 1,
                      /*shops=*/8);
    if (HasFatalFailure() || HasFailure()) {
      FAIL() << "after round " << round;
    }
  }
}

}  // namespace
}  // namespace ranker
