#include "client/cli_requests.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

template <typename T>
std::string ErrorOf(const absl::StatusOr<T>& result) {
  if (result.ok()) return "<ok>";
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

TEST(BuildRecommendRequest, CopiesEveryOptionIntoTheRequest) {
  RecommendOptions options;
  options.user = "u1";
  options.session = "s9";
  options.count = 7;
  options.scene = "storefront";
  options.shop = "s017";
  options.context_tags = "travel, gift,";
  options.recent = "p1,p2";
  options.exclude = " p3 ";
  options.weight = "interest=2,ctr=0.5";
  options.explain = false;

  const absl::StatusOr<v1::RecommendProductsRequest> request =
      BuildRecommendRequest(options);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->user_id(), "u1");
  EXPECT_EQ(request->session_id(), "s9");
  EXPECT_EQ(request->count(), 7);
  EXPECT_EQ(request->scene(), v1::SCENE_STOREFRONT);
  EXPECT_FALSE(request->debug());
  EXPECT_EQ(request->context().shop_id(), "s017");
  EXPECT_THAT(request->context().content_tags(), ElementsAre("travel", "gift"));
  EXPECT_THAT(request->context().recent_product_ids(), ElementsAre("p1", "p2"));
  EXPECT_THAT(request->exclude_product_ids(), ElementsAre("p3"));
  EXPECT_THAT(request->weight_overrides(),
              UnorderedElementsAre(Pair("interest", 2.0), Pair("ctr", 0.5)));
}

TEST(BuildRecommendRequest, DefaultsToTwentyFeedItemsWithExplanations) {
  RecommendOptions options;
  options.user = "u1";
  const absl::StatusOr<v1::RecommendProductsRequest> request =
      BuildRecommendRequest(options);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->scene(), v1::SCENE_FEED);
  EXPECT_EQ(request->count(), 20);
  EXPECT_TRUE(request->debug());
  EXPECT_EQ(request->session_id(), "");
  EXPECT_EQ(request->context().shop_id(), "");
  EXPECT_THAT(request->context().content_tags(), IsEmpty());
  EXPECT_THAT(request->exclude_product_ids(), IsEmpty());
  EXPECT_THAT(request->weight_overrides(), IsEmpty());
}

TEST(BuildRecommendRequest, LeavesTheCountRangeToTheServer) {
  RecommendOptions options;
  options.user = "u1";
  options.count = 0;
  const absl::StatusOr<v1::RecommendProductsRequest> request =
      BuildRecommendRequest(options);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->count(), 0);
}

TEST(BuildRecommendRequest, RequiresAUser) {
  EXPECT_EQ(ErrorOf(BuildRecommendRequest(RecommendOptions())),
            "--user: required");
}

TEST(BuildRecommendRequest, NamesTheFlagOfABadSceneOrWeight) {
  RecommendOptions options;
  options.user = "u1";
  options.scene = "fed";
  EXPECT_EQ(ErrorOf(BuildRecommendRequest(options)),
            "--scene: unknown scene 'fed' (feed|storefront)");
  options.scene = "feed";
  options.weight = "interest";
  EXPECT_EQ(ErrorOf(BuildRecommendRequest(options)),
            "--weight: 'interest' is not name=value");
  options.weight = "a=1,a=2";
  EXPECT_EQ(ErrorOf(BuildRecommendRequest(options)),
            "--weight: weight 'a' is given twice");
}

LogOptions ClickOn(std::string products) {
  LogOptions options;
  options.user = "u1";
  options.products = std::move(products);
  options.type = "click";
  return options;
}

