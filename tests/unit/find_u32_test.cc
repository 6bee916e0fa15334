#include "core/find_u32.h"

#include <cstdint>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(FindU32, FindsTheFirstOccurrenceAtEveryPositionAndLength) {
  // Lengths around the 8-wide blocks, the value at every position.
  for (size_t size = 0; size < 40; ++size) {
    std::vector<uint32_t> data(size);
    for (size_t i = 0; i < size; ++i) data[i] = static_cast<uint32_t>(100 + i);
    for (size_t i = 0; i < size; ++i) {
      EXPECT_EQ(FindU32(data.data(), size, data[i]), i) << size << " " << i;
    }
    EXPECT_EQ(FindU32(data.data(), size, 7), size);
  }
}

TEST(FindU32, FindsEveryPositionOfLongArrays) {
  // The lengths of the wide (AVX2) path and its tail.
  for (size_t size : {31, 32, 33, 47, 48, 63, 100, 255, 256, 300}) {
    std::vector<uint32_t> data(size);
    for (size_t i = 0; i < size; ++i) data[i] = static_cast<uint32_t>(7 * i);
    for (size_t i = 0; i < size; ++i) {
      ASSERT_EQ(FindU32(data.data(), size, data[i]), i) << size << " " << i;
    }
    EXPECT_EQ(FindU32(data.data(), size, 1), size);
  }
}

TEST(FindU32, ReturnsTheFirstOfRepeatedValues) {
  const std::vector<uint32_t> data = {1, 2, 3, 4, 5, 6, 7, 9, 9, 9, 9, 9};
  EXPECT_EQ(FindU32(data.data(), data.size(), 9), 7u);
}

TEST(FindU32, MatchesTheFullThirtyTwoBits) {
  const std::vector<uint32_t> data = {0xFFFFFFFFu, 0x80000000u, 0, 1,
                                      0x7FFFFFFFu, 2,           3, 4};
  EXPECT_EQ(FindU32(data.data(), data.size(), 0x80000000u), 1u);
  EXPECT_EQ(FindU32(data.data(), data.size(), 0xFFFFFFFFu), 0u);
  EXPECT_EQ(FindU32(data.data(), data.size(), 0x7FFFFFFFu), 4u);
  EXPECT_EQ(FindU32(data.data(), data.size(), 0xFFFFFFFEu), data.size());
}

TEST(FindU32, ReadsNothingOfAnEmptyArray) {
  EXPECT_EQ(FindU32(nullptr, 0, 5), 0u);
}

}  // namespace
}  // namespace ranker
