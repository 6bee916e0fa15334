#include "core/pipeline/filters.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::PipelineWorld;
using test::Spec;

class FiltersTest : public ::testing::Test {
 protected:
  FiltersTest() {
    ProductSpec consumable = Spec("coffee", {}, {"food"}, "s2");
    consumable.repurchase_cycle_days = 30;
    world_.catalog.Add({
        Spec("active", {}, {"c"}, "s1"),
        Spec("banned", {}, {"c"}, "s1", ProductStatus::kBanned),
        Spec("gone", {}, {"c"}, "s1", ProductStatus::kOutOfStock),
        Spec("kettle", {}, {"home"}, "s2"),  // durable
        consumable,
    });
    state_ = world_.State();
    for (ProductIdx i = 0; i < world_.snapshot->size(); ++i) {
      state_->AddCandidate(i, Source::kPopular);
    }
  }

  // The ids `filter` keeps, in candidate order.
  std::vector<std::string> Kept(const CandidateFilter& filter) {
    std::vector<std::string> ids;
    for (const Candidate& c : state_->candidates) {
      if (filter.Keep(*state_, c)) ids.push_back(c.item->id);
    }
    return ids;
  }

  ProductIdx Idx(const std::string& id) { return world_.catalog.Idx(id); }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
};

TEST_F(FiltersTest, GovernanceDropsBannedAndOutOfStockProducts) {
  EXPECT_EQ(Kept(GovernanceFilter()),
            (std::vector<std::string>{"active", "kettle", "coffee"}));
}

TEST_F(FiltersTest, GovernanceDropsEveryProductOfABannedShopInEveryScene) {
  ASSERT_TRUE(
      world_.catalog.catalog
          .UpsertShops(std::vector<ShopSpec>{{"s2", ShopStatus::kBanned, 1.0}})
          .ok());
  for (Scene scene : {Scene::kFeed, Scene::kStorefront}) {
    world_.request.scene = scene;
    state_ = world_.State();
    for (ProductIdx i = 0; i < world_.snapshot->size(); ++i) {
      state_->AddCandidate(i, Source::kPopular);
    }
    EXPECT_EQ(Kept(GovernanceFilter()), (std::vector<std::string>{"active"}))
        << SceneName(scene);
  }
  // Reinstated, the shop's products are back for the next request.
  ASSERT_TRUE(world_.catalog.catalog
                  .UpsertShops(std::vector<ShopSpec>{
                      {"s2", ShopStatus::kActive, std::nullopt}})
                  .ok());
  state_ = world_.State();
  for (ProductIdx i = 0; i < world_.snapshot->size(); ++i) {
    state_->AddCandidate(i, Source::kPopular);
  }
  EXPECT_EQ(Kept(GovernanceFilter()),
            (std::vector<std::string>{"active", "kettle", "coffee"}));
}

TEST_F(FiltersTest, GovernanceAppliesTheQualityFloorInTheFeedOnly) {
  ASSERT_TRUE(
      world_.catalog.catalog
          .UpsertShops(std::vector<ShopSpec>{{"s1", ShopStatus::kActive, 0.5},
                                             {"s2", ShopStatus::kActive, 0.2}})
          .ok());
  auto kept = [&](Scene scene, double floor) {
    world_.request.scene = scene;
    world_.config.shop_quality_floor = floor;
    state_ = world_.State();
    for (ProductIdx i = 0; i < world_.snapshot->size(); ++i) {
      state_->AddCandidate(i, Source::kPopular);
    }
    return Kept(GovernanceFilter());
  };
  const std::vector<std::string> all_active = {"active", "kettle", "coffee"};
  EXPECT_EQ(kept(Scene::kFeed, 0.0), all_active);  // off by default
  EXPECT_EQ(kept(Scene::kFeed, 0.2), all_active);  // at the floor: shown
  EXPECT_EQ(kept(Scene::kFeed, 0.3), (std::vector<std::string>{"active"}));
  EXPECT_EQ(kept(Scene::kFeed, 0.6), (std::vector<std::string>{}));
  EXPECT_EQ(kept(Scene::kStorefront, 0.6), all_active);
}

TEST_F(FiltersTest, ExcludedDropsTheCallersExcludeList) {
  state_->excluded = {Idx("active"), Idx("coffee")};
  EXPECT_EQ(Kept(ExcludedFilter()),
            (std::vector<std::string>{"banned", "gone", "kettle"}));
}

