// Content forms and the FACT signals over a real channel, on a crafted
// catalog (the server starts empty): a product live now, a campaign in its
// window, a creator the user engages with and a content form the user
// engages through are boosted, each visible as its score part; an event
// through a live stream moves interest more than the same event through a
// product card.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;

int64_t NowMs() { return absl::ToUnixMillis(absl::Now()); }

// A product of the crafted catalog: one tag, one category, one shop, so that
// two products built with the same tag differ only in what a test sets.
v1::Product Crafted(const std::string& id, const std::string& tag) {
  v1::Product product;
  product.set_product_id(id);
  product.set_title(id);
  v1::WeightedTag* weighted = product.add_tags();
  weighted->set_tag(tag);
  weighted->set_weight(1.0);
  product.add_category_path("fact");
  product.set_shop_id("fact-shop");
  product.set_price(10.0);
  product.set_status(v1::PRODUCT_STATUS_ACTIVE);
  product.add_content_forms(v1::CONTENT_FORM_SHORT_VIDEO);
  return product;
}

class FactTest : public ServerTestBase {
 protected:
  static void SetUpTestSuite() { StartServer({"--catalog=none"}); }

  static void Upsert(const std::vector<v1::Product>& products) {
    v1::UpsertProductsRequest request;
    for (const v1::Product& product : products) {
      *request.add_products() = product;
    }
    UpsertProducts(request);
  }
  static void Log(const v1::Event& event) {
    v1::LogEventRequest request;
    *request.add_events() = event;
    LogEvents(request);
  }
  // Every product, ranked for `user`, with explanations.
  static v1::RecommendProductsResponse RankAll(const std::string& user) {
    return Recommend(FeedRequest(user, 200, /*debug=*/true));
  }
  // The position of `id` in `response`, -1 when absent.
  static int RankOf(const v1::RecommendProductsResponse& response,
                    const std::string& id) {
    for (int i = 0; i < response.items_size(); ++i) {
      if (response.items(i).product_id() == id) return i;
    }
    return -1;
  }
  static const v1::RecommendedItem& Item(
      const v1::RecommendProductsResponse& response, const std::string& id) {
    const int rank = RankOf(response, id);
    EXPECT_GE(rank, 0) << id << " was not returned";
    return response.items(rank < 0 ? 0 : rank);
  }
  static double Part(const v1::RecommendProductsResponse& response,
                     const std::string& id, const std::string& part) {
    const auto& parts = Item(response, id).explanation().score_parts();
    EXPECT_EQ(parts.count(part), 1u) << part;
    return parts.count(part) == 1 ? parts.at(part) : NAN;
  }
};

TEST_F(FactTest, AProductLiveNowRanksAboveItsTwinUntilItsStreamEnds) {
  const int64_t now = NowMs();
  // The live twin comes second, so that without the boost it would rank
  // below the other (equal scores break ties by catalog order).
  v1::Product still = Crafted("fact-live-still", "fact-live");
  v1::Product live = Crafted("fact-live-on", "fact-live");
  live.set_live_start_ms(now - kHourMs);
  live.set_live_end_ms(now + kHourMs);
  Upsert({still, live});

  const v1::RecommendProductsResponse during = RankAll("fact-live-viewer");
  EXPECT_LT(RankOf(during, "fact-live-on"), RankOf(during, "fact-live-still"));
  EXPECT_EQ(Part(during, "fact-live-on", "live_now"), 0.5);
  EXPECT_EQ(Part(during, "fact-live-still", "live_now"), 0.0);
  EXPECT_NEAR(Item(during, "fact-live-on").score() -
                  Item(during, "fact-live-still").score(),
              0.5, 1e-9);

  // The stream is over: the same product, its window now in the past.
  live.set_live_start_ms(now - 3 * kHourMs);
  live.set_live_end_ms(now - 2 * kHourMs);
  Upsert({live});
  const v1::RecommendProductsResponse after = RankAll("fact-live-viewer");
  EXPECT_EQ(Part(after, "fact-live-on", "live_now"), 0.0);
  EXPECT_EQ(Item(after, "fact-live-on").score(),
            Item(after, "fact-live-still").score());
  EXPECT_GT(RankOf(after, "fact-live-on"), RankOf(after, "fact-live-still"));
}

