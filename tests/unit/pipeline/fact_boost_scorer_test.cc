#include "core/pipeline/fact_boost_scorer.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::kT0;
using test::PipelineWorld;
using test::Spec;

constexpr TimeMs kHour = 60 * kMsPerMinute;

class FactBoostScorerTest : public ::testing::Test {
 protected:
  // Proposes every product of the catalog and scores them at `now`.
  std::vector<Candidate> ScoreAt(TimeMs now) {
    world_.now = now;
    std::unique_ptr<RequestState> state = world_.State();
    state->profile.creators = creators_;
    state->profile.form_affinity = forms_;
    for (ProductIdx i = 0; i < state->catalog.size(); ++i) {
      state->AddCandidate(i, Source::kPopular);
    }
    FactBoostScorer().Score(*state, state->candidates);
    return state->candidates;
  }
  std::vector<Candidate> Score(std::vector<ProductSpec> specs, TimeMs now) {
    world_.catalog.Add(std::move(specs));
    return ScoreAt(now);
  }
  CreatorId Creator(const std::string& name) {
    return *world_.catalog.catalog.creators().Intern(name);
  }

  PipelineWorld world_;
  std::vector<CreatorAffinity> creators_;
  std::array<float, kContentFormCount> forms_{};
};

ProductSpec Live(TimeMs start, TimeMs end) {
  ProductSpec spec = Spec("live", {{"t", 1.0}});
  spec.live_start_ms = start;
  spec.live_end_ms = end;
  return spec;
}

TEST_F(FactBoostScorerTest, LiveNowIsItsWeightFromTheStartUpToTheEnd) {
  const TimeMs start = kT0;
  const TimeMs end = kT0 + kHour;
  const struct {
    TimeMs now;
    double part;
  } cases[] = {{start - 1, 0.0}, {start, 0.5}, {end - 1, 0.5}, {end, 0.0}};
  world_.catalog.Add({Live(start, end)});
  for (const auto& c : cases) {
    EXPECT_EQ(ScoreAt(c.now)[0].part(ScorePart::kLiveNow), c.part)
        << c.now - start;
  }
}

TEST_F(FactBoostScorerTest, AProductWithoutALiveStreamIsNeverLive) {
  EXPECT_EQ(Score({Spec("a", {{"t", 1.0}})}, 0)[0].part(ScorePart::kLiveNow),
            0.0);
}

TEST_F(FactBoostScorerTest, LiveNowFollowsItsKnob) {
  world_.config.live_now = 1.75;
  EXPECT_EQ(Score({Live(kT0, kT0 + kHour)}, kT0)[0].part(ScorePart::kLiveNow),
            1.75);
}

TEST_F(FactBoostScorerTest, ACampaignWithoutAWindowRunsWhileFlagged) {
  ProductSpec flagged = Spec("flagged", {{"t", 1.0}});
  flagged.campaign = true;
  const std::vector<Candidate> scored =
      Score({flagged, Spec("plain", {{"t", 1.0}})}, kT0);
  EXPECT_EQ(scored[0].part(ScorePart::kCampaign), 0.3);
  EXPECT_EQ(scored[1].part(ScorePart::kCampaign), 0.0);
}

TEST_F(FactBoostScorerTest, ACampaignWithAWindowRunsOnlyInsideIt) {
  const TimeMs start = kT0;
  const TimeMs end = kT0 + 24 * kHour;
  const struct {
    TimeMs now;
    double part;
  } cases[] = {{start - 1, 0.0}, {start, 0.3}, {end - 1, 0.3}, {end, 0.0}};
  ProductSpec spec = Spec("sale", {{"t", 1.0}});
  spec.campaign = true;
  spec.campaign_start_ms = start;
  spec.campaign_end_ms = end;
  world_.catalog.Add({spec});
  for (const auto& c : cases) {
    EXPECT_EQ(ScoreAt(c.now)[0].part(ScorePart::kCampaign), c.part)
        << c.now - start;
  }
}

