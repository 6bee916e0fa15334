// The service's promises over a real channel to the real binary: it serves
// the demo catalog by default, events move the next recommendation toward
// what was clicked, and a banned product never comes back.
#include <algorithm>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

class RecommendFlowTest : public ServerTestBase {
 protected:
  static int CountTagged(const v1::RecommendProductsResponse& response,
                         const std::string& tag, int top) {
    int tagged = 0;
    for (int i = 0; i < std::min(top, response.items_size()); ++i) {
      if (HasTag(DemoCatalogById().at(response.items(i).product_id()), tag)) {
        ++tagged;
      }
    }
    return tagged;
  }
};

TEST_F(RecommendFlowTest,
       ColdStartUserGetsTheRequestedCountOfDistinctProducts) {
  v1::RecommendProductsResponse response = Recommend(FeedRequest("u1", 20));
  ASSERT_EQ(response.items_size(), 20);
  EXPECT_FALSE(response.request_id().empty());
  absl::flat_hash_set<std::string> unique;
  for (const auto& item : response.items()) {
    EXPECT_TRUE(DemoCatalogById().contains(item.product_id()));
    EXPECT_FALSE(item.source().empty());
    unique.insert(item.product_id());
  }
  EXPECT_EQ(unique.size(), 20u);
}

TEST_F(RecommendFlowTest, ClicksOnBusinessTravelProductsMoveThemUp) {
  const std::string user = "flow-traveller";
  const auto before = Recommend(FeedRequest(user, 20));
  const int travel_before = CountTagged(before, "business-travel", 10);

  // Three clicks on business-travel products the user was not shown.
  v1::LogEventRequest events;
  const std::vector<std::string> before_ids = ProductIds(before);
  const absl::flat_hash_set<std::string> shown(before_ids.begin(),
                                               before_ids.end());
  for (const ProductSpec& product : DemoCatalog()) {
    if (events.events_size() == 3) break;
    if (product.status != ProductStatus::kActive ||
        shown.contains(product.id) || !HasTag(product, "business-travel")) {
      continue;
    }
    v1::Event* event = events.add_events();
    *event = MakeEvent(user, product.id, v1::EVENT_TYPE_CLICK);
    event->set_content_form(v1::CONTENT_FORM_SHORT_VIDEO);
    event->add_content_tags("business-travel");
  }
  ASSERT_EQ(events.events_size(), 3);
  LogEvents(events);

  const auto after = Recommend(FeedRequest(user, 20, /*debug=*/true));
  const int travel_after = CountTagged(after, "business-travel", 10);
  EXPECT_GT(travel_after, travel_before);
  EXPECT_GE(travel_after, 5);
  // The explanation says why: the instant interest matched.
  const auto& top = after.items(0);
  EXPECT_TRUE(
      HasTag(DemoCatalogById().at(top.product_id()), "business-travel"));
  EXPECT_FALSE(top.explanation().matched_instant_tags().empty());
  double sum = 0;
  for (const auto& [name, value] : top.explanation().score_parts())
    sum += value;
  EXPECT_NEAR(sum, top.score(), 1e-9);
}

TEST_F(RecommendFlowTest, EachEventShowsInTheVeryNextRequest) {
  // The ranking applies an event before LogEvent replies (no queue, no
  // background job): the call right after the reply, with no wait, sees it.
  // Five rounds of "dismiss the top product, ask again" each drop exactly
  // the product just dismissed.
  const std::string user = "flow-dismisser";
  absl::flat_hash_set<std::string> dismissed;
  for (int round = 0; round < 5; ++round) {
    const auto before = Recommend(FeedRequest(user, 20));
    ASSERT_GT(before.items_size(), 0);
    const std::string top = before.items(0).product_id();
    EXPECT_FALSE(dismissed.contains(top)) << "round " << round;
    v1::LogEventRequest events;
    *events.add_events() = MakeEvent(user, top, v1::EVENT_TYPE_NOT_INTERESTED);
    LogEvents(events);
    dismissed.insert(top);
    const auto after = Recommend(FeedRequest(user, 20));
    for (const std::string& id : ProductIds(after)) {
      EXPECT_FALSE(dismissed.contains(id)) << id << " in round " << round;
    }
  }
}

