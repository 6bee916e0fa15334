#include "client/load/open_loop_schedule.h"

#include <cmath>

namespace ranker::load {

OpenLoopSchedule::OpenLoopSchedule(int64_t start_nanos, double rate)
    : start_(start_nanos), rate_(rate), interval_(1e9 / rate) {}

int64_t OpenLoopSchedule::DueTime(int64_t n) const {
  return start_ + static_cast<int64_t>(std::llround(interval_ * n));
}

int64_t OpenLoopSchedule::DueBy(int64_t now_nanos) const {
  if (now_nanos < start_) return 0;
  // Rounding of the division may be one off; DueTime is the truth.
  int64_t n = static_cast<int64_t>((now_nanos - start_) / interval_) + 1;
  while (n > 0 && DueTime(n - 1) > now_nanos) --n;
  while (DueTime(n) <= now_nanos) ++n;
  return n;
}

}  // namespace ranker::load
