#include "core/pipeline/session_retrievers.h"

#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

TEST(SessionPositionWeights, TheMostRecentWeighsOneAndOlderOnesDecay) {
  const std::vector<double> weights = SessionPositionWeights(3, 2.0);
  ASSERT_EQ(weights.size(), 3u);
  EXPECT_DOUBLE_EQ(weights[2], 1.0);
  EXPECT_DOUBLE_EQ(weights[1], std::exp(-0.5));
  EXPECT_DOUBLE_EQ(weights[0], std::exp(-1.0));
}

class SessionRetrieversTest : public ::testing::Test {
 protected:
  SessionRetrieversTest() {
    world_.catalog.Add(
        {Spec("a", {}), Spec("b", {}), Spec("c", {}), Spec("d", {}),
         Spec("x", {}), Spec("y", {}),
         Spec("banned", {}, {"misc"}, "shop", ProductStatus::kBanned)});
  }

  ProductIdx Idx(const std::string& id) {
    return *world_.catalog.catalog.snapshot()->Find(id);
  }
  // Logs a past session the way Engine::Log does.
  void Session(const std::string& key, std::vector<std::string> ids) {
    std::vector<ProductIdx> previous;
    for (const std::string& id : ids) {
      if (world_.sessions.Append(key, Idx(id), &previous)) {
        world_.co_engagement.Record(previous, Idx(id), test::kT0);
      }
    }
  }
  std::unique_ptr<RequestState> StateWithSession(std::vector<std::string> ids) {
    auto state = world_.State();
    for (const std::string& id : ids)
      state->session_products.push_back(Idx(id));
    return state;
  }
  float Score(const RequestState& state, const std::string& id, Source source) {
    for (const Candidate& c : state.candidates) {
      if (c.item->id == id) return c.source_score(source);
    }
    return -1.0f;
  }

  PipelineWorld world_;
};

TEST_F(SessionRetrieversTest, NeighborSessionsVoteByOverlapAndDistance) {
  Session("s1", {"a", "b", "c"});
  Session("s2", {"b", "d"});
  Session("s3", {"x", "y"});
  world_.config.session_position_decay = 1.02;
  world_.config.neighbor_position_decay = 2.05;
  world_.config.neighbor_idf_exponent = 0.0;
  auto state = StateWithSession({"a", "b"});
  SessionNeighborRetriever().Retrieve(*state);

  // Current session: a weighs exp(-1/1.02), b weighs 1.
  const double wa = std::exp(-1 / 1.02);
  const double sim1 = (wa + 1.0) / (std::sqrt(2.0) * std::sqrt(3.0));
  const double sim2 = 1.0 / (std::sqrt(2.0) * std::sqrt(2.0));
  const double near = std::exp(-1 / 2.05);  // one position from b
  constexpr auto kSource = Source::kSessionNeighbors;
  EXPECT_NEAR(Score(*state, "b", kSource), sim1 + sim2, 1e-5);
  EXPECT_NEAR(Score(*state, "a", kSource), sim1 * near, 1e-5);
  EXPECT_NEAR(Score(*state, "c", kSource), sim1 * near, 1e-5);
  EXPECT_NEAR(Score(*state, "d", kSource), sim2 * near, 1e-5);
  EXPECT_EQ(Score(*state, "x", kSource), -1.0f);  // shares nothing
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"b", "a", "c", "d"}));
}

TEST_F(SessionRetrieversTest, TheUsersOwnSessionIsNotItsOwnNeighbor) {
  Session(SessionKey("u1", "now"), {"a", "b"});
  world_.request.session_id = "now";
  auto state = StateWithSession({"a", "b"});
  SessionNeighborRetriever().Retrieve(*state);
  EXPECT_TRUE(state->candidates.empty());
}

TEST_F(SessionRetrieversTest, NeighborRetrievalRespectsQuotaAndGovernance) {
  Session("s1", {"a", "banned", "c", "d"});
  world_.config.session_neighbors_quota = 2;
  auto state = StateWithSession({"a"});
  SessionNeighborRetriever().Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates), (std::vector<std::string>{"a", "c"}));
}

TEST_F(SessionRetrieversTest, CoEngagementFollowsTheRecentProducts) {
  Session("s1", {"a", "c"});
  Session("s2", {"a", "c"});
  Session("s3", {"a", "d"});
  Session("s4", {"b", "d"});
  world_.config.session_position_decay = 1.0;
  auto state = StateWithSession({"a", "b"});
  CoEngagementRetriever().Retrieve(*state);
  // Shares (window 3, backward 0.3): from a: c 2/3, d 1/3; from b: d 1.
  // a weighs exp(-1), b weighs 1.
  const double wa = std::exp(-1.0);
  constexpr auto kSource = Source::kCoEngagement;
  EXPECT_NEAR(Score(*state, "d", kSource), wa / 3.0 + 1.0, 1e-5);
  EXPECT_NEAR(Score(*state, "c", kSource), wa * 2.0 / 3.0, 1e-5);
  EXPECT_EQ(IdsOf(state->candidates).front(), "d");
}

TEST_F(SessionRetrieversTest, RepeatsWeighTheSessionsOwnProductsByRecency) {
  world_.config.session_position_decay = 1.0;
  world_.config.session_repeat = 1.0;
  auto state = StateWithSession({"a", "b", "a"});
  SessionRepeatRetriever().Retrieve(*state);
  constexpr auto kSource = Source::kSessionRepeat;
  EXPECT_NEAR(Score(*state, "a", kSource), 1.0 + std::exp(-2.0), 1e-6);
  EXPECT_NEAR(Score(*state, "b", kSource), std::exp(-1.0), 1e-6);
  EXPECT_EQ(IdsOf(state->candidates), (std::vector<std::string>{"a", "b"}));
}

TEST_F(SessionRetrieversTest, RepeatsAreNotRetrievedWhileTheirWeightIsZero) {
  world_.config.session_repeat = 0.0;
  auto state = StateWithSession({"a", "b"});
  SessionRepeatRetriever().Retrieve(*state);
  EXPECT_TRUE(state->candidates.empty());
}

TEST_F(SessionRetrieversTest, AnEmptySessionRetrievesNothing) {
  Session("s1", {"a", "b"});
  auto state = StateWithSession({});
  SessionNeighborRetriever().Retrieve(*state);
  CoEngagementRetriever().Retrieve(*state);
  EXPECT_TRUE(state->candidates.empty());
}

}  // namespace
}  // namespace ranker
