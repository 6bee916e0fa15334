#include "core/engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "core/pipeline/candidate.h"
#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using test::Spec;

constexpr TimeMs kT0 = 1'700'000'000'000;

// 30 products: kitchen k00..k09 (idx 0-9), home decor h10..h19 (idx 10-19)
// and travel t20..t29 (idx 20-29), each in its own category, spread over the
// shops s0..s4 by idx % 5. k09 is a consumable; the others are durable.
std::vector<ProductSpec> CraftedCatalog() {
  std::vector<ProductSpec> specs;
  for (int i = 0; i < 30; ++i) {
    const std::string shop = "s" + std::to_string(i % 5);
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    if (i < 10) {
      specs.push_back(Spec("k" + n, {{"kitchen", 1.0}, {"cooking", 0.7}},
                           {"home", "kitchen"}, shop));
    } else if (i < 20) {
      specs.push_back(Spec("h" + n, {{"home-decor", 1.0}, {"cozy", 0.6}},
                           {"home", "decor"}, shop));
    } else {
      specs.push_back(Spec("t" + n, {{"travel", 1.0}, {"luggage", 0.8}},
                           {"travel", "luggage"}, shop));
    }
  }
  specs[9].repurchase_cycle_days = 30;
  return specs;
}

bool IsTravel(const std::string& id) { return id.front() == 't'; }

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() : engine_(Options()) {
    absl::StatusOr<UpsertResult> result =
        engine_.UpsertProducts(CraftedCatalog());
    EXPECT_TRUE(result.ok()) << result.status();
  }

  EngineOptions Options() {
    EngineOptions options;
    options.clock = [this] { return now_.load(); };
    return options;
  }

  static RecommendRequest Request(const std::string& user, int count) {
    RecommendRequest request;
    request.user_id = user;
    request.count = count;
    return request;
  }
  // A request without the diversity caps, so that the order is the score's.
  static RecommendRequest Uncapped(const std::string& user, int count) {
    RecommendRequest request = Request(user, count);
    request.weight_overrides = {{"category_max_share", 1.0},
                                {"shop_max_share", 1.0}};
    return request;
  }

  std::vector<std::string> Ids(const RecommendRequest& request) {
    absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
    EXPECT_TRUE(result.ok()) << result.status();
    std::vector<std::string> ids;
    if (!result.ok()) return ids;
    for (const RecommendedItem& item : result->items) {
      ids.push_back(item.product_id);
    }
    return ids;
  }

  static bool Contains(const std::vector<std::string>& ids,
                       const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  static Event MakeEvent(const std::string& user, const std::string& product,
                         EventType type = EventType::kClick) {
    Event event;
    event.user_id = user;
    event.product_id = product;
    event.type = type;
    return event;  // timestamp 0: the engine's clock
  }

  void LogOk(std::vector<Event> events) {
    absl::Status status = engine_.Log(events);
    ASSERT_TRUE(status.ok()) << status;
  }

  std::atomic<TimeMs> now_ = kT0;
  Engine engine_;
};

TEST_F(EngineTest, NowIsTheInjectedClock) {
  EXPECT_EQ(engine_.Now(), kT0);
  now_ = kT0 + 5;
  EXPECT_EQ(engine_.Now(), kT0 + 5);
}

TEST_F(EngineTest, CountsProductsTagsAndUsers) {
  EngineCounts counts = engine_.Counts();
  EXPECT_EQ(counts.products, 30u);
  EXPECT_EQ(counts.tags, 6u);
  EXPECT_EQ(counts.users, 0u);
  EXPECT_EQ(counts.events, 0u);
  LogOk(
      {MakeEvent("u1", "k00"), MakeEvent("u2", "k01"), MakeEvent("u1", "k02")});
  EXPECT_EQ(engine_.Counts().users, 2u);
  EXPECT_EQ(engine_.Counts().events, 3u);
  // A call that fails applies nothing, so counts nothing.
  std::vector<Event> bad = {MakeEvent("u3", "k00"), MakeEvent("u3", "nope")};
  EXPECT_FALSE(engine_.Log(bad).ok());
  EXPECT_EQ(engine_.Counts().events, 3u);
}

TEST_F(EngineTest, ColdStartReturnsCountDistinctItems) {
  std::vector<std::string> ids = Ids(Request("newcomer", 10));
  EXPECT_EQ(ids.size(), 10u);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
  // Asking for more than the catalog holds returns the whole catalog.
  EXPECT_EQ(Ids(Request("newcomer", 200)).size(), 30u);
}