TEST_F(FactTest, AWindowThatEndsBeforeItStartsIsRejectedNamingTheField) {
  v1::UpsertProductsRequest request;
  v1::Product* product = request.add_products();
  *product = Crafted("fact-bad-window", "fact-bad");
  product->set_live_start_ms(2000);
  product->set_live_end_ms(1000);
  grpc::ClientContext context;
  v1::UpsertProductsResponse response;
  const grpc::Status status =
      stub()->UpsertProducts(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "products[0].live_end_ms: must be greater than "
            "products[0].live_start_ms (2000), got 1000");
}

TEST_F(FactTest, ALiveProductMatchingTheUsersInterestIsRetrievedAsLiveNow) {
  const int64_t now = NowMs();
  v1::Product seed = Crafted("fact-retrieve-seed", "fact-retrieve");
  v1::Product live = Crafted("fact-retrieve-live", "fact-retrieve");
  live.set_live_start_ms(now - kHourMs);
  live.set_live_end_ms(now + kHourMs);
  Upsert({seed, live});
  Log(MakeEvent("fact-retrieve-fan", "fact-retrieve-seed",
                v1::EVENT_TYPE_CLICK));

  const v1::RecommendProductsResponse response = RankAll("fact-retrieve-fan");
  const v1::RecommendedItem& item = Item(response, "fact-retrieve-live");
  const auto& sources = item.explanation().sources();
  EXPECT_NE(std::find(sources.begin(), sources.end(), "live_now"),
            sources.end());
}

TEST_F(FactTest, ACampaignIsBoostedInsideItsWindowOnly) {
  const int64_t now = NowMs();
  v1::Product plain = Crafted("fact-camp-plain", "fact-camp");
  v1::Product running = Crafted("fact-camp-running", "fact-camp");
  running.set_campaign(true);
  running.set_campaign_start_ms(now - kHourMs);
  running.set_campaign_end_ms(now + kHourMs);
  v1::Product upcoming = Crafted("fact-camp-upcoming", "fact-camp");
  upcoming.set_campaign(true);
  upcoming.set_campaign_start_ms(now + kHourMs);
  upcoming.set_campaign_end_ms(now + 2 * kHourMs);
  v1::Product over = Crafted("fact-camp-over", "fact-camp");
  over.set_campaign(true);
  over.set_campaign_start_ms(now - 2 * kHourMs);
  over.set_campaign_end_ms(now - kHourMs);
  Upsert({plain, running, upcoming, over});

  const v1::RecommendProductsResponse response = RankAll("fact-camp-viewer");
  EXPECT_EQ(Part(response, "fact-camp-running", "campaign"), 0.3);
  EXPECT_EQ(Part(response, "fact-camp-plain", "campaign"), 0.0);
  EXPECT_EQ(Part(response, "fact-camp-upcoming", "campaign"), 0.0);
  EXPECT_EQ(Part(response, "fact-camp-over", "campaign"), 0.0);
  EXPECT_LT(RankOf(response, "fact-camp-running"),
            RankOf(response, "fact-camp-plain"));
  EXPECT_EQ(Item(response, "fact-camp-upcoming").score(),
            Item(response, "fact-camp-plain").score());
}

TEST_F(FactTest, ACreatorTheUserEngagedWithLiftsTheProductsTheyFeature) {
  // c2's product comes first in the catalog, so ties would favour it.
  v1::Product by_c2 = Crafted("fact-creator-by-c2", "fact-creator");
  by_c2.add_creator_ids("fact-c2");
  v1::Product by_c1 = Crafted("fact-creator-by-c1", "fact-creator");
  by_c1.add_creator_ids("fact-c1");
  v1::Product seed = Crafted("fact-creator-seed", "fact-creator-seed");
  Upsert({by_c2, by_c1, seed});
  // The user liked a video of c1 showing another product.
  v1::Event like =
      MakeEvent("fact-creator-fan", "fact-creator-seed", v1::EVENT_TYPE_LIKE);
  like.set_content_form(v1::CONTENT_FORM_SHORT_VIDEO);
  like.set_creator_id("fact-c1");
  Log(like);

  const v1::RecommendProductsResponse response = RankAll("fact-creator-fan");
  EXPECT_LT(RankOf(response, "fact-creator-by-c1"),
            RankOf(response, "fact-creator-by-c2"));
  EXPECT_EQ(Part(response, "fact-creator-by-c1", "creator"), 0.8);
  EXPECT_EQ(Part(response, "fact-creator-by-c2", "creator"), 0.0);
  // Someone who never met c1 sees no creator part.
  EXPECT_EQ(
      Part(RankAll("fact-creator-stranger"), "fact-creator-by-c1", "creator"),
      0.0);
}

