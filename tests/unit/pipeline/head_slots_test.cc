#include "core/pipeline/head_slots.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

class HeadSlotsTest : public ::testing::Test {
 protected:
  HeadSlotsTest() {
    std::vector<ProductSpec> specs;
    for (const char* id : {"a", "b", "c", "d", "e", "f"}) {
      specs.push_back(Spec(id, {}));
    }
    world_.catalog.Add(specs);
    state_ = world_.State();
    for (ProductIdx i = 0; i < 6; ++i)
      state_->AddCandidate(i, Source::kPopular);
    ranked_ = state_->candidates;
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
  std::vector<Candidate> ranked_;
};

TEST_F(HeadSlotsTest, PicksTakeTheLastPlacesOfTheHeadInTheirOrder) {
  PromoteIntoHead(ranked_, 4, {5, 4});
  EXPECT_EQ(IdsOf(ranked_),
            (std::vector<std::string>{"a", "b", "f", "e", "c", "d"}));
  EXPECT_TRUE(ranked_[2].promoted);
  EXPECT_TRUE(ranked_[3].promoted);
  EXPECT_FALSE(ranked_[4].promoted);
}

TEST_F(HeadSlotsTest, EarlierPromotionsAreNotDisplaced) {
  PromoteIntoHead(ranked_, 3, {5});  // a b f | c d e
  EXPECT_EQ(DisplaceableInHead(ranked_, 3), 2u);
  PromoteIntoHead(ranked_, 3, {5});  // a e f | b c d
  EXPECT_EQ(IdsOf(ranked_),
            (std::vector<std::string>{"a", "e", "f", "b", "c", "d"}));
  EXPECT_EQ(DisplaceableInHead(ranked_, 3), 1u);
}

TEST_F(HeadSlotsTest, NeverMorePicksThanDisplaceablePlaces) {
  PromoteIntoHead(ranked_, 2, {2, 3, 4});
  EXPECT_EQ(IdsOf(ranked_),
            (std::vector<std::string>{"c", "d", "a", "b", "e", "f"}));
  PromoteIntoHead(ranked_, 2, {4});  // the head is all promoted
  EXPECT_EQ(IdsOf(ranked_),
            (std::vector<std::string>{"c", "d", "a", "b", "e", "f"}));
}

TEST_F(HeadSlotsTest, NoPicksChangeNothing) {
  PromoteIntoHead(ranked_, 3, {});
  EXPECT_EQ(IdsOf(ranked_),
            (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
}

}  // namespace
}  // namespace ranker
