// Wall time of consecutive phases of a run, logged as each one ends.
#ifndef RANKER_CLIENT_EVAL_PHASE_TIMER_H_
#define RANKER_CLIENT_EVAL_PHASE_TIMER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "spdlog/spdlog.h"

namespace ranker::eval {

class PhaseTimer {
 public:
  void Start(std::string name) {
    name_ = std::move(name);
    start_ = absl::Now();
  }
  // Appends (name, seconds since Start) to `phases`.
  void Stop(std::vector<std::pair<std::string, double>>* phases) {
    phases->emplace_back(name_, absl::ToDoubleSeconds(absl::Now() - start_));
    spdlog::info("{} took {:.1f} s", name_, phases->back().second);
  }

 private:
  std::string name_;
  absl::Time start_;
};

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_PHASE_TIMER_H_
