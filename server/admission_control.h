// Overload protection: a cap on the ranker calls being served at once.
//
// One cap per lane of calls (server/execution_limits.h: reads, writes),
// because the calls of a lane share what runs out: the lane's threads, the
// CPU, and the memory of requests being worked on. A call that finds the cap
// reached is refused at once with
// RESOURCE_EXHAUSTED (the caller retries with backoff or goes to another
// replica) instead of waiting behind the others. Health checks and
// reflection do not pass through here, so probes keep working under load.
//
// Lock-free: admitting is one compare-and-swap on an atomic counter, and the
// permit gives its place back when it goes out of scope.
#ifndef RANKER_SERVER_ADMISSION_CONTROL_H_
#define RANKER_SERVER_ADMISSION_CONTROL_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace ranker {

class AdmissionControl {
 public:
  // A place among the calls in flight, held for the call's lifetime.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : owner_(other.owner_) {
      other.owner_ = nullptr;
    }
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

   private:
    friend class AdmissionControl;
    explicit Permit(AdmissionControl* owner) : owner_(owner) {}
    AdmissionControl* owner_;
  };

  // `max_in_flight` 0: no cap (every call is admitted, still counted).
  // `flag` names the setting in the refusal message (e.g.
  // "--max_reads_in_flight").
  AdmissionControl(int64_t max_in_flight, std::string flag);
  AdmissionControl(const AdmissionControl&) = delete;
  AdmissionControl& operator=(const AdmissionControl&) = delete;

  // A permit when fewer than max_in_flight calls hold one; none otherwise
  // (counted in refused()). Never blocks.
  std::optional<Permit> TryAdmit();

  // RESOURCE_EXHAUSTED saying the server is over capacity and the cap.
  absl::Status OverCapacityError() const {
    return absl::ResourceExhaustedError(over_capacity_message_);
  }

  // The second gate, for a call admitted under the cap that then waited
  // `waited` for a worker: beyond `max_queue_wait` (0: no limit) it is shed
  // with RESOURCE_EXHAUSTED before any work, so that the calls that do run
  // keep a bounded latency whatever the cap is worth on this machine (a
  // fixed cap is a queue of unknown length in time: its worth depends on
  // how fast calls run here). Counted in shed().
  absl::Status CheckQueueWait(absl::Duration waited,
                              absl::Duration max_queue_wait);
  uint64_t shed() const { return shed_.load(std::memory_order_relaxed); }

  int64_t max_in_flight() const { return max_in_flight_; }
  const std::string& flag() const { return flag_; }
  int64_t in_flight() const {
    return in_flight_.load(std::memory_order_relaxed);
  }
  uint64_t refused() const { return refused_.load(std::memory_order_relaxed); }

 private:
  void Release() { in_flight_.fetch_sub(1, std::memory_order_release); }

  const int64_t max_in_flight_;
  const std::string flag_;
  // Built once: refusals are the calls that must cost least.
  const std::string over_capacity_message_;
  std::atomic<int64_t> in_flight_{0};
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> shed_{0};
};

}  // namespace ranker

#endif  // RANKER_SERVER_ADMISSION_CONTROL_H_
