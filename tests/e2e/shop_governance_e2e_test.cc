// Shop governance over a real channel, on a crafted catalog: a banned shop's
// products vanish from every scene on the very next request and come back
// when it is reinstated; a low-quality shop's product ranks below an
// identical one from a good shop, and the debug explanation says why; bad
// shops are rejected by field and a failed call changes nothing.
#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

v1::Product CraftedProduct(const std::string& id, const std::string& shop,
                           const std::string& category,
                           const std::string& tag_name = "gadget") {
  v1::Product product;
  product.set_product_id(id);
  product.set_title("Title of " + id);
  v1::WeightedTag* tag = product.add_tags();
  tag->set_tag(tag_name);
  tag->set_weight(1.0);
  product.add_category_path(category);
  product.set_shop_id(shop);
  product.set_price(20.0);
  product.set_status(v1::PRODUCT_STATUS_ACTIVE);
  product.add_content_forms(v1::CONTENT_FORM_SHORT_VIDEO);
  return product;
}

v1::Shop MakeShop(const std::string& id, v1::ShopStatus status) {
  v1::Shop shop;
  shop.set_shop_id(id);
  shop.set_status(status);
  return shop;
}

bool FromShop(const std::string& id, const std::string& prefix) {
  return id.rfind(prefix, 0) == 0;
}

// The crafted catalog, in upsert order (so in ProductIdx order):
//   poor-1   shop "poor", identical to good-1 and upserted first, so that it
//            would win the tie without demotion
//   good-1   shop "good"
//   bad-1, bad-2   shop "bad"
//   other-1..8     shop "other", spread over categories, tagged "misc"
// All but the "other" products are tagged "gadget".
class ShopGovernanceTest : public ServerTestBase {
 protected:
  static void SetUpTestSuite() {
    StartServer({"--catalog=none"});
    v1::UpsertProductsRequest upsert;
    *upsert.add_products() = CraftedProduct("poor-1", "poor", "gadgets");
    *upsert.add_products() = CraftedProduct("good-1", "good", "gadgets");
    *upsert.add_products() = CraftedProduct("bad-1", "bad", "gadgets");
    *upsert.add_products() = CraftedProduct("bad-2", "bad", "toys");
    for (int i = 1; i <= 8; ++i) {
      *upsert.add_products() =
          CraftedProduct("other-" + std::to_string(i), "other",
                         "c" + std::to_string(i % 4), "misc");
    }
    grpc::ClientContext context;
    v1::UpsertProductsResponse response;
    const grpc::Status status =
        stub()->UpsertProducts(&context, upsert, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(response.inserted(), 12);
  }

  static grpc::Status UpsertShops(const std::vector<v1::Shop>& shops,
                                  v1::UpsertShopsResponse* response) {
    v1::UpsertShopsRequest request;
    for (const v1::Shop& shop : shops) *request.add_shops() = shop;
    grpc::ClientContext context;
    return stub()->UpsertShops(&context, request, response);
  }
  static void UpsertShopsOk(const std::vector<v1::Shop>& shops) {
    v1::UpsertShopsResponse response;
    const grpc::Status status = UpsertShops(shops, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.inserted() + response.updated(),
              static_cast<int>(shops.size()));
  }
  static v1::RecommendProductsRequest Storefront(const std::string& user,
                                                 const std::string& shop) {
    v1::RecommendProductsRequest request = FeedRequest(user, 200);
    request.set_scene(v1::SCENE_STOREFRONT);
    request.mutable_context()->set_shop_id(shop);
    return request;
  }
  static void AddToCart(const std::string& user, const std::string& product) {
    v1::LogEventRequest events;
    *events.add_events() = MakeEvent(user, product, v1::EVENT_TYPE_ADD_TO_CART);
    grpc::ClientContext context;
    v1::LogEventResponse response;
    ASSERT_TRUE(stub()->LogEvent(&context, events, &response).ok());
  }
};

TEST_F(ShopGovernanceTest, ABannedShopVanishesOnTheNextRequestAndComesBack) {
  const std::string fan = "gov-fan";
  AddToCart(fan, "bad-1");
  ASSERT_EQ(Recommend(FeedRequest(fan, 5)).items(0).product_id(), "bad-1");

  v1::UpsertShopsResponse banned;
  ASSERT_TRUE(
      UpsertShops({MakeShop("bad", v1::SHOP_STATUS_BANNED)}, &banned).ok());
  EXPECT_EQ(banned.inserted(), 1);
  EXPECT_EQ(banned.updated(), 0);

  for (const std::string& user : {fan, std::string("gov-stranger")}) {
    for (v1::Scene scene : {v1::SCENE_FEED, v1::SCENE_STOREFRONT}) {
      v1::RecommendProductsRequest request = FeedRequest(user, 200);
      request.set_scene(scene);
      request.mutable_context()->add_recent_product_ids("bad-1");
      request.mutable_context()->add_content_tags("gadget");
      const std::vector<std::string> ids = ProductIds(Recommend(request));
      EXPECT_EQ(ids.size(), 10u) << user;
      EXPECT_TRUE(std::none_of(ids.begin(), ids.end(), [](const auto& id) {
        return FromShop(id, "bad-");
      })) << user;
    }
  }
  // The banned shop's own storefront: an empty list, not an error.
  EXPECT_EQ(Recommend(Storefront(fan, "bad")).items_size(), 0);

  // Reinstated without a score: back at once, at full quality.
  v1::UpsertShopsResponse reinstated;
  ASSERT_TRUE(
      UpsertShops({MakeShop("bad", v1::SHOP_STATUS_ACTIVE)}, &reinstated).ok());
  EXPECT_EQ(reinstated.updated(), 1);
  EXPECT_EQ(Recommend(FeedRequest(fan, 5)).items(0).product_id(), "bad-1");
  std::vector<std::string> storefront =
      ProductIds(Recommend(Storefront(fan, "bad")));
  std::sort(storefront.begin(), storefront.end());
  EXPECT_EQ(storefront, (std::vector<std::string>{"bad-1", "bad-2"}));
}

TEST_F(ShopGovernanceTest, AShopBannedBeforeItsProductsExistNeverShowsThem) {
  UpsertShopsOk({MakeShop("future", v1::SHOP_STATUS_BANNED)});
  v1::UpsertProductsRequest upsert;
  *upsert.add_products() = CraftedProduct("future-1", "future", "gadgets");
  grpc::ClientContext context;
  v1::UpsertProductsResponse response;
  ASSERT_TRUE(stub()->UpsertProducts(&context, upsert, &response).ok());
  v1::RecommendProductsRequest request = FeedRequest("gov-early", 200);
  request.mutable_context()->add_recent_product_ids("future-1");
  const std::vector<std::string> ids = ProductIds(Recommend(request));
  EXPECT_FALSE(ids.empty());
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "future-1"), 0);
  EXPECT_EQ(Recommend(Storefront("gov-early", "future")).items_size(), 0);
}

