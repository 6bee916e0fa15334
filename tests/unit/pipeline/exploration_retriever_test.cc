#include "core/pipeline/exploration_retriever.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

// People who watch business-travel content click kettles (often) and
// portable things (less).
class AdjacentInterestRetrieverTest : public ::testing::Test {
 protected:
  AdjacentInterestRetrieverTest() {
    world_.catalog.Add(
        {Spec("travel-bag", {{"business-travel", 1.0}}),
         Spec("kettle", {{"kettle", 1.0}}),
         Spec("travel-kettle", {{"kettle", 1.0}, {"portable", 1.0}}),
         Spec("rake", {{"garden", 1.0}})});
    const std::vector<TagId> watched = {Tag("business-travel")};
    const std::vector<TagWeight> clicked = {{Tag("kettle"), 1.0f},
                                            {Tag("portable"), 0.5f}};
    world_.tag_cooccurrence.RecordContent(watched, clicked, test::kT0);
  }
  TagId Tag(const std::string& name) { return world_.catalog.Tag(name); }
  std::unique_ptr<RequestState> Retrieve(std::vector<TagWeight> context) {
    auto state = world_.State();
    state->context = SparseInterest(context);
    AdjacentInterestRetriever().Retrieve(*state);
    return state;
  }

  PipelineWorld world_;
};

TEST_F(AdjacentInterestRetrieverTest, ProposesProductsOfAdjacentTags) {
  auto state = Retrieve({{Tag("business-travel"), 1.0f}});
  // kettle is 2/3 of business-travel's company, portable 1/3.
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"travel-kettle", "kettle"}));
  for (const Candidate& c : state->candidates) {
    EXPECT_EQ(c.first_source, Source::kExploration);
  }
  EXPECT_NEAR(state->candidates[0].source_score(Source::kExploration), 1.0,
              1e-6);
  EXPECT_NEAR(state->candidates[1].source_score(Source::kExploration),
              2.0 / 3.0, 1e-6);
  EXPECT_EQ(state->adjacent_tags.size(), 2u);
  EXPECT_NEAR(state->adjacent_tags.at(Tag("kettle")), 2.0 / 3.0, 1e-6);
}

TEST_F(AdjacentInterestRetrieverTest, TagsTheUserHoldsAreNotAdjacent) {
  auto state = world_.State();
  state->context = SparseInterest({{Tag("business-travel"), 1.0f}});
  state->long_term = SparseInterest({{Tag("kettle"), 0.1f}});
  AdjacentInterestRetriever().Retrieve(*state);
  // kettle is held; from business-travel only portable is new, and the
  // long-term kettle seed leads back to business-travel, which is held.
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"travel-kettle"}));
  EXPECT_EQ(state->adjacent_tags.size(), 1u);
  EXPECT_TRUE(state->adjacent_tags.contains(Tag("portable")));
}

TEST_F(AdjacentInterestRetrieverTest, SeedsComeFromEveryInterest) {
  auto state = world_.State();
  state->instant = SparseInterest({{Tag("business-travel"), 5.0f}});
  AdjacentInterestRetriever().Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"travel-kettle", "kettle"}));
}

TEST_F(AdjacentInterestRetrieverTest, TheQuotaBoundsTheCandidates) {
  world_.config.exploration_quota = 1;
  auto state = Retrieve({{Tag("business-travel"), 1.0f}});
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"travel-kettle"}));
  world_.config.exploration_quota = 0;
  EXPECT_TRUE(Retrieve({{Tag("business-travel"), 1.0f}})->candidates.empty());
}

TEST_F(AdjacentInterestRetrieverTest, NothingWithoutInterestOrCooccurrence) {
  EXPECT_TRUE(Retrieve({})->candidates.empty());
  // Nobody who liked gardens did anything else.
  EXPECT_TRUE(Retrieve({{Tag("garden"), 1.0f}})->candidates.empty());
}

TEST_F(AdjacentInterestRetrieverTest, NegativeInterestSeedsNothing) {
  EXPECT_TRUE(Retrieve({{Tag("business-travel"), -1.0f}})->candidates.empty());
}

}  // namespace
}  // namespace ranker
