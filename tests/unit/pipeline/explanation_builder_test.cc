#include "core/pipeline/explanation_builder.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::PipelineWorld;
using test::Spec;

class ExplanationBuilderTest : public ::testing::Test {
 protected:
  ExplanationBuilderTest() {
    ProductSpec kettle =
        Spec("kettle", {{"travel", 0.8}, {"kitchen", 1.0}, {"tea", 0.4}},
             {"home", "kitchen"}, "s7");
    kettle.title = "Travel Kettle";
    world_.catalog.Add({kettle});
  }

  Candidate& PrepareCandidate() {
    state_ = world_.State();
    state_->AddCandidate(0, Source::kLongTermInterest);
    state_->AddCandidate(0, Source::kPopular);
    state_->AddCandidate(0, Source::kInstantInterest);
    Candidate& c = state_->candidates[0];
    for (int p = 0; p < kScorePartCount; ++p) c.parts[p] = 0.5 * p;
    c.score = 7.5;
    c.rerank_notes = {"moved down: category cap"};
    return c;
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
};

TEST_F(ExplanationBuilderTest, WithoutDebugThereIsNoExplanation) {
  Candidate& c = PrepareCandidate();
  RecommendedItem item = ToRecommendedItem(*state_, c);
  EXPECT_EQ(item.product_id, "kettle");
  EXPECT_EQ(item.score, 7.5);
  EXPECT_EQ(item.source, "long_term_interest");
  EXPECT_FALSE(item.explanation.has_value());
}

TEST_F(ExplanationBuilderTest, DebugExplainsSourcesTagsPartsAndNotes) {
  world_.request.debug = true;
  Candidate& c = PrepareCandidate();
  const TagId travel = world_.catalog.Tag("travel");
  const TagId kitchen = world_.catalog.Tag("kitchen");
  const TagId tea = world_.catalog.Tag("tea");
  state_->long_term = SparseInterest({{travel, 1.0f}, {tea, -1.0f}});
  state_->instant = SparseInterest({{kitchen, 2.0f}, {travel, 0.5f}});
  state_->context = SparseInterest();
  RecommendedItem item = ToRecommendedItem(*state_, c);
  ASSERT_TRUE(item.explanation.has_value());
  const Explanation& e = *item.explanation;
  EXPECT_EQ(e.title, "Travel Kettle");
  EXPECT_EQ(e.category, "home/kitchen");
  EXPECT_EQ(e.shop_id, "s7");
  // The first source, then the others in pipeline order.
  EXPECT_EQ(e.sources,
            (std::vector<std::string>{"long_term_interest", "instant_interest",
                                      "popular"}));
  // Matched tags: product tags with positive interest, in tag id order.
  EXPECT_EQ(e.matched_long_term_tags, (std::vector<std::string>{"travel"}));
  EXPECT_EQ(e.matched_instant_tags,
            (std::vector<std::string>{"travel", "kitchen"}));
  EXPECT_TRUE(e.matched_context_tags.empty());
  ASSERT_EQ(e.score_parts.size(), static_cast<size_t>(kScorePartCount));
  for (int p = 0; p < kScorePartCount; ++p) {
    EXPECT_EQ(e.score_parts[p].first, ScorePartName(static_cast<ScorePart>(p)));
    EXPECT_EQ(e.score_parts[p].second, 0.5 * p);
  }
  EXPECT_EQ(e.rerank_notes,
            (std::vector<std::string>{"moved down: category cap"}));
}

}  // namespace
}  // namespace ranker
