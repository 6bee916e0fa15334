#include "core/event_counts.h"

#include <limits>

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(EventTypeCounts, CountEventAddsOneToItsType) {
  EventTypeCounts counts{};
  CountEvent(counts, EventType::kClick);
  CountEvent(counts, EventType::kClick);
  CountEvent(counts, EventType::kNotInterested);
  EXPECT_EQ(counts[static_cast<int>(EventType::kClick)], 2u);
  EXPECT_EQ(counts[static_cast<int>(EventType::kNotInterested)], 1u);
  EXPECT_EQ(counts[static_cast<int>(EventType::kImpression)], 0u);
  EXPECT_EQ(TotalEvents(counts), 3u);
}

TEST(EventTypeCounts, ACountSaturatesInsteadOfWrapping) {
  EventTypeCounts counts{};
  counts[0] = std::numeric_limits<uint32_t>::max();
  CountEvent(counts, EventType::kImpression);
  EXPECT_EQ(counts[0], std::numeric_limits<uint32_t>::max());
}

TEST(EventTypeCounts, TheTotalDoesNotOverflowUint32) {
  EventTypeCounts counts{};
  counts.fill(std::numeric_limits<uint32_t>::max());
  EXPECT_EQ(TotalEvents(counts),
            uint64_t{kEventTypeCount} * std::numeric_limits<uint32_t>::max());
}

}  // namespace
}  // namespace ranker
