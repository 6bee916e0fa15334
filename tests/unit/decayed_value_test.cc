#include "core/decayed_value.h"

#include <cmath>

#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kHour = 60 * kMsPerMinute;

TEST(DecayFactor, IsOneForNoElapsedTimeOrNoHalfLife) {
  EXPECT_EQ(DecayFactor(0, kHour), 1.0);
  EXPECT_EQ(DecayFactor(-5, kHour), 1.0);
  EXPECT_EQ(DecayFactor(kHour, 0), 1.0);
  EXPECT_EQ(DecayFactor(kHour, -1), 1.0);
}

TEST(DecayFactor, HalvesPerHalfLife) {
  EXPECT_DOUBLE_EQ(DecayFactor(kHour, kHour), 0.5);
  EXPECT_DOUBLE_EQ(DecayFactor(3 * kHour, kHour), 0.125);
  EXPECT_DOUBLE_EQ(DecayFactor(kHour / 2, kHour), 1.0 / std::sqrt(2.0));
}

TEST(DecayedValue, StartsAtZero) {
  DecayedValue v;
  EXPECT_EQ(v.ValueAt(12345, kHour), 0.0);
}

TEST(DecayedValue, HalvesAfterOneHalfLife) {
  DecayedValue v;
  v.Add(8.0, 10 * kHour, kHour);
  EXPECT_DOUBLE_EQ(v.ValueAt(10 * kHour, kHour), 8.0);
  EXPECT_DOUBLE_EQ(v.ValueAt(11 * kHour, kHour), 4.0);
  EXPECT_DOUBLE_EQ(v.ValueAt(12 * kHour, kHour), 2.0);
}

TEST(DecayedValue, AddingLaterDecaysTheStoredValueFirst) {
  DecayedValue v;
  v.Add(4.0, 0, kHour);
  v.Add(1.0, 2 * kHour, kHour);  // 4 → 1 after two half-lives, plus 1
  EXPECT_EQ(v.at, 2 * kHour);
  EXPECT_DOUBLE_EQ(v.ValueAt(2 * kHour, kHour), 2.0);
}

TEST(DecayedValue, OutOfOrderAdditionIsDecayedToTheStoredTime) {
  DecayedValue v;
  v.Add(4.0, 2 * kHour, kHour);
  v.Add(4.0, 1 * kHour, kHour);  // late: counts half at 2h
  EXPECT_EQ(v.at, 2 * kHour);    // the stored time does not move back
  EXPECT_DOUBLE_EQ(v.ValueAt(2 * kHour, kHour), 6.0);
}

TEST(DecayedValue, OutOfOrderAdditionsGiveTheSameValueAsInOrderOnes) {
  DecayedValue in_order;
  in_order.Add(3.0, 1 * kHour, kHour);
  in_order.Add(5.0, 3 * kHour, kHour);
  DecayedValue reversed;
  reversed.Add(5.0, 3 * kHour, kHour);
  reversed.Add(3.0, 1 * kHour, kHour);
  EXPECT_DOUBLE_EQ(in_order.ValueAt(4 * kHour, kHour),
                   reversed.ValueAt(4 * kHour, kHour));
  EXPECT_DOUBLE_EQ(in_order.ValueAt(4 * kHour, kHour), (0.75 + 5.0) / 2);
}

TEST(DecayedValue, ValueAtBeforeItsTimeIsTheStoredValueNotGrown) {
  DecayedValue v;
  v.Add(8.0, 5 * kHour, kHour);
  EXPECT_DOUBLE_EQ(v.ValueAt(4 * kHour, kHour), 8.0);
  EXPECT_DOUBLE_EQ(v.ValueAt(0, kHour), 8.0);
}

TEST(DecayedValue, NegativeAmountsDecayTowardsZeroToo) {
  DecayedValue v;
  v.Add(-4.0, 0, kHour);
  EXPECT_DOUBLE_EQ(v.ValueAt(kHour, kHour), -2.0);
}

}  // namespace
}  // namespace ranker
