// Exact lifetime counts of events by type, kept per user (UserProfile) and
// per product (ItemStatsStore) so that an operator, or a crash test, can see
// through the API exactly how many events were applied. Unlike the decayed
// statistics they never fade. uint32 per type keeps them at 36 bytes per user
// or product; a count saturates instead of wrapping, so a counter that ran
// out of range stays visibly at the maximum rather than restarting at 0.
#ifndef RANKER_CORE_EVENT_COUNTS_H_
#define RANKER_CORE_EVENT_COUNTS_H_

#include <array>
#include <cstdint>
#include <limits>

#include "core/types.h"

namespace ranker {

// Indexed by EventType.
using EventTypeCounts = std::array<uint32_t, kEventTypeCount>;

inline void CountEvent(EventTypeCounts& counts, EventType type) {
  uint32_t& count = counts[static_cast<int>(type)];
  if (count != std::numeric_limits<uint32_t>::max()) ++count;
}

inline uint64_t TotalEvents(const EventTypeCounts& counts) {
  uint64_t total = 0;
  for (uint32_t count : counts) total += count;
  return total;
}

}  // namespace ranker

#endif  // RANKER_CORE_EVENT_COUNTS_H_
