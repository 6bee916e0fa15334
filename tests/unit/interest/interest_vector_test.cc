#include "core/interest/interest_vector.h"

#include <cmath>
#include <vector>

#include "core/decayed_value.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kHour = 60 * kMsPerMinute;
constexpr TimeMs kT0 = 1'700'000'000'000;

// One interest vector as an owner keeps it: entries in a vector, weights as
// of a reference time (the first addition's).
class InterestVector {
 public:
  InterestVector(TimeMs half_life, size_t max_tags)
      : half_life_(half_life), max_tags_(max_tags) {}

  void Add(TagId tag, double amount, TimeMs when) {
    if (!started_) reference_.ref = when;
    started_ = true;
    const double stored = amount * reference_.ScaleAt(when, half_life_);
    const InterestUpdate update =
        PlanInterestUpdate(entries_, tag, stored, max_tags_);
    ApplyInterestUpdate(
        update, entries_, tag, stored,
        [&](const InterestEntry& entry) { entries_.push_back(entry); });
  }
  std::vector<TagWeight> WeightsAt(TimeMs now,
                                   double min_abs_weight = 1e-3) const {
    return InterestWeights(entries_,
                           DecayFactor(now - reference_.ref, half_life_),
                           min_abs_weight);
  }
  size_t size() const { return entries_.size(); }
  TimeMs half_life() const { return half_life_; }

 private:
  TimeMs half_life_;
  size_t max_tags_;
  bool started_ = false;
  DecayReference reference_;
  std::vector<InterestEntry> entries_;
};

std::vector<TagId> TagsOf(const std::vector<TagWeight>& weights) {
  std::vector<TagId> tags;
  for (const TagWeight& tw : weights) tags.push_back(tw.tag);
  return tags;
}

TEST(InterestVector, StartsEmpty) {
  InterestVector v(kHour, 4);
  EXPECT_EQ(v.size(), 0u);
  EXPECT_TRUE(v.WeightsAt(kT0).empty());
  EXPECT_EQ(v.half_life(), kHour);
}

TEST(InterestVector, AddingToAKnownTagAccumulates) {
  InterestVector v(kHour, 4);
  v.Add(7, 1.5, kT0);
  v.Add(7, 2.0, kT0);
  std::vector<TagWeight> weights = v.WeightsAt(kT0);
  ASSERT_EQ(weights.size(), 1u);
  EXPECT_EQ(weights[0].tag, 7u);
  EXPECT_FLOAT_EQ(weights[0].weight, 3.5f);
  EXPECT_EQ(v.size(), 1u);
}

TEST(InterestVector, WeightsDecayWithTheHalfLife) {
  InterestVector v(kHour, 4);
  v.Add(1, 4.0, kT0);
  v.Add(1, 2.0, kT0 + kHour);  // 4 → 2, plus 2
  EXPECT_FLOAT_EQ(v.WeightsAt(kT0 + kHour)[0].weight, 4.0f);
  EXPECT_FLOAT_EQ(v.WeightsAt(kT0 + 3 * kHour)[0].weight, 1.0f);
}

TEST(InterestVector, WeightsBelowTheThresholdAreLeftOut) {
  InterestVector v(kHour, 4);
  v.Add(1, 1.0, kT0);
  v.Add(2, 0.0005, kT0);
  EXPECT_EQ(TagsOf(v.WeightsAt(kT0)), (std::vector<TagId>{1}));
  EXPECT_EQ(TagsOf(v.WeightsAt(kT0, 0.0)), (std::vector<TagId>{1, 2}));
  // 1.0 decays below 1e-3 after ten half-lives.
  EXPECT_TRUE(v.WeightsAt(kT0 + 10 * kHour).empty());
  EXPECT_EQ(v.size(), 2u);  // entries stay until evicted
}

