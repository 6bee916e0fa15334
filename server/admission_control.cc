#include "server/admission_control.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace ranker {

AdmissionControl::Permit::~Permit() {
  if (owner_ != nullptr) owner_->Release();
}

AdmissionControl::Permit& AdmissionControl::Permit::operator=(
    Permit&& other) noexcept {
  if (this != &other) {
    if (owner_ != nullptr) owner_->Release();
    owner_ = other.owner_;
    other.owner_ = nullptr;
  }
  return *this;
}

AdmissionControl::AdmissionControl(int64_t max_in_flight, std::string flag)
    : max_in_flight_(std::max<int64_t>(max_in_flight, 0)),
      flag_(std::move(flag)),
      over_capacity_message_(
          absl::StrCat("server over capacity: ", max_in_flight_,
                       " calls of this kind already in flight (", flag_, "=",
                       max_in_flight_, "); retry with backoff")) {}

std::optional<AdmissionControl::Permit> AdmissionControl::TryAdmit() {
  if (max_in_flight_ == 0) {
    in_flight_.fetch_add(1, std::memory_order_acquire);
    return Permit(this);
  }
  // A compare-and-swap loop rather than add-then-undo: a refused call never
  // pushes the count over the cap, so it cannot make a concurrent call that
  // fits be refused too.
  int64_t current = in_flight_.load(std::memory_order_relaxed);
  while (current < max_in_flight_) {
    if (in_flight_.compare_exchange_weak(current, current + 1,
                                         std::memory_order_acquire,
                                         std::memory_order_relaxed)) {
      return Permit(this);
    }
  }
  refused_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

absl::Status AdmissionControl::CheckQueueWait(absl::Duration waited,
                                              absl::Duration max_queue_wait) {
  if (max_queue_wait <= absl::ZeroDuration() || waited <= max_queue_wait) {
    return absl::OkStatus();
  }
  shed_.fetch_add(1, std::memory_order_relaxed);
  return absl::ResourceExhaustedError(absl::StrCat(
      "server over capacity: waited ", absl::FormatDuration(waited),
      " for a worker (--max_queue_wait=", absl::FormatDuration(max_queue_wait),
      "); retry with backoff"));
}

}  // namespace ranker
