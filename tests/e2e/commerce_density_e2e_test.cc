// The feed's commerce density over the real API: commerce never takes more
// than its share of a page's content slots, a person who keeps skipping
// products gets fewer (and only better-matching) ones, engaging again brings
// them back, and the storefront has no cap.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

constexpr int kProducts = 40;

std::string ProductId(int i) { return "g" + std::to_string(i); }

class CommerceDensityTest : public ServerTestBase {
 protected:
  // Forty gadgets over eight categories and eight shops, so that diversity
  // caps never decide how many products come back.
  static void SetUpTestSuite() {
    StartServer({"--catalog=none"});
    v1::UpsertProductsRequest request;
    for (int i = 0; i < kProducts; ++i) {
      v1::Product* product = request.add_products();
      product->set_product_id(ProductId(i));
      product->set_title("Gadget " + std::to_string(i));
      v1::WeightedTag* tag = product->add_tags();
      tag->set_tag("gadget");
      tag->set_weight(1.0);
      product->add_category_path("cat" + std::to_string(i % 8));
      product->set_shop_id("shop" + std::to_string(i / 5));
      product->set_price(10.0);
      product->set_status(v1::PRODUCT_STATUS_ACTIVE);
    }
    UpsertProducts(request);
  }

  static v1::RecommendProductsResponse Feed(const std::string& user,
                                            int content_slots) {
    v1::RecommendProductsRequest request = FeedRequest(user, 20);
    request.set_content_slots(content_slots);
    return Recommend(request);
  }

  // `count` events of `type` by `user` on distinct products from `first`.
  static void Log(const std::string& user, v1::EventType type, int first,
                  int count) {
    v1::LogEventRequest request;
    for (int i = 0; i < count; ++i) {
      *request.add_events() =
          MakeEvent(user, ProductId((first + i) % kProducts), type);
    }
    LogEvents(request);
  }

  // A user interested in gadgets: three clicks.
  static void Interested(const std::string& user) {
    Log(user, v1::EVENT_TYPE_CLICK, 0, 3);
  }
};

TEST_F(CommerceDensityTest, ProductsFillAtMostTheShareOfTheContentSlots) {
  Interested("fresh");
  // Without content_slots the feed returns `count`.
  EXPECT_EQ(Feed("fresh", 0).items_size(), 20);
  EXPECT_FALSE(Feed("fresh", 0).has_commerce_density());
  // 40 slots × 0.25 = 10 products, 10 slots = 2.
  const v1::RecommendProductsResponse page = Feed("fresh", 40);
  EXPECT_EQ(page.items_size(), 10);
  ASSERT_TRUE(page.has_commerce_density());
  EXPECT_EQ(page.commerce_density().max_products(), 10);
  EXPECT_DOUBLE_EQ(page.commerce_density().commerce_tolerance(), 1.0);
  EXPECT_EQ(Feed("fresh", 10).items_size(), 2);
}

TEST_F(CommerceDensityTest, UserWhoKeepsSkippingProductsGetsFewer) {
  Interested("engaged");
  Interested("skipper");
  // The skipper scrolls past 70 products (twice each at most, below the
  // impression fatigue threshold) without touching any.
  Log("skipper", v1::EVENT_TYPE_IMPRESSION, 3, 70);
  const v1::RecommendProductsResponse engaged = Feed("engaged", 40);
  const v1::RecommendProductsResponse skipper = Feed("skipper", 40);
  EXPECT_EQ(engaged.items_size(), 10);
  EXPECT_LT(skipper.items_size(), engaged.items_size());
  EXPECT_GT(skipper.items_size(), 0);
  EXPECT_LT(skipper.commerce_density().commerce_tolerance(), 0.6);
  EXPECT_GT(skipper.commerce_density().min_score(),
            engaged.commerce_density().min_score());
  for (const v1::RecommendedItem& item : skipper.items()) {
    EXPECT_GE(item.score(), skipper.commerce_density().min_score());
  }

  // Saying "not interested" lowers tolerance further than skipping did.
  Log("skipper", v1::EVENT_TYPE_NOT_INTERESTED, 38, 2);
  const v1::RecommendProductsResponse annoyed = Feed("skipper", 40);
  EXPECT_LT(annoyed.commerce_density().commerce_tolerance(),
            skipper.commerce_density().commerce_tolerance());
  EXPECT_LE(annoyed.items_size(), skipper.items_size());

  // Engaging with products again brings them back.
  Log("skipper", v1::EVENT_TYPE_ADD_TO_CART, 5, 20);
  const v1::RecommendProductsResponse won_back = Feed("skipper", 40);
  EXPECT_GT(won_back.items_size(), annoyed.items_size());
  EXPECT_GT(won_back.commerce_density().commerce_tolerance(),
            annoyed.commerce_density().commerce_tolerance());
}

TEST_F(CommerceDensityTest, StorefrontHasNoDensityCap) {
  Interested("shopper");
  Log("shopper", v1::EVENT_TYPE_IMPRESSION, 3, 35);
  v1::RecommendProductsRequest request = FeedRequest("shopper", 20);
  request.set_scene(v1::SCENE_STOREFRONT);
  request.set_content_slots(4);
  const v1::RecommendProductsResponse response = Recommend(request);
  EXPECT_EQ(response.items_size(), 20);
  EXPECT_FALSE(response.has_commerce_density());
}

}  // namespace
}  // namespace ranker::testing
