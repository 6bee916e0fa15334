#include "core/pipeline/request_state.h"

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::PipelineWorld;
using test::Spec;

TEST(RequestState, AddCandidateAddsANewProductOnce) {
  PipelineWorld world;
  world.catalog.Add({Spec("a", {}), Spec("b", {})});
  auto state = world.State();
  EXPECT_TRUE(state->AddCandidate(1, Source::kLongTermInterest));
  EXPECT_FALSE(state->AddCandidate(1, Source::kPopular));
  EXPECT_TRUE(state->AddCandidate(0, Source::kPopular));
  ASSERT_EQ(state->candidates.size(), 2u);
  const Candidate& b = state->candidates[0];
  EXPECT_EQ(b.product, 1u);
  EXPECT_EQ(b.item->id, "b");
  EXPECT_EQ(b.first_source, Source::kLongTermInterest);
  EXPECT_TRUE(b.HasSource(Source::kLongTermInterest));
  EXPECT_TRUE(b.HasSource(Source::kPopular));
  EXPECT_FALSE(b.HasSource(Source::kInstantInterest));
  EXPECT_EQ(state->candidate_index.at(0), 1u);
}

TEST(RequestState, CountFromCountsEveryCandidateASourceProposed) {
  PipelineWorld world;
  world.catalog.Add({Spec("a", {}), Spec("b", {}), Spec("c", {})});
  auto state = world.State();
  state->AddCandidate(0, Source::kInstantInterest);
  state->AddCandidate(1, Source::kInstantInterest);
  state->AddCandidate(1, Source::kPopular);
  state->AddCandidate(2, Source::kPopular);
  EXPECT_EQ(state->CountFrom(Source::kInstantInterest), 2u);
  EXPECT_EQ(state->CountFrom(Source::kPopular), 2u);
  EXPECT_EQ(state->CountFrom(Source::kStorefront), 0u);
}

TEST(RequestState, EligibleFollowsProductAndShopGovernance) {
  PipelineWorld world;
  world.catalog.Add({Spec("a", {}, {"c"}, "ok"),
                     Spec("b", {}, {"c"}, "ok", ProductStatus::kOutOfStock),
                     Spec("c", {}, {"c"}, "banned"),
                     Spec("d", {}, {"c"}, "poor")});
  ASSERT_TRUE(world.catalog.catalog
                  .UpsertShops(std::vector<ShopSpec>{
                      {"banned", ShopStatus::kBanned, 1.0},
                      {"poor", ShopStatus::kActive, 0.1}})
                  .ok());
  auto eligible = [&](Scene scene, double floor) {
    world.request.scene = scene;
    world.config.shop_quality_floor = floor;
    auto state = world.State();
    std::vector<bool> out;
    for (ProductIdx i = 0; i < 4; ++i) {
      out.push_back(state->Eligible(world.snapshot->product(i)));
    }
    return out;
  };
  EXPECT_EQ(eligible(Scene::kFeed, 0.0),
            (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(eligible(Scene::kFeed, 0.5),
            (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(eligible(Scene::kStorefront, 0.5),
            (std::vector<bool>{true, false, false, true}));
}

TEST(RequestState, AddBestSkipsProductsOfBannedShops) {
  PipelineWorld world;
  world.catalog.Add({Spec("a", {}, {"c"}, "s1"), Spec("b", {}, {"c"}, "s2"),
                     Spec("c", {}, {"c"}, "s1")});
  ASSERT_TRUE(world.catalog.catalog
                  .UpsertShops(std::vector<ShopSpec>{
                      {"s2", ShopStatus::kBanned, std::nullopt}})
                  .ok());
  auto state = world.State();
  // The banned shop's product scores best, yet the quota of 2 goes to others.
  state->AddBest(Source::kCoEngagement, 2, {{0, 1.0}, {1, 5.0}, {2, 0.5}});
  EXPECT_EQ(test::IdsOf(state->candidates),
            (std::vector<std::string>{"a", "c"}));
}

TEST(Candidate, PartsAreAddressedByName) {
  Candidate c;
  c.SetPart(ScorePart::kPopularity, 0.25);
  EXPECT_EQ(c.part(ScorePart::kPopularity), 0.25);
  EXPECT_EQ(c.parts[static_cast<int>(ScorePart::kPopularity)], 0.25);
  EXPECT_EQ(c.part(ScorePart::kClickRate), 0.0);
}

TEST(Candidate, SourcesAndScorePartsHaveStableNames) {
  EXPECT_EQ(SourceName(Source::kInstantInterest), "instant_interest");
  EXPECT_EQ(SourceName(Source::kLongTermInterest), "long_term_interest");
  EXPECT_EQ(SourceName(Source::kContextTags), "context_tags");
  EXPECT_EQ(SourceName(Source::kStorefront), "storefront");
  EXPECT_EQ(SourceName(Source::kPopular), "popular");
  EXPECT_EQ(ScorePartName(ScorePart::kLongTermMatch), "long_term_match");
  EXPECT_EQ(ScorePartName(ScorePart::kInstantMatch), "instant_match");
  EXPECT_EQ(ScorePartName(ScorePart::kContextMatch), "context_match");
  EXPECT_EQ(ScorePartName(ScorePart::kClickRate), "click_rate");
  EXPECT_EQ(ScorePartName(ScorePart::kPurchaseRate), "purchase_rate");
  EXPECT_EQ(ScorePartName(ScorePart::kPopularity), "popularity");
  EXPECT_EQ(ScorePartName(ScorePart::kShopQuality), "shop_quality");
}

}  // namespace
}  // namespace ranker
