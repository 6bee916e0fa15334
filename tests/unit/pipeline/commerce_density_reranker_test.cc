#include "core/pipeline/commerce_density_reranker.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

// Ten products p0..p9 scored 1.0, 0.9, ..., 0.1, in that order.
class CommerceDensityRerankerTest : public ::testing::Test {
 protected:
  CommerceDensityRerankerTest() {
    std::vector<ProductSpec> specs;
    for (int i = 0; i < 10; ++i) {
      specs.push_back(Spec("p" + std::to_string(i), {}, {"c"}, "s"));
    }
    world_.catalog.Add(specs);
    world_.request.count = 10;
    world_.config.feed_commerce_share = 0.25;
    world_.config.feed_min_score = 0.0;
    world_.config.feed_intolerance_threshold = 1.0;
    world_.config.commerce_engagement_prior = 0.1;
    world_.config.commerce_prior_strength = 10.0;
  }

  // Logs `impressions` impressions and `clicks` clicks for u1.
  void History(int impressions, int clicks) {
    for (int i = 0; i < impressions; ++i) Log(EventType::kImpression);
    for (int i = 0; i < clicks; ++i) Log(EventType::kClick);
  }

  std::vector<std::string> Rerank() {
    state_ = world_.State();
    state_->profile = world_.profiles.View("u1", world_.now);
    std::vector<Candidate> ranked;
    for (int i = 0; i < 10; ++i) {
      state_->AddCandidate(world_.catalog.Idx("p" + std::to_string(i)),
                           Source::kPopular);
    }
    ranked = state_->candidates;
    for (size_t i = 0; i < ranked.size(); ++i) ranked[i].score = 1.0 - 0.1 * i;
    CommerceDensityReranker().Rerank(*state_, ranked);
    return IdsOf(ranked);
  }

  std::optional<CommerceDensity> Density() {
    state_ = world_.State();
    state_->profile = world_.profiles.View("u1", world_.now);
    return CommerceDensityFor(*state_);
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;

 private:
  void Log(EventType type) {
    ProfileEvent event;
    event.type = type;
    event.time = world_.now;
    world_.profiles.Apply("u1", event);
  }
};

TEST_F(CommerceDensityRerankerTest, StorefrontAndFeedWithoutSlotsAreUntouched) {
  world_.request.scene = Scene::kStorefront;
  world_.request.content_slots = 4;
  EXPECT_EQ(Rerank().size(), 10u);
  EXPECT_FALSE(Density().has_value());
  world_.request.scene = Scene::kFeed;
  world_.request.content_slots = 0;
  EXPECT_EQ(Rerank().size(), 10u);
  EXPECT_FALSE(Density().has_value());
}

TEST_F(CommerceDensityRerankerTest, NewUserGetsTheShareOfTheSlotsRoundedDown) {
  world_.request.content_slots = 18;  // 18 × 0.25 = 4.5
  EXPECT_EQ(Rerank(), (std::vector<std::string>{"p0", "p1", "p2", "p3"}));
  const std::optional<CommerceDensity> density = Density();
  ASSERT_TRUE(density.has_value());
  EXPECT_EQ(density->max_products, 4);
  EXPECT_DOUBLE_EQ(density->tolerance, 1.0);
  EXPECT_DOUBLE_EQ(density->min_score, 0.0);
}

TEST_F(CommerceDensityRerankerTest, ExactShareIsNotLostToRounding) {
  world_.request.content_slots = 12;  // 12 × 0.25 = 3
  EXPECT_EQ(Rerank().size(), 3u);
}

TEST_F(CommerceDensityRerankerTest, UserWhoSkipsGetsFewerAndBetterProducts) {
  world_.request.content_slots = 40;  // 10 for a tolerant user
  History(/*impressions=*/30, /*clicks=*/1);
  // Tolerance (1 + 1) / (30 + 10) / 0.1 = 0.5: 40 × 0.25 × 0.5 = 5 slots,
  // threshold 0 + 1 × (1 − 0.5) = 0.5, which p0..p5 clear.
  const std::optional<CommerceDensity> density = Density();
  ASSERT_TRUE(density.has_value());
  EXPECT_DOUBLE_EQ(density->tolerance, 0.5);
  EXPECT_EQ(density->max_products, 5);
  EXPECT_DOUBLE_EQ(density->min_score, 0.5);
  EXPECT_EQ(Rerank(), (std::vector<std::string>{"p0", "p1", "p2", "p3", "p4"}));
}

TEST_F(CommerceDensityRerankerTest, ThresholdCutsBeforeTheSlotsDo) {
  world_.request.content_slots = 40;
  world_.config.feed_min_score = 0.75;  // p0, p1, p2 score 1.0, 0.9, 0.8
  EXPECT_EQ(Rerank(), (std::vector<std::string>{"p0", "p1", "p2"}));
}

TEST_F(CommerceDensityRerankerTest, UserWhoOnlySkipsGetsNoProducts) {
  world_.request.content_slots = 40;
  History(/*impressions=*/1000, /*clicks=*/0);
  EXPECT_TRUE(Rerank().empty());
}

}  // namespace
}  // namespace ranker