TEST(InterestVector, StrongestPositiveFirstAndMostNegativeLast) {
  InterestVector v(kHour, 8);
  v.Add(10, -1.0, kT0);
  v.Add(11, 2.0, kT0);
  v.Add(12, -3.0, kT0);
  v.Add(13, 0.5, kT0);
  v.Add(14, 2.0, kT0);  // ties with 11: by tag id
  std::vector<TagWeight> weights = v.WeightsAt(kT0);
  EXPECT_EQ(TagsOf(weights), (std::vector<TagId>{11, 14, 13, 10, 12}));
  EXPECT_FLOAT_EQ(weights.back().weight, -3.0f);
}

TEST(InterestVector, WeakestTagMakesRoomWhenFull) {
  InterestVector v(kHour, 3);
  v.Add(1, 3.0, kT0);
  v.Add(2, 1.0, kT0);
  v.Add(3, 2.0, kT0);
  v.Add(4, 1.5, kT0);  // evicts tag 2 (1.0)
  EXPECT_EQ(v.size(), 3u);
  EXPECT_EQ(TagsOf(v.WeightsAt(kT0)), (std::vector<TagId>{1, 3, 4}));
  EXPECT_FLOAT_EQ(v.WeightsAt(kT0)[2].weight, 1.5f);
}

TEST(InterestVector, ANewTagWeakerThanEveryKnownOneIsDropped) {
  InterestVector v(kHour, 2);
  v.Add(1, 3.0, kT0);
  v.Add(2, 1.0, kT0);
  v.Add(3, 0.5, kT0);
  v.Add(4, 1.0, kT0);  // ties with the weakest: not strictly stronger
  EXPECT_EQ(TagsOf(v.WeightsAt(kT0)), (std::vector<TagId>{1, 2}));
}

TEST(InterestVector, EvictionComparesCurrentDecayedWeights) {
  InterestVector v(kHour, 2);
  v.Add(1, 4.0, kT0);              // 0.5 at kT0 + 3h
  v.Add(2, 1.0, kT0 + 3 * kHour);  // 1.0 at kT0 + 3h
  v.Add(3, 0.75, kT0 + 3 * kHour);
  std::vector<TagWeight> weights = v.WeightsAt(kT0 + 3 * kHour);
  EXPECT_EQ(TagsOf(weights), (std::vector<TagId>{2, 3}));
}

TEST(InterestVector, EvictionComparesMagnitudesSoStrongDislikesStay) {
  InterestVector v(kHour, 2);
  v.Add(1, -3.0, kT0);
  v.Add(2, 1.0, kT0);
  v.Add(3, 2.0, kT0);  // evicts tag 2, not the strong dislike
  EXPECT_EQ(TagsOf(v.WeightsAt(kT0)), (std::vector<TagId>{3, 1}));
  v.Add(4, -2.5, kT0);  // |−2.5| beats 2.0
  EXPECT_EQ(TagsOf(v.WeightsAt(kT0)), (std::vector<TagId>{4, 1}));
}

TEST(InterestVector, ALateAdditionCountsAsOfItsOwnTime) {
  InterestVector v(kHour, 4);
  v.Add(1, 4.0, kT0 + kHour);
  v.Add(1, 4.0, kT0);  // an hour late: worth 2 by kT0 + 1h
  EXPECT_FLOAT_EQ(v.WeightsAt(kT0 + kHour)[0].weight, 6.0f);
}

TEST(InterestVector, ATieWithTheWeakestAtAnyScaleIsNoDisplacement) {
  // Stored as of a reference time a third of a half-life back: equal
  // amounts are equal stored floats, not strictly stronger.
  InterestVector v(kHour, 1);
  v.Add(1, 0.1, kT0);
  v.Add(2, 0.7, kT0 + kHour / 3);
  v.Add(3, 0.7, kT0 + kHour / 3);
  EXPECT_EQ(TagsOf(v.WeightsAt(kT0 + kHour / 3)), (std::vector<TagId>{2}));
}

TEST(InterestVector, ZeroCapacityKeepsNothing) {
  InterestVector v(kHour, 0);
  v.Add(1, 5.0, kT0);
  EXPECT_EQ(v.size(), 0u);
  EXPECT_TRUE(v.WeightsAt(kT0).empty());
}

}  // namespace
}  // namespace ranker
