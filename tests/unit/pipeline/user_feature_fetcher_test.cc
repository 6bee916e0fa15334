#include "core/pipeline/user_feature_fetcher.h"

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::kT0;
using test::PipelineWorld;
using test::Spec;

class UserFeatureFetcherTest : public ::testing::Test {
 protected:
  UserFeatureFetcherTest() {
    world_.catalog.Add(
        {Spec("a", {{"travel", 1.0}}, {"c"}, "s1"),
         Spec("b", {{"travel", 0.5}, {"kitchen", 1.0}}, {"c"}, "s2")});
  }

  void ClickAsU1(const std::string& product) {
    const ProductIdx idx = world_.catalog.Idx(product);
    ProfileEvent event;
    event.product = idx;
    event.type = EventType::kClick;
    event.time = kT0;
    event.product_tags = world_.catalog.catalog.snapshot()->product(idx).tags;
    world_.profiles.Apply("u1", event);
  }

  PipelineWorld world_;
  UserFeatureFetcher fetcher_;
};

TEST_F(UserFeatureFetcherTest, UnknownUserHasNoInterests) {
  auto state = world_.State();
  ASSERT_TRUE(fetcher_.Fetch(*state).ok());
  EXPECT_FALSE(state->profile.known);
  EXPECT_TRUE(state->long_term.empty());
  EXPECT_TRUE(state->instant.empty());
  EXPECT_TRUE(state->context.empty());
  EXPECT_FALSE(state->storefront_shop.has_value());
}

TEST_F(UserFeatureFetcherTest, KnownUserBringsBothSpeedsOfInterest) {
  ClickAsU1("a");
  auto state = world_.State();
  ASSERT_TRUE(fetcher_.Fetch(*state).ok());
  EXPECT_TRUE(state->profile.known);
  const TagId travel = world_.catalog.Tag("travel");
  EXPECT_FLOAT_EQ(state->long_term.WeightOf(travel), 1.0f);
  EXPECT_FLOAT_EQ(state->instant.WeightOf(travel), 2.0f);
  EXPECT_EQ(state->profile.recent_products,
            (std::vector<ProductIdx>{world_.catalog.Idx("a")}));
}

TEST_F(UserFeatureFetcherTest,
       ContextTagsCountOneEachAndUnknownOnesAreIgnored) {
  world_.request.context_tags = {"kitchen", "never-seen-tag"};
  auto state = world_.State();
  ASSERT_TRUE(fetcher_.Fetch(*state).ok());
  EXPECT_EQ(state->context.by_weight().size(), 1u);
  EXPECT_FLOAT_EQ(state->context.WeightOf(world_.catalog.Tag("kitchen")), 1.0f);
  EXPECT_EQ(world_.catalog.tags.Find("never-seen-tag"), std::nullopt);
}

TEST_F(UserFeatureFetcherTest, RecentProductsAddTheirTagsWithDecayingRecency) {
  // Most recent last: "b" counts fully, "a" 0.8; unknown ids are skipped
  // without using up a recency step.
  world_.request.recent_product_ids = {"a", "unknown", "b"};
  auto state = world_.State();
  ASSERT_TRUE(fetcher_.Fetch(*state).ok());
  EXPECT_FLOAT_EQ(state->context.WeightOf(world_.catalog.Tag("kitchen")), 1.0f);
  EXPECT_FLOAT_EQ(state->context.WeightOf(world_.catalog.Tag("travel")),
                  0.5f + 0.8f * 1.0f);
}

TEST_F(UserFeatureFetcherTest, ExcludedIdsAreResolvedAndUnknownOnesIgnored) {
  world_.request.exclude_product_ids = {"b", "zzz"};
  auto state = world_.State();
  ASSERT_TRUE(fetcher_.Fetch(*state).ok());
  EXPECT_EQ(state->excluded.size(), 1u);
  EXPECT_TRUE(state->excluded.contains(world_.catalog.Idx("b")));
}

TEST_F(UserFeatureFetcherTest, StorefrontResolvesItsShop) {
  world_.request.scene = Scene::kStorefront;
  world_.request.shop_id = "s2";
  auto state = world_.State();
  ASSERT_TRUE(fetcher_.Fetch(*state).ok());
  ASSERT_TRUE(state->storefront_shop.has_value());
  EXPECT_EQ(*state->storefront_shop, *world_.snapshot->FindShop("s2"));
}

TEST_F(UserFeatureFetcherTest, StorefrontWithAnUnknownShopIsNotFound) {
  world_.request.scene = Scene::kStorefront;
  world_.request.shop_id = "nope";
  auto state = world_.State();
  absl::Status status = fetcher_.Fetch(*state);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "context.shop_id: unknown shop 'nope'");
}

TEST_F(UserFeatureFetcherTest, ShopIdOutsideAStorefrontIsIgnored) {
  world_.request.scene = Scene::kFeed;
  world_.request.shop_id = "nope";
  auto state = world_.State();
  ASSERT_TRUE(fetcher_.Fetch(*state).ok());
  EXPECT_FALSE(state->storefront_shop.has_value());
}

}  // namespace
}  // namespace ranker