TEST(BuildEvents, MakesOneEventPerProductOtherwiseIdentical) {
  LogOptions options = ClickOn("p1, p2,,p3");
  options.session = "s1";
  options.type = "dwell";
  options.dwell_ms = 1500;
  options.form = "live_stream";
  options.content_tags = "travel,gift";
  options.creator = "c7";
  options.timestamp_ms = 1700000000000;

  const absl::StatusOr<std::vector<v1::Event>> events = BuildEvents(options);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 3u);
  const std::vector<std::string> expected_ids = {"p1", "p2", "p3"};
  for (size_t i = 0; i < events->size(); ++i) {
    const v1::Event& event = (*events)[i];
    EXPECT_EQ(event.product_id(), expected_ids[i]);
    EXPECT_EQ(event.user_id(), "u1");
    EXPECT_EQ(event.session_id(), "s1");
    EXPECT_EQ(event.type(), v1::EVENT_TYPE_DWELL);
    EXPECT_EQ(event.dwell_ms(), 1500);
    EXPECT_EQ(event.content_form(), v1::CONTENT_FORM_LIVE_STREAM);
    EXPECT_THAT(event.content_tags(), ElementsAre("travel", "gift"));
    EXPECT_EQ(event.creator_id(), "c7");
    EXPECT_EQ(event.timestamp_ms(), 1700000000000);
  }
}

TEST(BuildEvents, LeavesTheFormUnspecifiedWhenNotGiven) {
  const absl::StatusOr<std::vector<v1::Event>> events =
      BuildEvents(ClickOn("p1"));
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].content_form(), v1::CONTENT_FORM_UNSPECIFIED);
  EXPECT_EQ((*events)[0].timestamp_ms(), 0);
  EXPECT_THAT((*events)[0].content_tags(), IsEmpty());
  EXPECT_EQ((*events)[0].creator_id(), "");
}

TEST(BuildEvents, RequiresAUserAndAtLeastOneProduct) {
  LogOptions no_user = ClickOn("p1");
  no_user.user = "";
  EXPECT_EQ(ErrorOf(BuildEvents(no_user)), "--user: required");
  EXPECT_EQ(ErrorOf(BuildEvents(ClickOn(""))), "--product: required");
  EXPECT_EQ(ErrorOf(BuildEvents(ClickOn(" , ,"))), "--product: required");
}

TEST(BuildEvents, RequiresATypeAndListsTheAcceptedOnes) {
  LogOptions options = ClickOn("p1");
  options.type = "";
  EXPECT_EQ(ErrorOf(BuildEvents(options)),
            "--type: required (impression|click|dwell|like|share|favorite|"
            "add_to_cart|purchase|not_interested)");
}

TEST(BuildEvents, NamesTheFlagOfABadTypeOrForm) {
  LogOptions options = ClickOn("p1");
  options.type = "tap";
  EXPECT_EQ(ErrorOf(BuildEvents(options)),
            "--type: unknown event type 'tap' (impression|click|dwell|like|"
            "share|favorite|add_to_cart|purchase|not_interested)");
  options.type = "click";
  options.form = "tv";
  EXPECT_EQ(ErrorOf(BuildEvents(options)),
            "--form: unknown content form 'tv' "
            "(short_video|live_stream|product_card)");
}

std::vector<v1::Event> NumberedEvents(int n) {
  std::vector<v1::Event> events(n);
  for (int i = 0; i < n; ++i) events[i].set_product_id(absl::StrCat("p", i));
  return events;
}

std::vector<v1::Product> NumberedProducts(int n) {
  std::vector<v1::Product> products(n);
  for (int i = 0; i < n; ++i) products[i].set_product_id(absl::StrCat("p", i));
  return products;
}

TEST(MakeLogEventRequests, SplitsIntoBatchesOfAThousandInInputOrder) {
  EXPECT_EQ(kBatchSize, 1000u);
  const std::vector<v1::LogEventRequest> requests =
      MakeLogEventRequests(NumberedEvents(2500));
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].events_size(), 1000);
  EXPECT_EQ(requests[1].events_size(), 1000);
  EXPECT_EQ(requests[2].events_size(), 500);
  EXPECT_EQ(requests[0].events(0).product_id(), "p0");
  EXPECT_EQ(requests[0].events(999).product_id(), "p999");
  EXPECT_EQ(requests[1].events(0).product_id(), "p1000");
  EXPECT_EQ(requests[2].events(499).product_id(), "p2499");
}

TEST(MakeLogEventRequests, SendsAnExactMultipleInFullBatches) {
  const std::vector<v1::LogEventRequest> requests =
      MakeLogEventRequests(NumberedEvents(2000));
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].events_size(), 1000);
}

