#include "core/packed_arrays.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

struct Pair {
  uint32_t key;
  float value;
};

using Arrays = PackedArrays<uint32_t, Pair, PackedTime>;

std::vector<uint32_t> AsVector(std::span<const uint32_t> span) {
  return {span.begin(), span.end()};
}

std::vector<uint32_t> Keys(const Arrays& arrays) {
  std::vector<uint32_t> keys;
  for (const Pair& pair : arrays.get<1>()) keys.push_back(pair.key);
  return keys;
}

TEST(PackedArrays, StartsEmptyWithoutAllocating) {
  Arrays arrays;
  EXPECT_TRUE(arrays.empty());
  EXPECT_EQ(arrays.size<0>(), 0u);
  EXPECT_TRUE(arrays.get<1>().empty());
  EXPECT_EQ(arrays.capacity_bytes(), 0u);
}

TEST(PackedArrays, EachArrayKeepsItsOwnElementsInOrder) {
  Arrays arrays;
  arrays.push_back<1>({7, 0.5f});
  arrays.push_back<0>(1);
  arrays.push_back<2>(PackedTime(-5));
  arrays.push_back<0>(2);
  arrays.insert<0>(0, 0);
  arrays.push_back<1>({8, 1.5f});
  arrays.insert<1>(1, {9, 2.5f});
  EXPECT_EQ(AsVector(arrays.get<0>()), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(Keys(arrays), (std::vector<uint32_t>{7, 9, 8}));
  EXPECT_EQ(arrays.get<1>()[1].value, 2.5f);
  ASSERT_EQ(arrays.size<2>(), 1u);
  EXPECT_EQ(arrays.get<2>()[0].get(), -5);
  EXPECT_EQ(arrays.used_bytes(), 3 * 4 + 3 * 8 + 8u);
  EXPECT_GE(arrays.capacity_bytes(), arrays.used_bytes());
}

TEST(PackedArrays, ErasingMovesOnlyThatArray) {
  Arrays arrays;
  for (uint32_t i = 0; i < 5; ++i) {
    arrays.push_back<0>(i);
    arrays.push_back<1>({10 + i, 0.0f});
  }
  arrays.erase<0>(0);
  arrays.erase<1>(4);
  arrays.erase<1>(1);
  EXPECT_EQ(AsVector(arrays.get<0>()), (std::vector<uint32_t>{1, 2, 3, 4}));
  EXPECT_EQ(Keys(arrays), (std::vector<uint32_t>{10, 12, 13}));
  arrays.erase_unless<0>([](uint32_t x) { return x % 2 == 0; });
  EXPECT_EQ(AsVector(arrays.get<0>()), (std::vector<uint32_t>{2, 4}));
  EXPECT_EQ(Keys(arrays), (std::vector<uint32_t>{10, 12, 13}));
}

TEST(PackedArrays, ResizeAddsValueInitializedElementsOrTruncates) {
  Arrays arrays;
  arrays.push_back<1>({1, 1.0f});
  ASSERT_TRUE(arrays.resize<0>(3));
  EXPECT_EQ(AsVector(arrays.get<0>()), (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_EQ(Keys(arrays), (std::vector<uint32_t>{1}));
  ASSERT_TRUE(arrays.resize<0>(1));
  EXPECT_EQ(arrays.size<0>(), 1u);
  EXPECT_FALSE(arrays.resize<0>(Arrays::kMaxSize + 1));
  EXPECT_EQ(arrays.size<0>(), 1u);
}

TEST(PackedArrays, RefusesToGrowAnArrayPastItsMaximum) {
  PackedArrays<uint32_t> arrays;
  ASSERT_TRUE(arrays.resize<0>(PackedArrays<uint32_t>::kMaxSize));
  EXPECT_FALSE(arrays.push_back<0>(1));
  EXPECT_EQ(arrays.size<0>(), PackedArrays<uint32_t>::kMaxSize);
}

TEST(PackedArrays, GrowsByAnEighthAndShrinksWhenMostlyEmpty) {
  PackedArrays<uint32_t> arrays;
  for (uint32_t i = 0; i < 1000; ++i) {
    arrays.push_back<0>(i);
    EXPECT_LE(arrays.capacity_bytes(), arrays.used_bytes() * 9 / 8 + 24);
  }
  arrays.erase_unless<0>([](uint32_t x) { return x < 10; });
  EXPECT_LE(arrays.capacity_bytes(), 10 * 4 * 9 / 8 + 24u);
  EXPECT_EQ(arrays.get<0>().back(), 9u);
  arrays.erase_unless<0>([](uint32_t) { return false; });
  EXPECT_EQ(arrays.capacity_bytes(), 0u);
}

TEST(PackedArrays, CopiesAreDeepAndMovesTakeTheAllocation) {
  Arrays arrays;
  arrays.push_back<0>(1);
  arrays.push_back<1>({2, 2.0f});
  Arrays copy = arrays;
  copy.push_back<0>(3);
  EXPECT_EQ(AsVector(arrays.get<0>()), (std::vector<uint32_t>{1}));
  EXPECT_EQ(AsVector(copy.get<0>()), (std::vector<uint32_t>{1, 3}));
  Arrays moved = std::move(copy);
  EXPECT_EQ(AsVector(moved.get<0>()), (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(Keys(moved), (std::vector<uint32_t>{2}));
  copy = moved;
  EXPECT_EQ(AsVector(copy.get<0>()), (std::vector<uint32_t>{1, 3}));
}

TEST(PackedTime, HoldsEveryTime) {
  for (TimeMs t : {TimeMs{0}, TimeMs{1}, TimeMs{-1}, TimeMs{1'700'000'000'000},
                   std::numeric_limits<TimeMs>::max(),
                   std::numeric_limits<TimeMs>::min()}) {
    EXPECT_EQ(PackedTime(t).get(), t);
  }
  static_assert(sizeof(PackedTime) == 8 && alignof(PackedTime) == 4);
}

}  // namespace
}  // namespace ranker