TEST_F(FactBoostScorerTest, CreatorIsTheBestCreatorsAffinityOverTheStrongest) {
  const CreatorId c1 = Creator("c1");
  const CreatorId c2 = Creator("c2");
  creators_ = {{c1, 4.0f}, {c2, 1.0f}};
  ProductSpec by_c1 = Spec("by-c1", {{"t", 1.0}});
  by_c1.creator_ids = {"c1"};
  ProductSpec by_c2 = Spec("by-c2", {{"t", 1.0}});
  by_c2.creator_ids = {"c2"};
  ProductSpec by_both = Spec("by-both", {{"t", 1.0}});
  by_both.creator_ids = {"c2", "c1"};
  ProductSpec by_stranger = Spec("by-c3", {{"t", 1.0}});
  by_stranger.creator_ids = {"c3"};
  const std::vector<Candidate> scored = Score(
      {by_c1, by_c2, by_both, by_stranger, Spec("none", {{"t", 1.0}})}, kT0);
  EXPECT_DOUBLE_EQ(scored[0].part(ScorePart::kCreator), 0.8 * 1.0);
  EXPECT_DOUBLE_EQ(scored[1].part(ScorePart::kCreator), 0.8 * 0.25);
  EXPECT_DOUBLE_EQ(scored[2].part(ScorePart::kCreator), 0.8 * 1.0);
  EXPECT_EQ(scored[3].part(ScorePart::kCreator), 0.0);
  EXPECT_EQ(scored[4].part(ScorePart::kCreator), 0.0);
}

TEST_F(FactBoostScorerTest, ARejectedCreatorPenalisesWithoutShrinkingLikes) {
  const CreatorId liked = Creator("liked");
  const CreatorId rejected = Creator("rejected");
  const CreatorId meh = Creator("meh");
  // A strong rejection does not dilute the favourite's boost: each sign is
  // normalised by its own strongest.
  creators_ = {{liked, 1.0f}, {meh, -1.0f}, {rejected, -4.0f}};
  ProductSpec a = Spec("a", {{"t", 1.0}});
  a.creator_ids = {"liked"};
  ProductSpec b = Spec("b", {{"t", 1.0}});
  b.creator_ids = {"rejected"};
  ProductSpec c = Spec("c", {{"t", 1.0}});
  c.creator_ids = {"meh", "rejected"};
  ProductSpec d = Spec("d", {{"t", 1.0}});
  d.creator_ids = {"rejected", "stranger"};
  const std::vector<Candidate> scored = Score({a, b, c, d}, kT0);
  EXPECT_DOUBLE_EQ(scored[0].part(ScorePart::kCreator), 0.8);
  EXPECT_DOUBLE_EQ(scored[1].part(ScorePart::kCreator), -0.8);
  EXPECT_DOUBLE_EQ(scored[2].part(ScorePart::kCreator), 0.8 * -0.25);
  EXPECT_EQ(scored[3].part(ScorePart::kCreator), 0.0);  // the stranger's
}

TEST_F(FactBoostScorerTest, ContentFormIsTheBestFormOverTheMostUsedOne) {
  forms_[static_cast<int>(ContentForm::kLiveStream)] = 4.0f;
  forms_[static_cast<int>(ContentForm::kShortVideo)] = 1.0f;
  ProductSpec live = Spec("live", {{"t", 1.0}});
  live.content_forms = {ContentForm::kLiveStream, ContentForm::kProductCard};
  ProductSpec video = Spec("video", {{"t", 1.0}});
  video.content_forms = {ContentForm::kShortVideo};
  ProductSpec card = Spec("card", {{"t", 1.0}});
  card.content_forms = {ContentForm::kProductCard};
  ProductSpec none = Spec("none", {{"t", 1.0}});
  none.content_forms.clear();
  const std::vector<Candidate> scored = Score({live, video, card, none}, kT0);
  EXPECT_DOUBLE_EQ(scored[0].part(ScorePart::kContentForm), 0.25);
  EXPECT_DOUBLE_EQ(scored[1].part(ScorePart::kContentForm), 0.25 * 0.25);
  EXPECT_EQ(scored[2].part(ScorePart::kContentForm), 0.0);
  EXPECT_EQ(scored[3].part(ScorePart::kContentForm), 0.0);
}

TEST_F(FactBoostScorerTest, AUserWithoutFormEngagementGetsNoContentFormPart) {
  EXPECT_EQ(
      Score({Spec("a", {{"t", 1.0}})}, kT0)[0].part(ScorePart::kContentForm),
      0.0);
}

TEST_F(FactBoostScorerTest, AUserWithoutCreatorsGetsNoCreatorPart) {
  ProductSpec spec = Spec("a", {{"t", 1.0}});
  spec.creator_ids = {"c1"};
  EXPECT_EQ(Score({spec}, kT0)[0].part(ScorePart::kCreator), 0.0);
}

}  // namespace
}  // namespace ranker
