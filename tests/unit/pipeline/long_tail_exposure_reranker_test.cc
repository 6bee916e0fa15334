#include "core/pipeline/long_tail_exposure_reranker.h"

#include <algorithm>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

// `ids` in alphabetical order, to compare a set of places.
std::vector<std::string> Sorted(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

class LongTailExposureRerankerTest : public ::testing::Test {
 protected:
  struct Item {
    std::string id;
    double match;  // instant-interest part
    double popularity = 0;
    double impressions = 0;
    double clicks = 0;
  };

  LongTailExposureRerankerTest() {
    world_.request.count = 4;
    world_.request.debug = true;
    world_.config.long_tail_share = 0.5;  // 2 of 4
  }

  // Ranks `items` in the given order and reranks them.
  std::vector<std::string> Rerank(const std::vector<Item>& items) {
    if (world_.snapshot == nullptr) {
      std::vector<ProductSpec> specs;
      for (const Item& item : items) specs.push_back(Spec(item.id, {}));
      world_.catalog.Add(specs);
    }
    state_ = world_.State();
    for (const Item& item : items) {
      state_->AddCandidate(world_.catalog.Idx(item.id),
                           Source::kInstantInterest);
      Candidate& c = state_->candidates.back();
      c.SetPart(ScorePart::kInstantMatch, item.match);
      c.counts.popularity = item.popularity;
      c.counts.impressions = item.impressions;
      c.counts.clicks = item.clicks;
    }
    ranked_ = state_->candidates;
    LongTailExposureReranker().Rerank(*state_, ranked_);
    return IdsOf(ranked_);
  }

  // Four popular, well-matched products, then the tail.
  static std::vector<Item> Catalog() {
    return {{"h0", 1.0, 100}, {"h1", 1.0, 100},    {"h2", 1.0, 100},
            {"h3", 1.0, 100}, {"pop", 0.9, 100},   {"niche", 0.5, 1},
            {"new", 0.2, 0},  {"stranger", 0.0, 0}};
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
  std::vector<Candidate> ranked_;
};

TEST_F(LongTailExposureRerankerTest,
       MatchingLowExposureProductsTakeTheLastPlacesWithANote) {
  const std::vector<std::string> ids = Rerank(Catalog());
  ASSERT_EQ(ids.size(), 8u);
  EXPECT_EQ(ids[0], "h0");
  EXPECT_EQ(ids[1], "h1");
  EXPECT_EQ(Sorted({ids[2], ids[3]}),
            (std::vector<std::string>{"new", "niche"}));
  EXPECT_EQ((std::vector<std::string>(ids.begin() + 4, ids.end())),
            (std::vector<std::string>{"h2", "h3", "pop", "stranger"}));
  for (size_t i : {2, 3}) {
    ASSERT_EQ(ranked_[i].rerank_notes.size(), 1u);
    EXPECT_TRUE(std::regex_match(
        ranked_[i].rerank_notes[0],
        std::regex(
            R"(moved up: long-tail exposure \(sampled ctr 0\.[0-9]{3}\))")))
        << ranked_[i].rerank_notes[0];
    EXPECT_TRUE(ranked_[i].promoted);
  }
  EXPECT_TRUE(ranked_[4].rerank_notes.empty());
}

TEST_F(LongTailExposureRerankerTest, TheSameRequestGivesTheSameList) {
  world_.config.long_tail_share = 0.25;  // one place for niche or new
  const std::vector<std::string> first = Rerank(Catalog());
  EXPECT_EQ(Rerank(Catalog()), first);
}

TEST_F(LongTailExposureRerankerTest, TheSeedFollowsUserSessionAndTime) {
  auto seed = [&] {
    auto state = world_.State();
    return LongTailExposureReranker::Seed(*state);
  };
  world_.catalog.Add({Spec("x", {})});
  const uint64_t base = seed();
  EXPECT_EQ(seed(), base);
  world_.now += 1;
  EXPECT_NE(seed(), base);
  world_.now -= 1;
  world_.request.session_id = "s2";
  EXPECT_NE(seed(), base);
  world_.request.session_id = "";
  world_.request.user_id = "u2";
  EXPECT_NE(seed(), base);
}

TEST_F(LongTailExposureRerankerTest, EligibleProductsInTheHeadCountAgainstIt) {
  std::vector<Item> items = Catalog();
  items[3].popularity = 2;  // h3 is itself low-exposure
  const std::vector<std::string> ids = Rerank(items);
  EXPECT_EQ((std::vector<std::string>(ids.begin(), ids.begin() + 3)),
            (std::vector<std::string>{"h0", "h1", "h2"}));
  EXPECT_TRUE(ids[3] == "niche" || ids[3] == "new") << ids[3];
  EXPECT_EQ(ids[4], "h3");
}

TEST_F(LongTailExposureRerankerTest, UnmatchedOrPopularProductsAreNotPromoted) {
  world_.config.long_tail_min_match = 0.6;  // niche 0.5 and new 0.2 fall short
  EXPECT_EQ(Rerank(Catalog()),
            (std::vector<std::string>{"h0", "h1", "h2", "h3", "pop", "niche",
                                      "new", "stranger"}));
}

TEST_F(LongTailExposureRerankerTest, LoggedImpressionsDefineExposure) {
  world_.stats.Record(0, EventType::kImpression, test::kT0);
  std::vector<Item> items = Catalog();
  for (size_t i = 0; i < 4; ++i) items[i].impressions = 100;
  items[5].impressions = 60;  // niche was shown a lot: not long-tail
  items[4].impressions = 10;  // pop was hardly shown, whatever its mass
  const std::vector<std::string> ids = Rerank(items);
  EXPECT_EQ(Sorted({ids[2], ids[3]}), (std::vector<std::string>{"new", "pop"}));
}

TEST_F(LongTailExposureRerankerTest, NoShareNoChange) {
  world_.config.long_tail_share = 0.2;  // 0.8 of a place: none
  EXPECT_EQ(Rerank(Catalog()),
            (std::vector<std::string>{"h0", "h1", "h2", "h3", "pop", "niche",
                                      "new", "stranger"}));
}

TEST_F(LongTailExposureRerankerTest, ClicksPerImpressionSteerTheChoice) {
  // Both equally matched and rarely shown; one was clicked on half of its
  // showings, the other never: sampling should favour the first almost
  // always, yet not be blind to the second.
  world_.stats.Record(0, EventType::kImpression, test::kT0);
  world_.config.long_tail_share = 0.25;
  std::vector<Item> items = {
      {"h0", 1.0, 100, 100},     {"h1", 1.0, 100, 100},
      {"h2", 1.0, 100, 100},     {"h3", 1.0, 100, 100},
      {"clicked", 0.5, 0, 4, 2}, {"ignored", 0.5, 0, 4, 0}};
  int clicked = 0;
  constexpr int kRequests = 400;
  for (int r = 0; r < kRequests; ++r) {
    world_.now = test::kT0 + r;
    if (Rerank(items)[3] == "clicked") ++clicked;
  }
  EXPECT_GT(clicked, kRequests * 6 / 10);
  EXPECT_LT(clicked, kRequests);
}

TEST_F(LongTailExposureRerankerTest, PersonalMatchLeavesOutPopularityAndRates) {
  Candidate c;
  c.SetPart(ScorePart::kLongTermMatch, 0.1);
  c.SetPart(ScorePart::kInstantMatch, 0.2);
  c.SetPart(ScorePart::kContextMatch, 0.3);
  c.SetPart(ScorePart::kSessionNeighbors, 0.4);
  c.SetPart(ScorePart::kCoEngagement, 0.5);
  c.SetPart(ScorePart::kPopularityDebias, -0.25);
  c.SetPart(ScorePart::kExploration, 0.05);
  c.SetPart(ScorePart::kPopularity, 10);
  c.SetPart(ScorePart::kClickRate, 10);
  c.SetPart(ScorePart::kPurchaseRate, 10);
  c.SetPart(ScorePart::kSessionRepeat, 10);
  EXPECT_DOUBLE_EQ(LongTailExposureReranker::PersonalMatch(c), 1.3);
}

TEST(LongTailExposureSampling, BetaDrawsHaveTheBetaMean) {
  std::mt19937_64 rng(7);
  double sum = 0.0;
  constexpr int kDraws = 20000;
  for (int i = 0; i < kDraws; ++i) {
    const double x = LongTailExposureReranker::SampleBeta(2.0, 6.0, rng);
    ASSERT_GE(x, 0.0);
    ASSERT_LE(x, 1.0);
    sum += x;
  }
  EXPECT_NEAR(sum / kDraws, 0.25, 0.01);
}

}  // namespace
}  // namespace ranker