TEST_F(FactTest, AnEventThroughALiveStreamMovesInterestMoreThanThroughACard) {
  // Both users first click a "b" product through a short video, then the
  // same "a" product, one through a live stream and one through a card.
  // Unclicked twins of each show where their interest now leans.
  Upsert({Crafted("fact-form-a-clicked", "fact-form-a"),
          Crafted("fact-form-b-clicked", "fact-form-b"),
          Crafted("fact-form-a-twin", "fact-form-a"),
          Crafted("fact-form-b-twin", "fact-form-b")});
  const struct {
    std::string user;
    v1::ContentForm form;
    double factor;
  } cases[] = {{"fact-form-live", v1::CONTENT_FORM_LIVE_STREAM, 1.25},
               {"fact-form-card", v1::CONTENT_FORM_PRODUCT_CARD, 0.8}};
  for (const auto& c : cases) {
    v1::Event first =
        MakeEvent(c.user, "fact-form-b-clicked", v1::EVENT_TYPE_CLICK);
    first.set_content_form(v1::CONTENT_FORM_SHORT_VIDEO);
    Log(first);
    v1::Event second =
        MakeEvent(c.user, "fact-form-a-clicked", v1::EVENT_TYPE_CLICK);
    second.set_content_form(c.form);
    Log(second);
  }

  const v1::RecommendProductsResponse live = RankAll("fact-form-live");
  const v1::RecommendProductsResponse card = RankAll("fact-form-card");
  // Long-term interest {a: factor, b: 1}: cosine with an "a" product.
  for (const auto& [response, factor] :
       {std::pair{&live, 1.25}, std::pair{&card, 0.8}}) {
    EXPECT_NEAR(Part(*response, "fact-form-a-twin", "long_term_match"),
                factor / std::sqrt(factor * factor + 1.0), 1e-4)
        << factor;
    EXPECT_NEAR(Part(*response, "fact-form-b-twin", "long_term_match"),
                1.0 / std::sqrt(factor * factor + 1.0), 1e-4)
        << factor;
  }
  EXPECT_LT(RankOf(live, "fact-form-a-twin"), RankOf(live, "fact-form-b-twin"));
  EXPECT_GT(RankOf(card, "fact-form-a-twin"), RankOf(card, "fact-form-b-twin"));
}

TEST_F(FactTest, AUserWhoEngagesThroughLiveStreamsLeansToLiveProducts) {
  // The short-video-only twin comes first, so ties would favour it.
  v1::Product video = Crafted("fact-forms-video", "fact-forms");
  v1::Product live = Crafted("fact-forms-live", "fact-forms");
  live.clear_content_forms();
  live.add_content_forms(v1::CONTENT_FORM_LIVE_STREAM);
  v1::Product seed = Crafted("fact-forms-seed", "fact-forms-seed");
  Upsert({video, live, seed});
  v1::Event watched =
      MakeEvent("fact-forms-fan", "fact-forms-seed", v1::EVENT_TYPE_CLICK);
  watched.set_content_form(v1::CONTENT_FORM_LIVE_STREAM);
  Log(watched);

  const v1::RecommendProductsResponse response = RankAll("fact-forms-fan");
  EXPECT_EQ(Part(response, "fact-forms-live", "content_form"), 0.25);
  EXPECT_EQ(Part(response, "fact-forms-video", "content_form"), 0.0);
  EXPECT_LT(RankOf(response, "fact-forms-live"),
            RankOf(response, "fact-forms-video"));
}

}  // namespace
}  // namespace ranker::testing