TEST_F(EngineTest, ColdStartRespectsTheDiversityCaps) {
  // All scores are 0 for a cold user without events, so the ranked list is
  // in product order. count 10 allows 3 per category (0.3) and 2 per shop
  // (0.2, shop = idx % 5): k00-k02 fill kitchen, h10-h12 fill home (and
  // shops s0-s2), travel then takes t23, t24 and t28 (shops s3, s4, s3), and
  // the tenth place goes to the best deferred product, k03.
  EXPECT_EQ(Ids(Request("newcomer", 10)),
            (std::vector<std::string>{"k00", "k01", "k02", "h10", "h11", "h12",
                                      "t23", "t24", "t28", "k03"}));
}

TEST_F(EngineTest, ClicksOnTravelProductsImproveTheirRanks) {
  const std::vector<std::string> before = Ids(Uncapped("u1", 30));
  ASSERT_EQ(before.size(), 30u);
  const std::vector<std::string> top5_before(before.begin(),
                                             before.begin() + 5);
  LogOk(
      {MakeEvent("u1", "t20"), MakeEvent("u1", "t21"), MakeEvent("u1", "t22")});
  const std::vector<std::string> after = Ids(Uncapped("u1", 30));
  ASSERT_EQ(after.size(), 30u);

  auto travel_in_top5 = [](const std::vector<std::string>& ids) {
    return std::count_if(ids.begin(), ids.begin() + 5, IsTravel);
  };
  EXPECT_EQ(travel_in_top5(before), 0);
  EXPECT_EQ(travel_in_top5(after), 5);
  auto rank = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) - ids.begin();
  };
  for (int i = 20; i < 30; ++i) {
    const std::string id = "t" + std::to_string(i);
    EXPECT_LT(rank(after, id), rank(before, id)) << id;
  }
  // The clicked products lead (they also gained popularity and clicks).
  EXPECT_TRUE(IsTravel(after[0]));
}

TEST_F(EngineTest, ClicksOnTravelImproveTheTopFiveWithDefaultCapsToo) {
  auto travel_in_top5 = [&] {
    std::vector<std::string> ids = Ids(Request("u1", 5));
    return std::count_if(ids.begin(), ids.end(), IsTravel);
  };
  const auto before = travel_in_top5();
  LogOk({MakeEvent("u1", "t20"), MakeEvent("u1", "t21"), MakeEvent("u1", "t22"),
         MakeEvent("u1", "t23")});
  EXPECT_GT(travel_in_top5(), before);
}

TEST_F(EngineTest, OtherUsersAreNotPersonalisedByU1sClicks) {
  LogOk({MakeEvent("u1", "t20"), MakeEvent("u1", "t21")});
  std::vector<std::string> other = Ids(Uncapped("u2", 5));
  // u2 sees the clicked products through popularity only, not the other
  // travel products through interest.
  for (const std::string& id : other) {
    if (IsTravel(id)) {
      EXPECT_TRUE(id == "t20" || id == "t21") << id;
    }
  }
}

TEST_F(EngineTest, ContextTagsSteerAColdUser) {
  RecommendRequest request = Uncapped("newcomer", 5);
  request.context_tags = {"travel"};
  for (const std::string& id : Ids(request)) EXPECT_TRUE(IsTravel(id)) << id;
}

TEST_F(EngineTest, ABannedProductNeverAppears) {
  LogOk({MakeEvent("u1", "t20"), MakeEvent("u1", "t20", EventType::kPurchase),
         MakeEvent("u2", "t20")});
  ProductSpec banned = CraftedCatalog()[20];
  banned.status = ProductStatus::kBanned;
  ProductSpec gone = CraftedCatalog()[21];
  gone.status = ProductStatus::kOutOfStock;
  ASSERT_TRUE(
      engine_.UpsertProducts(std::vector<ProductSpec>{banned, gone}).ok());
  for (const std::string user : {"u1", "u2", "newcomer"}) {
    for (Scene scene : {Scene::kFeed, Scene::kStorefront}) {
      RecommendRequest request = Request(user, 200);
      request.scene = scene;
      if (scene == Scene::kStorefront) request.shop_id = "s0";
      request.context_tags = {"travel"};
      request.recent_product_ids = {"t20"};
      std::vector<std::string> ids = Ids(request);
      EXPECT_FALSE(Contains(ids, "t20")) << user;
      EXPECT_FALSE(Contains(ids, "t21")) << user;
      if (scene == Scene::kFeed) {
        EXPECT_EQ(ids.size(), 28u) << user;
      }
    }
  }
}

