// The send times of an open-loop run: request n is due at
// start + n / rate, whatever happened to earlier requests. Latency is
// measured from that due time, not from when the client got round to
// sending, so a server (or client) that falls behind shows up as queueing
// delay instead of silently lowering the offered load ("coordinated
// omission"). Times are steady-clock nanoseconds so that the arithmetic is
// testable without a clock.
#ifndef RANKER_CLIENT_LOAD_OPEN_LOOP_SCHEDULE_H_
#define RANKER_CLIENT_LOAD_OPEN_LOOP_SCHEDULE_H_

#include <cstdint>

namespace ranker::load {

class OpenLoopSchedule {
 public:
  // `rate` > 0 requests per second, starting at `start_nanos`.
  OpenLoopSchedule(int64_t start_nanos, double rate);

  // When request n (0-based) is due.
  int64_t DueTime(int64_t n) const;
  // How many requests are due at or before `now_nanos` (requests
  // 0..result-1); 0 before the start.
  int64_t DueBy(int64_t now_nanos) const;

  double rate() const { return rate_; }
  int64_t start() const { return start_; }

 private:
  int64_t start_;
  double rate_;
  // Nanoseconds between two sends; a double so that rates that do not
  // divide a second (e.g. 3/s) do not drift.
  double interval_;
};

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_OPEN_LOOP_SCHEDULE_H_
