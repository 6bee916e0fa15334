// Conversion and repurchase over a real channel, on a crafted catalog: a
// consumable rests after a purchase and comes back when its cycle is due, a
// durable good bought never comes back, a cart left without a purchase brings
// its product back until it is bought, and a GMV-oriented objective lifts the
// dearer of two equally matched products where a click-oriented one does not.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A product in its own category and shop, so that the diversity caps never
// reorder the tests' lists.
v1::Product MakeProduct(const std::string& id, const std::string& tag,
                        double price, int repurchase_cycle_days = 0) {
  v1::Product product;
  product.set_product_id(id);
  product.set_title("Title of " + id);
  v1::WeightedTag* weighted = product.add_tags();
  weighted->set_tag(tag);
  weighted->set_weight(1.0);
  product.add_category_path("category-" + id);
  product.set_shop_id("shop-" + id);
  product.set_price(price);
  product.set_status(v1::PRODUCT_STATUS_ACTIVE);
  product.set_repurchase_cycle_days(repurchase_cycle_days);
  return product;
}

v1::Event EventAt(const std::string& user, const std::string& product,
                  v1::EventType type, int64_t timestamp_ms) {
  v1::Event event = MakeEvent(user, product, type);
  event.set_timestamp_ms(timestamp_ms);
  return event;
}

const v1::RecommendedItem* Find(const v1::RecommendProductsResponse& response,
                                const std::string& id) {
  for (const auto& item : response.items()) {
    if (item.product_id() == id) return &item;
  }
  return nullptr;
}

int RankOf(const v1::RecommendProductsResponse& response,
           const std::string& id) {
  for (int i = 0; i < response.items_size(); ++i) {
    if (response.items(i).product_id() == id) return i;
  }
  return -1;
}

bool HasSource(const v1::RecommendedItem& item, const std::string& source) {
  const auto& sources = item.explanation().sources();
  return std::find(sources.begin(), sources.end(), source) != sources.end();
}

double Part(const v1::RecommendedItem& item, const std::string& part) {
  const auto& parts = item.explanation().score_parts();
  auto it = parts.find(part);
  EXPECT_NE(it, parts.end()) << part;
  return it == parts.end() ? 0.0 : it->second;
}

