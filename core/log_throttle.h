// Lets a line through at most once per interval, so that an event that can
// happen per request (a refused call, an evicted profile) is logged at info
// without flooding the log. Lock-free; the first call always passes.
#ifndef RANKER_CORE_LOG_THROTTLE_H_
#define RANKER_CORE_LOG_THROTTLE_H_

#include <atomic>
#include <cstdint>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace ranker {

class LogThrottle {
 public:
  explicit LogThrottle(absl::Duration interval) : interval_(interval) {}

  // True at most once per interval (one caller wins a race).
  bool Allow(absl::Time now = absl::Now()) {
    const int64_t now_ns = absl::ToUnixNanos(now);
    int64_t next = next_ns_.load(std::memory_order_relaxed);
    if (now_ns < next) return false;
    return next_ns_.compare_exchange_strong(
        next, now_ns + absl::ToInt64Nanoseconds(interval_),
        std::memory_order_relaxed);
  }

 private:
  const absl::Duration interval_;
  std::atomic<int64_t> next_ns_{INT64_MIN};
};

}  // namespace ranker

#endif  // RANKER_CORE_LOG_THROTTLE_H_