TEST_F(EngineTest, LogWithAnUnknownProductIsNotFoundAndAppliesNothing) {
  const RecommendRequest cold = Request("u2", 30);
  absl::StatusOr<RecommendResult> before = engine_.Recommend(cold);
  ASSERT_TRUE(before.ok());
  absl::Status status = engine_.Log(std::vector<Event>{
      MakeEvent("u1", "t20", EventType::kPurchase), MakeEvent("u1", "nope")});
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "events[1].product_id: unknown product 'nope'");
  // Neither the profile nor the item statistics changed.
  EXPECT_EQ(engine_.Counts().users, 0u);
  absl::StatusOr<RecommendResult> after = engine_.Recommend(cold);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->items.size(), before->items.size());
  for (size_t i = 0; i < after->items.size(); ++i) {
    EXPECT_EQ(after->items[i].product_id, before->items[i].product_id);
    EXPECT_EQ(after->items[i].score, before->items[i].score);
  }
}

TEST_F(EngineTest, LogWithAnInvalidEventNamesItAndAppliesNothing) {
  Event bad = MakeEvent("", "t20");
  absl::Status status =
      engine_.Log(std::vector<Event>{MakeEvent("u1", "t20"), bad});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "events[1].user_id: must not be empty");
  EXPECT_EQ(engine_.Counts().users, 0u);

  Event content = MakeEvent("u1", "t20");
  content.content_tags = {"new-topic"};
  Event future = MakeEvent("u1", "t21");
  future.timestamp_ms = kT0 + 2 * kMsPerDay;
  EXPECT_EQ(engine_.Log(std::vector<Event>{content, future}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_.Counts().tags, 6u);  // the content tag was not interned
}

TEST_F(EngineTest, LogRejectsAnEmptyBatch) {
  absl::Status status = engine_.Log({});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "events: must not be empty");
}

TEST_F(EngineTest, LogInternsContentTagsWhichThenCount) {
  Event event = MakeEvent("u1", "k00");
  event.content_tags = {"travel", "vlog"};
  LogOk({event});
  EXPECT_EQ(engine_.Counts().tags, 7u);
}

TEST_F(EngineTest, DescribeUserShowsExactCountsInterestsAndRecentProducts) {
  LogOk({MakeEvent("u1", "t20"), MakeEvent("u1", "t21"),
         MakeEvent("u1", "t22", EventType::kImpression),
         MakeEvent("u1", "k00", EventType::kNotInterested)});
  now_ += 10 * kMsPerDay;  // counts do not decay; weights do
  LogOk({MakeEvent("u1", "t23", EventType::kPurchase)});
  absl::StatusOr<UserDescription> user = engine_.DescribeUser("u1");
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_TRUE(user->known);
  EXPECT_EQ(user->event_counts[static_cast<int>(EventType::kClick)], 2u);
  EXPECT_EQ(user->event_counts[static_cast<int>(EventType::kImpression)], 1u);
  EXPECT_EQ(user->event_counts[static_cast<int>(EventType::kNotInterested)],
            1u);
  EXPECT_EQ(user->event_counts[static_cast<int>(EventType::kPurchase)], 1u);
  EXPECT_EQ(TotalEvents(user->event_counts), 5u);
  EXPECT_EQ(user->last_event_time, now_.load());
  ASSERT_FALSE(user->long_term.empty());
  EXPECT_EQ(user->long_term.front().name, "travel");
  ASSERT_FALSE(user->instant.empty());
  EXPECT_EQ(user->instant.front().name, "travel");
  for (size_t i = 1; i < user->long_term.size(); ++i) {
    EXPECT_GE(user->long_term[i - 1].weight, user->long_term[i].weight);
  }
  // Engagements only: not the impression, the rejection or the purchase.
  EXPECT_EQ(user->recent_product_ids, (std::vector<std::string>{"t20", "t21"}));
}