class ConversionTest : public ServerTestBase {
 protected:
  static void SetUpTestSuite() {
    StartServer({"--catalog=none"});
    v1::UpsertProductsRequest request;
    // The cheap mug first: on a tie it ranks first (lower product index).
    *request.add_products() = MakeProduct("mug-cheap", "mug", 10);
    *request.add_products() = MakeProduct("mug-dear", "mug", 100);
    *request.add_products() = MakeProduct("coffee", "coffee", 12, 30);
    *request.add_products() = MakeProduct("tea", "tea", 8, 30);
    *request.add_products() = MakeProduct("kettle", "kettle", 40);
    *request.add_products() = MakeProduct("blender", "blender", 60);
    for (int i = 0; i < 6; ++i) {
      *request.add_products() =
          MakeProduct("snack-" + std::to_string(i), "snack", 5);
    }
    grpc::ClientContext context;
    v1::UpsertProductsResponse response;
    grpc::Status status = stub()->UpsertProducts(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(response.inserted(), request.products_size());
  }

  using ServerTestBase::Recommend;
  static v1::RecommendProductsResponse Recommend(const std::string& user) {
    return Recommend(FeedRequest(user, 50, /*debug=*/true));
  }
  static void Log(std::vector<v1::Event> events) {
    v1::LogEventRequest request;
    for (v1::Event& event : events) *request.add_events() = std::move(event);
    LogEvents(request);
  }
};

TEST_F(ConversionTest, AConsumableRestsAfterAPurchaseAndReturnsWhenDue) {
  const int64_t now = NowMs();
  // coffee's cycle is 30 days.
  Log({EventAt("bought-2-days-ago", "coffee", v1::EVENT_TYPE_PURCHASE,
               now - 2 * kDayMs)});
  const auto recent = Recommend("bought-2-days-ago");
  EXPECT_GT(recent.items_size(), 0);
  EXPECT_EQ(Find(recent, "coffee"), nullptr);

  Log({EventAt("bought-29-days-ago", "coffee", v1::EVENT_TYPE_PURCHASE,
               now - 29 * kDayMs)});
  const auto due = Recommend("bought-29-days-ago");
  ASSERT_GT(due.items_size(), 0);
  const v1::RecommendedItem& first = due.items(0);
  EXPECT_EQ(first.product_id(), "coffee");
  EXPECT_TRUE(HasSource(first, "repurchase"));
  EXPECT_DOUBLE_EQ(Part(first, "repurchase_due"), 1.0);

  // Long overdue (over 3 cycles): the user has moved on; no reminder.
  Log({EventAt("bought-100-days-ago", "coffee", v1::EVENT_TYPE_PURCHASE,
               now - 100 * kDayMs)});
  const auto faded = Recommend("bought-100-days-ago");
  const v1::RecommendedItem* coffee = Find(faded, "coffee");
  ASSERT_NE(coffee, nullptr);
  EXPECT_FALSE(HasSource(*coffee, "repurchase"));
  EXPECT_EQ(Part(*coffee, "repurchase_due"), 0.0);
}

TEST_F(ConversionTest, ADurableBoughtIsNeverOfferedAgain) {
  const int64_t now = NowMs();
  Log({EventAt("bought-a-kettle", "kettle", v1::EVENT_TYPE_PURCHASE, now)});
  Log({EventAt("bought-a-kettle-long-ago", "kettle", v1::EVENT_TYPE_PURCHASE,
               now - 400 * kDayMs)});
  for (const std::string user :
       {"bought-a-kettle", "bought-a-kettle-long-ago"}) {
    for (int count : {10, 200}) {
      const auto response = Recommend(FeedRequest(user, count));
      EXPECT_GT(response.items_size(), 0);
      EXPECT_EQ(Find(response, "kettle"), nullptr) << user << " " << count;
    }
  }
  EXPECT_NE(Find(Recommend(FeedRequest("never-bought", 200)), "kettle"),
            nullptr);
}

TEST_F(ConversionTest, ACartWithoutAPurchaseComesBackUntilItIsBought) {
  const int64_t now = NowMs();
  // Yesterday both users looked at the blender, and one of them put it and
  // a tea in the cart; today both browse snacks.
  for (const std::string user : {"carted", "clicked"}) {
    Log({EventAt(user, "blender", v1::EVENT_TYPE_CLICK, now - kDayMs)});
    for (int i = 0; i < 3; ++i) {
      v1::Event snack = EventAt(user, "snack-" + std::to_string(i),
                                v1::EVENT_TYPE_CLICK, now);
      snack.set_session_id("today");
      Log({snack});
    }
  }
  Log({EventAt("carted", "blender", v1::EVENT_TYPE_ADD_TO_CART, now - kDayMs),
       EventAt("carted", "tea", v1::EVENT_TYPE_ADD_TO_CART, now - kDayMs)});
  auto today = [](const std::string& user) {
    v1::RecommendProductsRequest request = FeedRequest(user, 10, true);
    request.set_session_id("today");
    return Recommend(request);
  };

  const auto carted = today("carted");
  const auto clicked = today("clicked");
  // The carts come right after what the user clicked this session, above
  // products that only match the interest; merely clicked, the blender
  // ranks below them.
  const int carted_rank = RankOf(carted, "blender");
  ASSERT_GE(carted_rank, 0);
  EXPECT_LE(carted_rank, 3);
  EXPECT_LT(RankOf(carted, "tea"), RankOf(carted, "snack-3"));
  EXPECT_LT(carted_rank, RankOf(carted, "snack-3"));
  EXPECT_GT(RankOf(clicked, "blender"), RankOf(clicked, "snack-3"));
  const v1::RecommendedItem& blender = carted.items(carted_rank);
  EXPECT_TRUE(HasSource(blender, "cart"));
  // cart 3 × (1 − 1 day / 14 days), a little less by the time it runs.
  EXPECT_NEAR(Part(blender, "cart"), 3.0 * 13 / 14, 0.01);
  EXPECT_EQ(Part(*Find(clicked, "blender"), "cart"), 0.0);

  // Bought: the durable blender is gone, and the tea (a consumable, shown
  // again here by lifting its rest) no longer carries the cart signal.
  Log({EventAt("carted", "blender", v1::EVENT_TYPE_PURCHASE, now),
       EventAt("carted", "tea", v1::EVENT_TYPE_PURCHASE, now)});
  v1::RecommendProductsRequest request = FeedRequest("carted", 200, true);
  (*request.mutable_weight_overrides())["repurchase_due_share"] = 0;
  const auto bought = Recommend(request);
  EXPECT_EQ(Find(bought, "blender"), nullptr);
  const v1::RecommendedItem* tea = Find(bought, "tea");
  ASSERT_NE(tea, nullptr);
  EXPECT_FALSE(HasSource(*tea, "cart"));
  EXPECT_EQ(Part(*tea, "cart"), 0.0);
}

TEST_F(ConversionTest, GmvOrientedLiftsTheDearerOfTwoEquallyMatchedProducts) {
  v1::RecommendProductsRequest request = FeedRequest("watching-mugs", 10, true);
  request.mutable_context()->add_content_tags("mug");
  auto& weights = *request.mutable_weight_overrides();

  weights["click_rate"] = 1;  // click-oriented
  weights["purchase_rate"] = 0;
  weights["value"] = 0;
  const auto clicks = Recommend(request);
  ASSERT_GE(RankOf(clicks, "mug-dear"), 0);
  EXPECT_LT(RankOf(clicks, "mug-cheap"), RankOf(clicks, "mug-dear"));
  EXPECT_EQ(clicks.items(RankOf(clicks, "mug-cheap")).score(),
            clicks.items(RankOf(clicks, "mug-dear")).score());
  EXPECT_EQ(Part(*Find(clicks, "mug-dear"), "value"), 0.0);

  weights["purchase_rate"] = 1;  // GMV-oriented
  weights["value"] = 1;
  const auto gmv = Recommend(request);
  ASSERT_GE(RankOf(gmv, "mug-cheap"), 0);
  EXPECT_LT(RankOf(gmv, "mug-dear"), RankOf(gmv, "mug-cheap"));
  // Both are measured against the same median price: ten times the price is
  // log 10 more value.
  EXPECT_NEAR(Part(*Find(gmv, "mug-dear"), "value") -
                  Part(*Find(gmv, "mug-cheap"), "value"),
              std::log(10.0), 1e-9);
}

}  // namespace
}  // namespace ranker::testing