TEST_F(RecommendFlowTest, BannedProductIsNeverReturnedAfterTheUpsert) {
  const std::string fan = "flow-fan";
  const auto first = Recommend(FeedRequest(fan, 20));
  ASSERT_GT(first.items_size(), 0);
  const std::string target = first.items(0).product_id();
  // Make the user love it first, so only governance can keep it out.
  v1::LogEventRequest events;
  *events.add_events() = MakeEvent(fan, target, v1::EVENT_TYPE_ADD_TO_CART);
  LogEvents(events);
  ASSERT_EQ(Recommend(FeedRequest(fan, 5)).items(0).product_id(), target);

  v1::UpsertProductsRequest upsert;
  v1::Product* banned = upsert.add_products();
  *banned = ToApiProduct(DemoCatalogById().at(target));
  banned->set_status(v1::PRODUCT_STATUS_BANNED);
  grpc::ClientContext context;
  v1::UpsertProductsResponse upserted;
  ASSERT_TRUE(stub()->UpsertProducts(&context, upsert, &upserted).ok());
  EXPECT_EQ(upserted.updated(), 1);

  for (const std::string& user :
       {fan, std::string("u1"), std::string("other")}) {
    for (v1::Scene scene : {v1::SCENE_FEED, v1::SCENE_STOREFRONT}) {
      v1::RecommendProductsRequest request = FeedRequest(user, 200);
      request.set_scene(scene);
      const auto ids = ProductIds(Recommend(request));
      EXPECT_EQ(ids.size(), 200u);
      EXPECT_EQ(std::count(ids.begin(), ids.end(), target), 0)
          << "user " << user;
    }
  }
  v1::RecommendProductsRequest storefront = FeedRequest(fan, 200);
  storefront.set_scene(v1::SCENE_STOREFRONT);
  storefront.mutable_context()->set_shop_id(
      DemoCatalogById().at(target).shop_id);
  const auto shop_ids = ProductIds(Recommend(storefront));
  EXPECT_FALSE(shop_ids.empty());
  EXPECT_EQ(std::count(shop_ids.begin(), shop_ids.end(), target), 0);
}

TEST_F(RecommendFlowTest, StorefrontRanksOnlyTheShopsProducts) {
  const ProductSpec& any = DemoCatalog().front();
  v1::RecommendProductsRequest request = FeedRequest("u1", 50);
  request.set_scene(v1::SCENE_STOREFRONT);
  request.mutable_context()->set_shop_id(any.shop_id);
  const auto ids = ProductIds(Recommend(request));
  ASSERT_FALSE(ids.empty());
  for (const std::string& id : ids) {
    EXPECT_EQ(DemoCatalogById().at(id).shop_id, any.shop_id);
  }
}

TEST_F(RecommendFlowTest, ProductsShownOftenWithoutEngagementRest) {
  const std::string user = "flow-fatigued";
  const auto first = Recommend(FeedRequest(user, 10));
  ASSERT_GT(first.items_size(), 0);
  const std::string shown = first.items(0).product_id();
  v1::LogEventRequest impressions;
  for (int i = 0; i < 3; ++i) {
    *impressions.add_events() =
        MakeEvent(user, shown, v1::EVENT_TYPE_IMPRESSION);
  }
  LogEvents(impressions);
  for (int count : {10, 200}) {
    const auto ids = ProductIds(Recommend(FeedRequest(user, count)));
    EXPECT_EQ(std::count(ids.begin(), ids.end(), shown), 0) << count;
  }
  // Another user may still be shown it (lower: it now has a poor click
  // rate); engaging ends the rest.
  const auto other = ProductIds(Recommend(FeedRequest("flow-other", 200)));
  EXPECT_EQ(std::count(other.begin(), other.end(), shown), 1);
  v1::LogEventRequest click;
  *click.add_events() = MakeEvent(user, shown, v1::EVENT_TYPE_CLICK);
  LogEvents(click);
  const auto again = ProductIds(Recommend(FeedRequest(user, 200)));
  EXPECT_EQ(std::count(again.begin(), again.end(), shown), 1);
}

}  // namespace
}  // namespace ranker::testing