TEST_F(EngineTest, DescribeUserKeepsTheTopTagsAskedFor) {
  Event event = MakeEvent("u1", "t20");
  event.content_tags = {"vlog", "airport", "hotel"};
  LogOk({event, MakeEvent("u1", "k00")});
  absl::StatusOr<UserDescription> user = engine_.DescribeUser("u1", 2);
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_EQ(user->long_term.size(), 2u);
  EXPECT_EQ(user->instant.size(), 2u);
  user = engine_.DescribeUser("u1");  // the default shows them all here
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_EQ(user->long_term.size(), 7u);
}

TEST_F(EngineTest, AnUnknownUserIsDescribedAsNotKnown) {
  absl::StatusOr<UserDescription> user = engine_.DescribeUser("nobody");
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_FALSE(user->known);
  EXPECT_EQ(TotalEvents(user->event_counts), 0u);
  EXPECT_TRUE(user->long_term.empty());
  EXPECT_EQ(engine_.Counts().users, 0u);  // describing creates nothing
}

TEST_F(EngineTest, DescribeUserNamesTheBadField) {
  EXPECT_EQ(engine_.DescribeUser("").status().message(),
            "user_id: must not be empty");
  absl::Status status = engine_.DescribeUser("u1", 129).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "top_tags: must be in [0, 128], got 129");
  EXPECT_EQ(engine_.DescribeUser("u1", -1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(EngineTest, DescribeProductShowsCatalogFieldsAndBothKindsOfCounts) {
  LogOk({MakeEvent("u1", "t20", EventType::kImpression),
         MakeEvent("u2", "t20", EventType::kImpression),
         MakeEvent("u1", "t20", EventType::kClick),
         MakeEvent("u2", "t20", EventType::kAddToCart)});
  absl::StatusOr<ProductDescription> product = engine_.DescribeProduct("t20");
  ASSERT_TRUE(product.ok()) << product.status();
  EXPECT_EQ(product->product_id, "t20");
  EXPECT_EQ(product->category, "travel/luggage");
  EXPECT_EQ(product->shop_id, "s0");
  EXPECT_EQ(product->status, ProductStatus::kActive);
  ASSERT_EQ(product->tags.size(), 2u);
  EXPECT_EQ(product->event_counts[static_cast<int>(EventType::kImpression)],
            2u);
  EXPECT_EQ(product->event_counts[static_cast<int>(EventType::kClick)], 1u);
  EXPECT_EQ(product->event_counts[static_cast<int>(EventType::kAddToCart)], 1u);
  EXPECT_EQ(product->decayed.impressions, 2.0);
  EXPECT_EQ(product->decayed.carts, 1.0);
  // Three days (the half-life) later: the decayed counts halve, the exact
  // ones stay.
  now_ += 3 * kMsPerDay;
  product = engine_.DescribeProduct("t20");
  ASSERT_TRUE(product.ok());
  EXPECT_NEAR(product->decayed.impressions, 1.0, 1e-9);
  EXPECT_EQ(TotalEvents(product->event_counts), 4u);
}

TEST_F(EngineTest, DescribeProductOfAnUnknownProductIsNotFound) {
  absl::Status status = engine_.DescribeProduct("nope").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "product_id: unknown product 'nope'");
  EXPECT_EQ(engine_.DescribeProduct("").status().message(),
            "product_id: must not be empty");
}

TEST_F(EngineTest, AnUnknownWeightOverrideIsInvalidArgument) {
  RecommendRequest request = Request("u1", 5);
  request.weight_overrides = {{"instant_match", 1.0}, {"bogus", 1.0}};
  absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "weight_overrides[bogus]: unknown ranking knob");
  request.weight_overrides = {{"shop_max_share", 2.0}};
  EXPECT_EQ(engine_.Recommend(request).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(EngineTest, AnInvalidRequestNamesTheField) {
  absl::StatusOr<RecommendResult> result = engine_.Recommend(Request("u1", 0));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "count: must be in [1, 200], got 0");
  result = engine_.Recommend(Request("", 5));
  EXPECT_EQ(result.status().message(), "user_id: must not be empty");
}

TEST_F(EngineTest, StorefrontReturnsOnlyThatShopsProducts) {
  RecommendRequest request = Request("u1", 200);
  request.scene = Scene::kStorefront;
  request.shop_id = "s2";
  std::vector<std::string> ids = Ids(request);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"h12", "h17", "k02", "k07", "t22",
                                           "t27"}));
  // Shop cap lifted: a count-5 storefront still returns five of its products.
  request.count = 5;
  EXPECT_EQ(Ids(request).size(), 5u);
}

