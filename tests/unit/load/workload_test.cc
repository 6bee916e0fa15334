#include "client/load/workload.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ranker::load {
namespace {

CatalogIds SmallCatalog() {
  CatalogIds ids = DemoPatternIds(100);
  ids.tags = {"office", "travel", "zen", "kitchen"};
  return ids;
}

TEST(WorkloadTest, RecommendRequestsAreValidFeedRequests) {
  WorkloadOptions options;
  options.users = 10;
  options.count = 7;
  const Workload workload(SmallCatalog(), options);
  const std::set<std::string> products(workload.product_ids().begin(),
                                       workload.product_ids().end());
  Workload::Random random(1);
  for (int i = 0; i < 200; ++i) {
    const v1::RecommendProductsRequest request = workload.Recommend(random);
    EXPECT_TRUE(absl::StartsWith(request.user_id(), "load-u"));
    EXPECT_EQ(request.scene(), v1::SCENE_FEED);
    EXPECT_EQ(request.count(), 7);
    EXPECT_LE(request.context().content_tags_size(), 3);
    for (const std::string& id : request.context().recent_product_ids()) {
      EXPECT_TRUE(products.contains(id)) << id;
    }
  }
}

TEST(WorkloadTest, EveryRecommendCarriesTheWeightOverrides) {
  WorkloadOptions options;
  options.weight_overrides = {{"instant_interest_quota", 500},
                              {"exploration_quota", 200}};
  const Workload workload(SmallCatalog(), options);
  Workload::Random random(1);
  for (int i = 0; i < 20; ++i) {
    const v1::RecommendProductsRequest request = workload.Recommend(random);
    ASSERT_EQ(request.weight_overrides_size(), 2);
    EXPECT_EQ(request.weight_overrides().at("instant_interest_quota"), 500);
    EXPECT_EQ(request.weight_overrides().at("exploration_quota"), 200);
  }
  // Without the option, none.
  const Workload plain(SmallCatalog(), WorkloadOptions{});
  EXPECT_EQ(plain.Recommend(random).weight_overrides_size(), 0);
}

TEST(WorkloadTest, LogRequestsCarryOneUsersBatchOfValidEvents) {
  WorkloadOptions options;
  options.events_per_log = 5;
  const Workload workload(SmallCatalog(), options);
  Workload::Random random(2);
  for (int i = 0; i < 100; ++i) {
    const v1::LogEventRequest request = workload.LogEvents(random);
    ASSERT_EQ(request.events_size(), 5);
    for (const v1::Event& event : request.events()) {
      EXPECT_EQ(event.user_id(), request.events(0).user_id());
      EXPECT_TRUE(absl::StartsWith(event.product_id(), "p000"));
      EXPECT_NE(event.type(), v1::EVENT_TYPE_UNSPECIFIED);
      // The server rejects dwell_ms on any other type.
      if (event.type() == v1::EVENT_TYPE_DWELL) {
        EXPECT_GT(event.dwell_ms(), 0);
      } else {
        EXPECT_EQ(event.dwell_ms(), 0);
      }
      EXPECT_EQ(event.timestamp_ms(), 0);  // the server's clock
    }
  }
}

TEST(WorkloadTest, TheSameSeedGivesTheSameRequests) {
  const Workload a(SmallCatalog(), {});
  const Workload b(SmallCatalog(), {});
  Workload::Random ra(5), rb(5);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(a.Recommend(ra).SerializeAsString(),
              b.Recommend(rb).SerializeAsString());
    EXPECT_EQ(a.LogEvents(ra).SerializeAsString(),
              b.LogEvents(rb).SerializeAsString());
  }
}

TEST(WorkloadTest, HotUsersDominate) {
  WorkloadOptions options;
  options.users = 1000;
  options.zipf_s = 1.0;
  const Workload workload(SmallCatalog(), options);
  Workload::Random random(3);
  std::map<std::string, int> counts;
  for (int i = 0; i < 10000; ++i)
    ++counts[workload.Recommend(random).user_id()];
  // With s = 1 over 1000 users the top user gets ~13% of the traffic, a
  // uniform draw 0.1%.
  EXPECT_GT(counts["load-u0"], 800);
}

TEST(WorkloadTest, EventFunnelIsMostlyImpressionsAndClicks) {
  std::map<v1::EventType, int> counts;
  constexpr int kSteps = 100000;
  for (int i = 0; i < kSteps; ++i) {
    ++counts[Workload::EventTypeAt((i + 0.5) / kSteps)];
  }
  EXPECT_EQ(counts[v1::EVENT_TYPE_IMPRESSION], 55000);
  EXPECT_EQ(counts[v1::EVENT_TYPE_CLICK], 20000);
  EXPECT_EQ(counts[v1::EVENT_TYPE_PURCHASE], 1500);
  EXPECT_EQ(counts[v1::EVENT_TYPE_SHARE], 1000);
  EXPECT_EQ(counts[v1::EVENT_TYPE_UNSPECIFIED], 0);
}

}  // namespace
}  // namespace ranker::load