TEST_F(ShopGovernanceTest, ALowQualityShopRanksBelowAnIdenticalProduct) {
  v1::RecommendProductsRequest request = FeedRequest("gov-browser", 200, true);
  request.mutable_context()->add_content_tags("gadget");
  // Lift the diversity caps so the order is the score's.
  (*request.mutable_weight_overrides())["category_max_share"] = 1.0;
  (*request.mutable_weight_overrides())["shop_max_share"] = 1.0;
  // Other tests may have made the "bad" gadgets popular.
  request.add_exclude_product_ids("bad-1");
  request.add_exclude_product_ids("bad-2");
  auto rank_of = [](const v1::RecommendProductsResponse& response,
                    const std::string& id) {
    const std::vector<std::string> ids = ProductIds(response);
    return std::find(ids.begin(), ids.end(), id) - ids.begin();
  };
  // Without governance the tie goes to the first upserted: poor-1.
  const v1::RecommendProductsResponse before = Recommend(request);
  ASSERT_GE(before.items_size(), 10);
  EXPECT_EQ(rank_of(before, "poor-1"), 0);
  EXPECT_EQ(rank_of(before, "good-1"), 1);

  v1::Shop poor = MakeShop("poor", v1::SHOP_STATUS_ACTIVE);
  poor.set_quality_score(0.2);
  v1::Shop good = MakeShop("good", v1::SHOP_STATUS_ACTIVE);
  good.set_quality_score(1.0);
  UpsertShopsOk({poor, good});

  const v1::RecommendProductsResponse after = Recommend(request);
  const auto good_rank = rank_of(after, "good-1");
  const auto poor_rank = rank_of(after, "poor-1");
  EXPECT_EQ(good_rank, 0);
  ASSERT_LT(poor_rank, after.items_size());
  // Below the other gadgets, and even below the products that match nothing:
  // 1.6 outweighs a full context match (1.5).
  EXPECT_EQ(poor_rank, after.items_size() - 1);
  const auto& good_parts = after.items(good_rank).explanation().score_parts();
  const auto& poor_parts = after.items(poor_rank).explanation().score_parts();
  ASSERT_TRUE(good_parts.contains("shop_quality"));
  ASSERT_TRUE(poor_parts.contains("shop_quality"));
  EXPECT_EQ(good_parts.at("shop_quality"), 0.0);
  // The default weight 2.0 × (0.2 − 1).
  EXPECT_NEAR(poor_parts.at("shop_quality"), -1.6, 1e-12);
  EXPECT_NEAR(after.items(good_rank).score() - after.items(poor_rank).score(),
              1.6, 1e-9);

  // A ban alone keeps the score: reinstated, poor-1 is still demoted.
  UpsertShopsOk({MakeShop("poor", v1::SHOP_STATUS_BANNED)});
  const v1::RecommendProductsResponse banned = Recommend(request);
  EXPECT_EQ(rank_of(banned, "poor-1"), banned.items_size());  // absent
  UpsertShopsOk({MakeShop("poor", v1::SHOP_STATUS_ACTIVE)});
  const v1::RecommendProductsResponse back = Recommend(request);
  EXPECT_EQ(rank_of(back, "poor-1"), back.items_size() - 1);
  EXPECT_NEAR(back.items(back.items_size() - 1)
                  .explanation()
                  .score_parts()
                  .at("shop_quality"),
              -1.6, 1e-12);
}