TEST_F(EngineTest, ABannedShopsProductsVanishEverywhereUntilReinstated) {
  // s0 holds k00, k05, h10, h15, t20, t25; u1 loves travel.
  LogOk(
      {MakeEvent("u1", "t20", EventType::kAddToCart), MakeEvent("u1", "t25")});
  auto shop_s0 = [](const std::string& id) {
    return std::stoi(id.substr(1)) % 5 == 0;
  };
  ASSERT_TRUE(engine_
                  .UpsertShops(std::vector<ShopSpec>{
                      {"s0", ShopStatus::kBanned, std::nullopt}})
                  .ok());
  EXPECT_EQ(engine_.Counts().shops, 1u);
  for (const std::string user : {"u1", "newcomer"}) {
    RecommendRequest feed = Request(user, 200);
    feed.context_tags = {"travel"};
    feed.recent_product_ids = {"t20"};
    const std::vector<std::string> ids = Ids(feed);
    EXPECT_EQ(ids.size(), 24u) << user;
    EXPECT_TRUE(std::none_of(ids.begin(), ids.end(), shop_s0)) << user;
  }
  // The banned shop's storefront is an empty list, not an error.
  RecommendRequest storefront = Request("u1", 20);
  storefront.scene = Scene::kStorefront;
  storefront.shop_id = "s0";
  EXPECT_TRUE(Ids(storefront).empty());

  ASSERT_TRUE(engine_
                  .UpsertShops(std::vector<ShopSpec>{
                      {"s0", ShopStatus::kActive, std::nullopt}})
                  .ok());
  EXPECT_EQ(Ids(storefront).size(), 6u);
  // The products u1 engaged with lead the feed again.
  std::vector<std::string> top = Ids(Request("u1", 2));
  std::sort(top.begin(), top.end());
  EXPECT_EQ(top, (std::vector<std::string>{"t20", "t25"}));
}

TEST_F(EngineTest, ALowQualityShopsProductRanksBelowAnEqualOne) {
  // t20 (s0) and t21 (s1) are identical but for their shop.
  LogOk({MakeEvent("u1", "t23")});
  RecommendRequest request = Uncapped("u1", 2);
  request.debug = true;
  request.context_tags = {"travel"};
  ASSERT_TRUE(
      engine_
          .UpsertShops(std::vector<ShopSpec>{{"s0", ShopStatus::kActive, 0.2},
                                             {"s3", ShopStatus::kActive, 0.2}})
          .ok());
  absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->items.size(), 2u);
  // Without demotion t20 would lead on ties (lower index); now t21 and t22.
  EXPECT_EQ(result->items[0].product_id, "t21");
  EXPECT_EQ(result->items[1].product_id, "t22");
  request.count = 30;
  absl::StatusOr<RecommendResult> all = engine_.Recommend(request);
  ASSERT_TRUE(all.ok());
  for (const RecommendedItem& item : all->items) {
    const auto& parts = item.explanation->score_parts;
    const auto part =
        std::find_if(parts.begin(), parts.end(),
                     [](const auto& p) { return p.first == "shop_quality"; });
    ASSERT_NE(part, parts.end());
    const int shop = std::stoi(item.product_id.substr(1)) % 5;
    EXPECT_DOUBLE_EQ(part->second, shop == 0 || shop == 3 ? -1.6 : 0.0)
        << item.product_id;
  }
}

TEST_F(EngineTest, StorefrontWithAnUnknownShopIsNotFound) {
  RecommendRequest request = Request("u1", 10);
  request.scene = Scene::kStorefront;
  request.shop_id = "no-such-shop";
  absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(result.status().message(), "context.shop_id"));
}

