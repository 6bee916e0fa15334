#include <set>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "client/scale/synthetic_catalog.h"
#include "client/scale/synthetic_histories.h"
#include "core/catalog/catalog_file.h"
#include "core/event.h"
#include "gtest/gtest.h"

namespace ranker::scale {
namespace {

constexpr int64_t kNow = 1'790'000'000'000;

SyntheticCatalogOptions SmallCatalog(int products = 5000) {
  SyntheticCatalogOptions options;
  options.products = products;
  options.now_ms = kNow;
  return options;
}

TEST(SyntheticCatalogTest, ProductsAreValidUniqueAndReadableAsCatalogLines) {
  const SyntheticCatalog catalog(SmallCatalog());
  absl::flat_hash_set<std::string> ids;
  for (int i = 0; i < catalog.size(); ++i) {
    const ProductSpec spec = catalog.Product(i);
    ASSERT_TRUE(ValidateProductSpec(spec, "").ok())
        << i << ": " << ValidateProductSpec(spec, "");
    EXPECT_TRUE(ids.insert(spec.id).second) << spec.id;
    EXPECT_EQ(spec.id, catalog.ProductId(i));
  }
  absl::StatusOr<std::vector<ProductSpec>> back =
      ParseCatalogJsonl(CatalogJsonLine(catalog.Product(7)));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ((*back)[0].id, catalog.ProductId(7));
}

TEST(SyntheticCatalogTest, SameOptionsSameProductWhateverTheOrder) {
  const SyntheticCatalog a(SmallCatalog());
  const SyntheticCatalog b(SmallCatalog());
  EXPECT_EQ(CatalogJsonLine(a.Product(4321)), CatalogJsonLine(b.Product(4321)));
  SyntheticCatalogOptions other = SmallCatalog();
  other.seed += 1;
  EXPECT_NE(CatalogJsonLine(a.Product(4321)),
            CatalogJsonLine(SyntheticCatalog(other).Product(4321)));
}

TEST(SyntheticCatalogTest, TagCountsAndVocabularyLookLikeAMarketplace) {
  const SyntheticCatalog catalog(SmallCatalog());
  absl::flat_hash_map<std::string, int> tag_products;
  size_t tags = 0;
  for (int i = 0; i < catalog.size(); ++i) {
    const ProductSpec spec = catalog.Product(i);
    EXPECT_GE(spec.tags.size(), 5u);
    EXPECT_LE(spec.tags.size(), 10u);
    tags += spec.tags.size();
    EXPECT_TRUE(absl::StartsWith(spec.tags[0].tag, "kind:"));
    EXPECT_EQ(spec.tags[0].weight, 1.0);
    for (const auto& tag : spec.tags) ++tag_products[tag.tag];
    EXPECT_LT(catalog.LeafCategoryOf(i), catalog.leaf_categories());
  }
  const double mean_tags = static_cast<double>(tags) / catalog.size();
  EXPECT_GT(mean_tags, 6.5);
  EXPECT_LT(mean_tags, 8.5);
  // A long tail: many topic tags on few products, a head on many.
  int rare = 0, common = 0;
  for (const auto& [tag, count] : tag_products) {
    if (!absl::StartsWith(tag, "topic-")) continue;
    rare += count <= 5;
    common += count >= catalog.size() / 20;
  }
  EXPECT_GT(rare, 100);
  EXPECT_GT(common, 0);
  EXPECT_LT(common, 20);
}

TEST(SyntheticCatalogTest, ProductsByLeafPartitionsTheCatalog) {
  const SyntheticCatalog catalog(SmallCatalog(3000));
  size_t total = 0;
  const auto& by_leaf = catalog.ProductsByLeaf();
  ASSERT_EQ(by_leaf.size(), static_cast<size_t>(catalog.leaf_categories()));
  for (size_t leaf = 0; leaf < by_leaf.size(); ++leaf) {
    for (int product : by_leaf[leaf]) {
      EXPECT_EQ(catalog.LeafCategoryOf(product), static_cast<int>(leaf));
    }
    total += by_leaf[leaf].size();
  }
  EXPECT_EQ(total, 3000u);
}

TEST(SyntheticHistoriesTest, EventsAreValidOrderedAndAboutTheMeanCount) {
  const SyntheticCatalog catalog(SmallCatalog());
  SyntheticHistoryOptions options;
  options.users = 2000;
  options.events_per_user = 20;
  options.now_ms = kNow;
  const SyntheticHistories histories(catalog, options);
  absl::flat_hash_set<std::string> product_ids;
  for (int i = 0; i < catalog.size(); ++i) {
    product_ids.insert(catalog.ProductId(i));
  }
  size_t events = 0;
  absl::flat_hash_map<std::string, int> per_product;
  for (int user = 0; user < options.users; ++user) {
    const std::vector<Event> history = histories.UserEvents(user);
    ASSERT_FALSE(history.empty());
    for (size_t i = 0; i < history.size(); ++i) {
      const Event& event = history[i];
      ASSERT_TRUE(ValidateEvent(event, "", kNow).ok())
          << ValidateEvent(event, "", kNow);
      EXPECT_EQ(event.user_id, histories.UserId(user));
      EXPECT_TRUE(product_ids.contains(event.product_id)) << event.product_id;
      EXPECT_LE(event.timestamp_ms, kNow);
      EXPECT_GT(event.timestamp_ms, kNow - 31LL * 24 * 3600 * 1000);
      if (i > 0) {
        EXPECT_GE(event.timestamp_ms, history[i - 1].timestamp_ms);
      }
      ++per_product[event.product_id];
    }
    events += history.size();
  }
  const double mean = static_cast<double>(events) / options.users;
  EXPECT_GT(mean, 17.0);
  EXPECT_LT(mean, 23.0);
  // Zipf-shaped popularity: the most engaged product collects far more
  // than an even share.
  int top = 0;
  for (const auto& [id, count] : per_product) top = std::max(top, count);
  EXPECT_GT(top, 20.0 * events / catalog.size());
  EXPECT_EQ(histories.UserEvents(17).size(), histories.UserEvents(17).size());
  EXPECT_EQ(histories.UserEvents(17)[0].product_id,
            histories.UserEvents(17)[0].product_id);
}

TEST(SyntheticHistoriesTest, FunnelCoversEveryEventType) {
  std::set<EventType> seen;
  for (int i = 0; i < 1000; ++i) {
    seen.insert(SyntheticHistories::EventTypeAt(i / 1000.0));
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kEventTypeCount));
  EXPECT_EQ(SyntheticHistories::EventTypeAt(0.0), EventType::kImpression);
  EXPECT_EQ(SyntheticHistories::EventTypeAt(0.999), EventType::kShare);
}

}  // namespace
}  // namespace ranker::scale
