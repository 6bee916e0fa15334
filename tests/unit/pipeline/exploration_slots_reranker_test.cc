#include "core/pipeline/exploration_slots_reranker.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

// Six products ranked in order: a b c d from interest tags, then k1 and k2
// found only by exploration (k1 tagged kettle, k2 kettle and portable).
class ExplorationSlotsRerankerTest : public ::testing::Test {
 protected:
  ExplorationSlotsRerankerTest() {
    world_.catalog.Add(
        {Spec("a", {{"travel", 1.0}}), Spec("b", {{"travel", 1.0}}),
         Spec("c", {{"travel", 1.0}}), Spec("d", {{"travel", 1.0}}),
         Spec("k1", {{"kettle", 1.0}}),
         Spec("k2", {{"kettle", 0.5}, {"portable", 1.0}})});
    world_.request.count = 4;
    world_.request.debug = true;
  }

  std::vector<std::string> Rerank() {
    state_ = world_.State();
    for (const char* id : {"a", "b", "c", "d"}) {
      state_->AddCandidate(world_.catalog.Idx(id), Source::kInstantInterest);
    }
    for (const char* id : {"k2", "k1"}) {
      state_->AddCandidate(world_.catalog.Idx(id), Source::kExploration);
    }
    state_->adjacent_tags[world_.catalog.Tag("kettle")] = 0.5;
    state_->adjacent_tags[world_.catalog.Tag("portable")] = 0.25;
    ranked_ = state_->candidates;
    ExplorationSlotsReranker().Rerank(*state_, ranked_);
    return IdsOf(ranked_);
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
  std::vector<Candidate> ranked_;
};

TEST_F(ExplorationSlotsRerankerTest, TheBestExplorationFindTakesTheLastPlace) {
  EXPECT_EQ(Rerank(),
            (std::vector<std::string>{"a", "b", "c", "k2", "d", "k1"}));
  // k2: kettle 0.5 × 0.5 = 0.25, portable 0.25 × 1 = 0.25: ties by tag id
  // (kettle was interned first).
  EXPECT_EQ(
      ranked_[3].rerank_notes,
      (std::vector<std::string>{
          "moved up: exploration slot (adjacent tags: kettle, portable)"}));
  EXPECT_TRUE(ranked_[3].promoted);
  EXPECT_TRUE(ranked_[4].rerank_notes.empty());
}

TEST_F(ExplorationSlotsRerankerTest, SlotsAreAtMostHalfTheList) {
  world_.config.exploration_slots = 3;
  EXPECT_EQ(Rerank(),
            (std::vector<std::string>{"a", "b", "k2", "k1", "c", "d"}));
}

TEST_F(ExplorationSlotsRerankerTest, NoSlotsNoChange) {
  world_.config.exploration_slots = 0;
  EXPECT_EQ(Rerank(),
            (std::vector<std::string>{"a", "b", "c", "d", "k2", "k1"}));
  world_.config.exploration_slots = 1;
  world_.request.count = 1;  // half of one place is none
  EXPECT_EQ(Rerank(),
            (std::vector<std::string>{"a", "b", "c", "d", "k2", "k1"}));
}

TEST_F(ExplorationSlotsRerankerTest, AnExplorationFindAlreadyInTheListCounts) {
  world_.request.count = 5;
  EXPECT_EQ(Rerank(),
            (std::vector<std::string>{"a", "b", "c", "d", "k2", "k1"}));
  EXPECT_TRUE(ranked_[4].rerank_notes.empty());
}

TEST_F(ExplorationSlotsRerankerTest, WritesNoNotesWithoutDebug) {
  world_.request.debug = false;
  Rerank();
  for (const Candidate& c : ranked_) EXPECT_TRUE(c.rerank_notes.empty());
}

}  // namespace
}  // namespace ranker