TEST_F(EngineTest, DebugExplainsEveryItem) {
  LogOk({MakeEvent("u1", "t20"), MakeEvent("u1", "t21")});
  RecommendRequest request = Request("u1", 10);
  request.debug = true;
  absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->items.size(), 10u);
  for (const RecommendedItem& item : result->items) {
    ASSERT_TRUE(item.explanation.has_value()) << item.product_id;
    const Explanation& e = *item.explanation;
    ASSERT_FALSE(e.sources.empty()) << item.product_id;
    EXPECT_EQ(e.sources.front(), item.source);
    EXPECT_FALSE(e.title.empty());
    EXPECT_FALSE(e.category.empty());
    EXPECT_FALSE(e.shop_id.empty());
    ASSERT_EQ(e.score_parts.size(), static_cast<size_t>(kScorePartCount));
    double sum = 0.0;
    for (const auto& [name, value] : e.score_parts) sum += value;
    EXPECT_NEAR(sum, item.score, 1e-9) << item.product_id;
    if (IsTravel(item.product_id)) {
      EXPECT_EQ(e.matched_long_term_tags,
                (std::vector<std::string>{"travel", "luggage"}));
      EXPECT_EQ(e.matched_instant_tags,
                (std::vector<std::string>{"travel", "luggage"}));
    } else {
      EXPECT_TRUE(e.matched_long_term_tags.empty()) << item.product_id;
    }
  }
  const RecommendedItem& top = result->items.front();
  EXPECT_TRUE(IsTravel(top.product_id));
  EXPECT_TRUE(
      top.source == "instant_interest" || top.source == "long_term_interest" ||
      top.source == "co_engagement" || top.source == "session_neighbors")
      << top.source;
  // Without debug there is no explanation.
  request.debug = false;
  EXPECT_FALSE(engine_.Recommend(request)->items.front().explanation);
}

TEST_F(EngineTest, InstantInterestFadesWithinADayWhileLongTermStays) {
  LogOk({MakeEvent("u1", "t20")});
  RecommendRequest request = Request("u1", 1);
  request.debug = true;
  now_ = kT0 + kMsPerDay;
  absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
  ASSERT_TRUE(result.ok());
  const RecommendedItem& top = result->items.front();
  EXPECT_TRUE(IsTravel(top.product_id)) << top.product_id;
  EXPECT_TRUE(top.explanation->matched_instant_tags.empty());
  EXPECT_EQ(top.explanation->matched_long_term_tags,
            (std::vector<std::string>{"travel", "luggage"}));
}

TEST_F(EngineTest, AClientClockAheadOfOursDoesNotFreezeInterest) {
  // "ahead" sends its first click with a clock two hours fast; "exact" sends
  // the same events with the right clock. One hour later both users should
  // have the same interests.
  Event skewed = MakeEvent("ahead", "t20");
  skewed.timestamp_ms = kT0 + 2 * 60 * kMsPerMinute;
  LogOk({skewed, MakeEvent("ahead", "k00")});
  LogOk({MakeEvent("exact", "t20"), MakeEvent("exact", "k00")});
  now_ = kT0 + 60 * kMsPerMinute;

  auto instant_match_of_t20 = [&](const std::string& user) {
    RecommendRequest request = Uncapped(user, 30);
    request.debug = true;
    absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
    EXPECT_TRUE(result.ok());
    for (const RecommendedItem& item : result->items) {
      if (item.product_id == "t20") {
        return item.explanation
            ->score_parts[static_cast<int>(ScorePart::kInstantMatch)]
            .second;
      }
    }
    ADD_FAILURE() << "t20 not returned";
    return 0.0;
  };
  EXPECT_NEAR(instant_match_of_t20("ahead"), instant_match_of_t20("exact"),
              1e-6);
}

TEST_F(EngineTest, APurchasedDurableDisappearsForThatUserOnly) {
  LogOk({MakeEvent("u1", "t23", EventType::kPurchase)});
  EXPECT_FALSE(Contains(Ids(Request("u1", 200)), "t23"));
  EXPECT_TRUE(Contains(Ids(Request("u2", 200)), "t23"));
}

TEST_F(EngineTest, APurchasedConsumableRestsUntilItsCycleIsDue) {
  LogOk({MakeEvent("u1", "k09", EventType::kPurchase)});
  EXPECT_FALSE(Contains(Ids(Request("u1", 200)), "k09"));
  EXPECT_EQ(Ids(Request("u1", 200)).size(), 29u);
  // k09's cycle is 30 days; it is due from 0.8 of it.
  now_ = kT0 + 24 * kMsPerDay - 1;
  EXPECT_FALSE(Contains(Ids(Request("u1", 200)), "k09"));
  now_ = kT0 + 24 * kMsPerDay;
  const std::vector<std::string> due = Ids(Request("u1", 200));
  EXPECT_EQ(due.size(), 30u);
  EXPECT_EQ(due.front(), "k09");
}