TEST(MakeLogEventRequests, HonoursASmallerBatchSize) {
  const std::vector<v1::LogEventRequest> requests =
      MakeLogEventRequests(NumberedEvents(5), 2);
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].events_size(), 2);
  EXPECT_EQ(requests[1].events_size(), 2);
  EXPECT_EQ(requests[2].events_size(), 1);
  EXPECT_EQ(requests[2].events(0).product_id(), "p4");
}

TEST(MakeLogEventRequests, GivesNoCallsForNoEvents) {
  EXPECT_THAT(MakeLogEventRequests({}), IsEmpty());
}

TEST(MakeUpsertRequests, SplitsIntoBatchesOfAThousandInInputOrder) {
  const std::vector<v1::UpsertProductsRequest> requests =
      MakeUpsertRequests(NumberedProducts(2001));
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].products_size(), 1000);
  EXPECT_EQ(requests[1].products_size(), 1000);
  EXPECT_EQ(requests[2].products_size(), 1);
  EXPECT_EQ(requests[1].products(0).product_id(), "p1000");
  EXPECT_EQ(requests[2].products(0).product_id(), "p2000");
}

TEST(MakeUpsertRequests, PutsASmallFileInOneCall) {
  const std::vector<v1::UpsertProductsRequest> requests =
      MakeUpsertRequests(NumberedProducts(3));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].products_size(), 3);
  EXPECT_EQ(requests[0].products(2).product_id(), "p2");
}

TEST(MakeUpsertRequests, GivesNoCallsForNoProducts) {
  EXPECT_THAT(MakeUpsertRequests({}), IsEmpty());
}

ShopOptions Shops(std::string shops, std::string status,
                  std::optional<double> quality = std::nullopt) {
  ShopOptions options;
  options.shops = std::move(shops);
  options.status = std::move(status);
  options.quality = quality;
  return options;
}

TEST(BuildShops, MakesOneShopPerIdWithTheStatusAndScore) {
  const absl::StatusOr<std::vector<v1::Shop>> shops =
      BuildShops(Shops("s1, s2", "banned", 0.3));
  ASSERT_TRUE(shops.ok()) << shops.status();
  ASSERT_EQ(shops->size(), 2u);
  EXPECT_EQ((*shops)[0].shop_id(), "s1");
  EXPECT_EQ((*shops)[1].shop_id(), "s2");
  for (const v1::Shop& shop : *shops) {
    EXPECT_EQ(shop.status(), v1::SHOP_STATUS_BANNED);
    ASSERT_TRUE(shop.has_quality_score());
    EXPECT_EQ(shop.quality_score(), 0.3);
  }
}

TEST(BuildShops, LeavesTheScoreAbsentWhenNotGiven) {
  const absl::StatusOr<std::vector<v1::Shop>> shops =
      BuildShops(Shops("s1", "active"));
  ASSERT_TRUE(shops.ok()) << shops.status();
  EXPECT_FALSE((*shops)[0].has_quality_score());
}

TEST(BuildShops, RequiresShopsAndAKnownStatusNamingTheFlag) {
  EXPECT_EQ(ErrorOf(BuildShops(Shops("", "banned"))), "--shop: required");
  EXPECT_EQ(ErrorOf(BuildShops(Shops("s1", ""))),
            "--status: required (active|banned)");
  EXPECT_EQ(ErrorOf(BuildShops(Shops("s1", "closed"))),
            "--status: unknown shop status 'closed' (active|banned)");
}

TEST(MakeUpsertShopsRequests, SplitsIntoBatchesInInputOrder) {
  std::vector<v1::Shop> shops(1001);
  for (size_t i = 0; i < shops.size(); ++i) {
    shops[i].set_shop_id(absl::StrCat("s", i));
  }
  const std::vector<v1::UpsertShopsRequest> requests =
      MakeUpsertShopsRequests(shops);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].shops_size(), 1000);
  EXPECT_EQ(requests[1].shops(0).shop_id(), "s1000");
  EXPECT_THAT(MakeUpsertShopsRequests({}), IsEmpty());
}

}  // namespace
}  // namespace ranker::cli