TEST_F(ShopGovernanceTest, InvalidShopsAreRejectedByFieldAndChangeNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  v1::Shop valid = MakeShop("other", v1::SHOP_STATUS_BANNED);
  struct Case {
    std::vector<v1::Shop> shops;
    std::string message;  // the whole error message
  };
  v1::Shop unset = MakeShop("s", v1::SHOP_STATUS_UNSPECIFIED);
  v1::Shop unknown = MakeShop("s", static_cast<v1::ShopStatus>(7));
  v1::Shop empty_id = MakeShop("", v1::SHOP_STATUS_ACTIVE);
  v1::Shop long_id = MakeShop(std::string(129, 's'), v1::SHOP_STATUS_ACTIVE);
  v1::Shop high = MakeShop("s", v1::SHOP_STATUS_ACTIVE);
  high.set_quality_score(1.5);
  v1::Shop low = high;
  low.set_quality_score(-0.1);
  v1::Shop not_a_number = high;
  not_a_number.set_quality_score(nan);
  const std::vector<Case> cases = {
      {{}, "shops: must not be empty"},
      {{valid, unset}, "shops[1].status: must be set"},
      {{valid, unknown}, "shops[1].status: unknown value 7"},
      {{valid, empty_id}, "shops[1].shop_id: must not be empty"},
      {{valid, long_id},
       "shops[1].shop_id: must be at most 128 bytes, got 129"},
      {{valid, high}, "shops[1].quality_score: must be in [0, 1], got 1.5"},
      {{valid, low}, "shops[1].quality_score: must be in [0, 1], got -0.1"},
      {{valid, not_a_number},
       "shops[1].quality_score: must be a finite number"},
      {{valid, valid},
       "shops[1].shop_id: duplicate id 'other' in the same call"},
      {std::vector<v1::Shop>(10'001, valid),
       "shops: at most 10000 entries allowed, got 10001"},
  };
  for (const Case& bad : cases) {
    v1::UpsertShopsResponse response;
    const grpc::Status status = UpsertShops(bad.shops, &response);
    EXPECT_EQ(status.error_code(), grpc::INVALID_ARGUMENT) << bad.message;
    EXPECT_EQ(status.error_message(), bad.message);
  }
  // The valid first entry of each failed call banned nothing.
  const std::vector<std::string> ids =
      ProductIds(Recommend(FeedRequest("gov-checker", 200)));
  EXPECT_EQ(
      std::count_if(ids.begin(), ids.end(),
                    [](const auto& id) { return FromShop(id, "other-"); }),
      8);
  EXPECT_EQ(Recommend(Storefront("gov-checker", "other")).items_size(), 8);
}

}  // namespace
}  // namespace ranker::testing
