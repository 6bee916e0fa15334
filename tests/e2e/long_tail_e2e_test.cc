// Discovery over a real channel to the real binary, on crafted catalogs:
// latent demand (a viewer of business-travel videos is offered the portable
// kettle other such viewers engaged with, though it carries no
// business-travel tag) and long-tail exposure (a niche product that matches
// the user gets a place a popularity loop would never give it).
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

class DiscoveryTest : public ServerTestBase {
 protected:
  static void SetUpTestSuite() { StartServer({"--catalog=none"}); }

  static ProductSpec Product(const std::string& id,
                             std::vector<WeightedTagSpec> tags,
                             const std::string& category) {
    ProductSpec spec;
    spec.id = id;
    spec.title = "Title of " + id;
    spec.tags = std::move(tags);
    spec.category_path = {category};
    spec.shop_id = "shop-" + id;  // one shop each: no shop cap in the way
    spec.price = 20.0;
    return spec;
  }
  static void Upsert(const std::vector<ProductSpec>& products) {
    v1::UpsertProductsRequest request;
    for (const ProductSpec& spec : products) {
      *request.add_products() = ToApiProduct(spec);
    }
    UpsertProducts(request);
  }
  static const v1::RecommendedItem* Find(
      const v1::RecommendProductsResponse& response, const std::string& id) {
    for (const v1::RecommendedItem& item : response.items()) {
      if (item.product_id() == id) return &item;
    }
    return nullptr;
  }
  static bool HasNoteStartingWith(const v1::RecommendedItem& item,
                                  const std::string& prefix) {
    for (const std::string& note : item.explanation().rerank_notes()) {
      if (absl::StartsWith(note, prefix)) return true;
    }
    return false;
  }
};

TEST_F(DiscoveryTest, AViewerOfBusinessTravelVideosDiscoversAPortableKettle) {
  std::vector<ProductSpec> catalog;
  for (int i = 0; i < 12; ++i) {
    catalog.push_back(Product(absl::StrCat("bt-", i),
                              {{"business-travel", 1.0}, {"luggage", 0.5}},
                              absl::StrCat("travel-", i)));
  }
  const ProductSpec kettle =
      Product("travel-kettle", {{"kettle", 1.0}, {"portable", 0.8}}, "kitchen");
  catalog.push_back(kettle);
  for (int i = 0; i < 12; ++i) {
    catalog.push_back(Product(absl::StrCat("rake-", i), {{"garden", 1.0}},
                              absl::StrCat("garden-", i)));
  }
  Upsert(catalog);
  ASSERT_FALSE(HasTag(kettle, "business-travel"));

  // Other people watching business-travel videos click the kettle (one
  // product each, so neither co-engagement nor session neighbours link it
  // to the travel products: only the tags of what they watched do).
  v1::LogEventRequest watchers;
  for (int u = 0; u < 5; ++u) {
    v1::Event* event = watchers.add_events();
    *event = MakeEvent(absl::StrCat("bt-watcher-", u), kettle.id,
                       v1::EVENT_TYPE_CLICK);
    event->set_content_form(v1::CONTENT_FORM_SHORT_VIDEO);
    event->add_content_tags("business-travel");
  }
  LogEvents(watchers);

  // A new user watches business-travel videos and clicks a travel product.
  const std::string user = "kettle-newcomer";
  v1::LogEventRequest watched;
  v1::Event* event = watched.add_events();
  *event = MakeEvent(user, "bt-0", v1::EVENT_TYPE_CLICK);
  event->set_content_form(v1::CONTENT_FORM_SHORT_VIDEO);
  event->add_content_tags("business-travel");
  LogEvents(watched);

  const auto response = Recommend(FeedRequest(user, 10, /*debug=*/true));
  ASSERT_EQ(response.items_size(), 10);
  const v1::RecommendedItem* found = Find(response, kettle.id);
  ASSERT_NE(found, nullptr) << "the kettle was not offered";
  EXPECT_EQ(found->source(), "exploration");
  EXPECT_GT(found->explanation().score_parts().at("exploration"), 0.0);
  EXPECT_TRUE(found->explanation().matched_instant_tags().empty());
  // Travel products outrank it on interest match; the exploration slot is
  // what gives it a place, and the note says which adjacent tags did.
  EXPECT_TRUE(HasNoteStartingWith(
      *found, "moved up: exploration slot (adjacent tags: kettle, portable)"))
      << found->explanation().DebugString();

  // Without exploration the list holds no kettle.
  v1::RecommendProductsRequest off = FeedRequest(user, 10);
  (*off.mutable_weight_overrides())["exploration_quota"] = 0;
  EXPECT_EQ(Find(Recommend(off), kettle.id), nullptr);
}

TEST_F(DiscoveryTest, ANicheProductMatchingTheUserGetsALongTailPlace) {
  // 20 yoga products everybody sees and clicks, one niche yoga product
  // nobody has been shown yet.
  std::vector<ProductSpec> catalog;
  for (int i = 0; i < 20; ++i) {
    catalog.push_back(Product(absl::StrCat("yoga-", i), {{"yoga", 1.0}},
                              absl::StrCat("yoga-", i)));
  }
  const ProductSpec niche = Product(
      "yoga-mat-handmade", {{"yoga", 0.6}, {"handmade", 1.0}}, "crafts");
  catalog.push_back(niche);
  Upsert(catalog);

  // A popularity loop: each popular product shown 60 times to other people
  // and clicked 6 times.
  v1::LogEventRequest loop;
  for (int i = 0; i < 20; ++i) {
    for (int k = 0; k < 60; ++k) {
      const std::string fan = absl::StrCat("yoga-fan-", k);
      const std::string product = absl::StrCat("yoga-", i);
      *loop.add_events() = MakeEvent(fan, product, v1::EVENT_TYPE_IMPRESSION);
      if (k % 10 == 0) {
        *loop.add_events() = MakeEvent(fan, product, v1::EVENT_TYPE_CLICK);
      }
    }
  }
  LogEvents(loop);

  const std::string user = "yogi";
  v1::LogEventRequest liked;
  *liked.add_events() = MakeEvent(user, "yoga-0", v1::EVENT_TYPE_LIKE);
  LogEvents(liked);

  // Without the quota, the popular products fill the list.
  v1::RecommendProductsRequest loop_only = FeedRequest(user, 10);
  (*loop_only.mutable_weight_overrides())["long_tail_share"] = 0;
  EXPECT_EQ(Find(Recommend(loop_only), niche.id), nullptr);

  // With it (0.1 of 10 places by default), the niche product gets one.
  const auto response = Recommend(FeedRequest(user, 10, /*debug=*/true));
  ASSERT_EQ(response.items_size(), 10);
  const v1::RecommendedItem* found = Find(response, niche.id);
  ASSERT_NE(found, nullptr) << "the niche product was not offered";
  EXPECT_EQ(found->explanation().matched_instant_tags(0), "yoga");
  EXPECT_TRUE(
      HasNoteStartingWith(*found, "moved up: long-tail exposure (sampled ctr"))
      << found->explanation().DebugString();
  // Another call (another time, so other draws) still offers it: it is the
  // only eligible product.
  EXPECT_NE(Find(Recommend(FeedRequest(user, 10)), niche.id), nullptr);
}

}  // namespace
}  // namespace ranker::testing