TEST_F(EngineTest, ADismissedProductDisappears) {
  LogOk({MakeEvent("u1", "h12", EventType::kNotInterested)});
  std::vector<std::string> ids = Ids(Request("u1", 200));
  EXPECT_FALSE(Contains(ids, "h12"));
  EXPECT_EQ(ids.size(), 29u);
  EXPECT_TRUE(Contains(Ids(Request("u2", 200)), "h12"));
}

TEST_F(EngineTest, TheExcludeListIsHonoured) {
  RecommendRequest request = Request("u1", 200);
  request.exclude_product_ids = {"k00", "t29", "unknown-id"};
  std::vector<std::string> ids = Ids(request);
  EXPECT_EQ(ids.size(), 28u);
  EXPECT_FALSE(Contains(ids, "k00"));
  EXPECT_FALSE(Contains(ids, "t29"));
}

TEST_F(EngineTest, AnUpsertIsVisibleToTheNextRequest) {
  ProductSpec fresh =
      Spec("new-travel", {{"travel", 1.0}}, {"travel", "bags"}, "s9");
  ASSERT_TRUE(engine_.UpsertProducts(std::vector<ProductSpec>{fresh}).ok());
  EXPECT_EQ(engine_.Counts().products, 31u);
  RecommendRequest request = Request("u1", 10);
  request.scene = Scene::kStorefront;
  request.shop_id = "s9";
  EXPECT_EQ(Ids(request), (std::vector<std::string>{"new-travel"}));
}

TEST(Engine, OptionsSetTheDefaultRankingConfig) {
  EngineOptions options;
  options.clock = [] { return kT0; };
  options.ranking.category_max_share = 1.0;
  options.ranking.shop_max_share = 1.0;
  Engine engine(std::move(options));
  ASSERT_TRUE(engine.UpsertProducts(CraftedCatalog()).ok());
  RecommendRequest request;
  request.user_id = "newcomer";
  request.count = 5;
  absl::StatusOr<RecommendResult> result = engine.Recommend(request);
  ASSERT_TRUE(result.ok());
  // No caps: a cold user gets the catalog's first five (all scores 0).
  std::vector<std::string> ids;
  for (const RecommendedItem& item : result->items) {
    ids.push_back(item.product_id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"k00", "k01", "k02", "k03", "k04"}));
}

TEST_F(EngineTest, ConcurrentRecommendLogAndUpsertAreSafe) {
  std::atomic<bool> failed = false;
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        const std::string user = "user-" + std::to_string((t * 7 + i) % 13);
        const std::string product = "t" + std::to_string(20 + i % 10);
        if (!engine_.Log(std::vector<Event>{MakeEvent(user, product)}).ok()) {
          failed = true;
        }
        absl::StatusOr<RecommendResult> result =
            engine_.Recommend(Request(user, 20));
        if (!result.ok() || result->items.size() != 20) failed = true;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 50; ++i) {
      ProductSpec spec = CraftedCatalog()[i % 30];
      spec.title = "v" + std::to_string(i);
      if (!engine_.UpsertProducts(std::vector<ProductSpec>{spec}).ok()) {
        failed = true;
      }
    }
  });
  for (auto& thread : threads) thread.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(engine_.Counts().products, 30u);
  EXPECT_EQ(engine_.Counts().users, 13u);
}

// Calls of 64 events or more are applied in two lanes, the second on the
// engine's side thread: under ThreadSanitizer (label concurrency) this is
// where a lane touching the other's structures, or readers racing either,
// would show.
TEST_F(EngineTest, ConcurrentLargeLogCallsInTwoLanesAreSafe) {
  std::atomic<bool> failed = false;
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int call = 0; call < 10; ++call) {
        std::vector<Event> events;
        for (int i = 0; i < 80; ++i) {
          Event event = MakeEvent("lane-user-" + std::to_string((t + i) % 9),
                                  "t" + std::to_string(20 + (call + i) % 10));
          event.session_id = "s" + std::to_string(call);
          events.push_back(std::move(event));
        }
        if (!engine_.Log(events).ok()) failed = true;
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 40; ++i) {
      absl::StatusOr<RecommendResult> result =
          engine_.Recommend(Request("lane-user-" + std::to_string(i % 9), 20));
      if (!result.ok() || result->items.size() != 20) failed = true;
    }
  });
  for (auto& thread : threads) thread.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(engine_.Counts().users, 9u);
  EXPECT_EQ(engine_.Counts().events, 2u * 10 * 80);
}

}  // namespace
}  // namespace ranker