TEST_F(FiltersTest, PurchasedDurableDropsDurablesButKeepsConsumables) {
  state_->profile.purchases[Idx("kettle")] = world_.now;
  state_->profile.purchases[Idx("coffee")] = world_.now;
  EXPECT_EQ(Kept(PurchasedDurableFilter()),
            (std::vector<std::string>{"active", "banned", "gone", "coffee"}));
}

TEST_F(FiltersTest, PurchasedDurableStaysDroppedHowEverLongAgo) {
  state_->profile.purchases[Idx("kettle")] = world_.now - 3650 * kMsPerDay;
  EXPECT_EQ(Kept(PurchasedDurableFilter()),
            (std::vector<std::string>{"active", "banned", "gone", "coffee"}));
}

TEST_F(FiltersTest, RepurchaseNotDueDropsConsumablesBoughtTooRecently) {
  // coffee's cycle is 30 days: not due before 0.8 × 30 = 24 days.
  state_->profile.purchases[Idx("coffee")] = world_.now - 24 * kMsPerDay + 1;
  state_->profile.purchases[Idx("kettle")] = world_.now;  // durable: not here
  EXPECT_EQ(Kept(RepurchaseNotDueFilter()),
            (std::vector<std::string>{"active", "banned", "gone", "kettle"}));
  state_->profile.purchases[Idx("coffee")] = world_.now - 24 * kMsPerDay;
  EXPECT_EQ(Kept(RepurchaseNotDueFilter()).size(), 5u);
}

TEST_F(FiltersTest, RepurchaseNotDueFollowsTheDueShare) {
  world_.config.repurchase_due_share = 0;
  state_ = world_.State();
  state_->AddCandidate(Idx("coffee"), Source::kPopular);
  state_->profile.purchases[Idx("coffee")] = world_.now;
  EXPECT_EQ(Kept(RepurchaseNotDueFilter()),
            (std::vector<std::string>{"coffee"}));
}

TEST_F(FiltersTest, DismissedDropsNotInterestedProducts) {
  state_->profile.dismissed[Idx("coffee")] = world_.now;
  state_->profile.dismissed[Idx("active")] = world_.now;
  EXPECT_EQ(Kept(DismissedFilter()),
            (std::vector<std::string>{"banned", "gone", "kettle"}));
}

TEST_F(FiltersTest, ImpressionFatigueRestsProductsShownOftenWithoutEngagement) {
  world_.config.fatigue_impressions = 3;
  world_.config.fatigue_cooldown_hours = 1;
  state_ = world_.State();
  for (ProductIdx i = 0; i < world_.snapshot->size(); ++i) {
    state_->AddCandidate(i, Source::kPopular);
  }
  const TimeMs now = world_.now;
  // Shown 3 times, last 10 minutes ago: rests.
  state_->profile.unengaged_impressions[Idx("active")] = {3, now - 600'000};
  // Shown twice only: stays.
  state_->profile.unengaged_impressions[Idx("kettle")] = {2, now};
  // Shown 5 times, but the last was over an hour ago: back.
  state_->profile.unengaged_impressions[Idx("coffee")] = {5, now - 3'600'001};
  EXPECT_EQ(Kept(ImpressionFatigueFilter()),
            (std::vector<std::string>{"banned", "gone", "kettle", "coffee"}));
}

TEST_F(FiltersTest, StorefrontShopKeepsOnlyTheShopsProducts) {
  EXPECT_EQ(Kept(StorefrontShopFilter()).size(), 5u);  // not a storefront
  state_->storefront_shop = world_.snapshot->FindShop("s2");
  EXPECT_EQ(Kept(StorefrontShopFilter()),
            (std::vector<std::string>{"kettle", "coffee"}));
}

TEST_F(FiltersTest, EmptyUserStateKeepsEverything) {
  EXPECT_EQ(Kept(ExcludedFilter()).size(), 5u);
  EXPECT_EQ(Kept(PurchasedDurableFilter()).size(), 5u);
  EXPECT_EQ(Kept(RepurchaseNotDueFilter()).size(), 5u);
  EXPECT_EQ(Kept(DismissedFilter()).size(), 5u);
}

TEST(Filters, HaveStableNames) {
  EXPECT_EQ(GovernanceFilter().name(), "governance");
  EXPECT_EQ(ExcludedFilter().name(), "excluded");
  EXPECT_EQ(PurchasedDurableFilter().name(), "purchased_durable");
  EXPECT_EQ(RepurchaseNotDueFilter().name(), "repurchase_not_due");
  EXPECT_EQ(DismissedFilter().name(), "dismissed");
  EXPECT_EQ(StorefrontShopFilter().name(), "storefront_shop");
}

}  // namespace
}  // namespace ranker
