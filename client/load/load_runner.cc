#include "client/load/load_runner.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "client/grpc_status.h"
#include "client/load/open_loop_schedule.h"
#include "grpcpp/client_context.h"

namespace ranker::load {
namespace {

using Random = Workload::Random;

// Steady-clock nanoseconds: latencies must not jump with the wall clock.
int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double Uniform(Random& random) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

// A completion that gRPC runs inline, inside the call that started the
// next request (an immediate failure can do that), would otherwise recurse
// once per request; past this depth the slot is handed to the phase's own
// thread instead.
constexpr int kMaxInlineDepth = 8;
thread_local int inline_depth = 0;

// One call in flight. Only the request and response of `kind` are used;
// keeping all three avoids a variant for a few empty messages.
struct Call {
  RpcKind kind = RpcKind::kRecommend;
  // Send time (closed loop) or due time (open loop): latency counts from it.
  int64_t start = 0;
  bool measured = false;
  int slot = -1;  // closed loop: the slot that sends the next call
  grpc::ClientContext context;
  v1::RecommendProductsRequest recommend_request;
  v1::RecommendProductsResponse recommend_response;
  v1::LogEventRequest log_request;
  v1::LogEventResponse log_response;
  grpc::health::v1::HealthCheckRequest health_request;
  grpc::health::v1::HealthCheckResponse health_response;
};

// Shared with every callback (each holds a reference), so that the last
// callback to finish can never outlive it.
class PhaseRun : public std::enable_shared_from_this<PhaseRun> {
 public:
  PhaseRun(const LoadChannels& channels, const Workload& workload,
           const PhaseOptions& options)
      : channels_(channels), workload_(workload), options_(options) {}

  PhaseResult Run() {
    const int64_t phase_start = NowNanos();
    measure_start_ = phase_start + absl::ToInt64Nanoseconds(options_.warmup);
    measure_end_ = measure_start_ + absl::ToInt64Nanoseconds(options_.duration);

    PhaseResult result;
    result.name = options_.name;
    result.open_loop = options_.open_loop;
    result.mix = options_.mix.ToString();
    result.concurrency = options_.open_loop ? 0 : options_.concurrency;
    result.channels = static_cast<int>(channels_.ranker.size());
    result.measured_seconds = absl::ToDoubleSeconds(options_.duration);
    if (options_.open_loop) {
      result.schedule = RunOpenLoop(phase_start);
    } else {
      RunClosedLoop();
    }
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &PhaseRun::Idle));
    result.rpcs = stats_;
    return result;
  }

 private:
  bool Idle() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return in_flight_ == 0 && deferred_slots_.empty();
  }
  bool IdleOrDeferred() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return in_flight_ == 0 || !deferred_slots_.empty();
  }
  bool HasRoom() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return in_flight_ < options_.max_in_flight;
  }

  void RunClosedLoop() {
    slot_random_.reserve(options_.concurrency);
    for (int slot = 0; slot < options_.concurrency; ++slot) {
      slot_random_.emplace_back(options_.seed * 1000003 + slot);
    }
    for (int slot = 0; slot < options_.concurrency; ++slot) SendFromSlot(slot);
    // Every slot re-arms itself from its completion; this thread only takes
    // over slots whose completions ran inline too deep.
    while (true) {
      std::vector<int> slots;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(this, &PhaseRun::IdleOrDeferred));
        if (deferred_slots_.empty()) return;
        slots.swap(deferred_slots_);
      }
      for (int slot : slots) {
        SendFromSlot(slot);
        absl::MutexLock lock(&mu_);
        --in_flight_;  // the deferred slot's call, kept counted until now
      }
    }
  }

  // The slot's next call, unless the measured window is over.
  void SendFromSlot(int slot) {
    const int64_t now = NowNanos();
    if (now >= measure_end_) return;
    Random& random = slot_random_[slot];
    const RpcKind kind = options_.mix.Pick(Uniform(random));
    Send(kind, slot % channels_.ranker.size(), now, now >= measure_start_, slot,
         random);
  }

  OpenLoopStats RunOpenLoop(int64_t phase_start) {
    OpenLoopStats stats;
    stats.target_rate = options_.rate;
    const OpenLoopSchedule schedule(phase_start, options_.rate);
    Random random(options_.seed);
    for (int64_t n = 0;; ++n) {
      const int64_t due = schedule.DueTime(n);
      if (due >= measure_end_) break;
      int64_t now = NowNanos();
      if (due > now) {
        absl::SleepFor(absl::Nanoseconds(due - now));
      }
      if (!WaitForRoom()) break;  // the window closed while at the cap
      now = NowNanos();
      // Behind schedule at the end of the window: what is still due was
      // never sent, and the report says so.
      if (now >= measure_end_) break;
      const bool measured = due >= measure_start_;
      if (measured) {
        ++stats.sent;
        stats.send_lag.Record(now - due);
      }
      const RpcKind kind = options_.mix.Pick(Uniform(random));
      Send(kind, n % channels_.ranker.size(), due, measured, -1, random);
    }
    stats.scheduled =
        schedule.DueBy(measure_end_ - 1) - schedule.DueBy(measure_start_ - 1);
    return stats;
  }

  // Waits while --max_in_flight calls are out; false if the window closed.
  bool WaitForRoom() {
    absl::MutexLock lock(&mu_);
    if (HasRoom()) return true;
    const absl::Duration left = absl::Nanoseconds(measure_end_ - NowNanos());
    return mu_.AwaitWithTimeout(absl::Condition(this, &PhaseRun::HasRoom),
                                left);
  }

  void Send(RpcKind kind, size_t channel, int64_t start, bool measured,
            int slot, Random& random) {
    auto* call = new Call;
    call->kind = kind;
    call->start = start;
    call->measured = measured;
    call->slot = slot;
    call->context.set_deadline(
        absl::ToChronoTime(absl::Now() + options_.timeout));
    if (!channels_.authorization.empty()) {
      call->context.AddMetadata("authorization", channels_.authorization);
    }
    {
      absl::MutexLock lock(&mu_);
      ++in_flight_;
    }
    auto done = [self = shared_from_this(), call](grpc::Status status) {
      self->OnDone(call, status);
    };
    switch (kind) {
      case RpcKind::kRecommend:
        call->recommend_request = workload_.Recommend(random);
        channels_.ranker[channel]->async()->RecommendProducts(
            &call->context, &call->recommend_request, &call->recommend_response,
            std::move(done));
        break;
      case RpcKind::kLog:
        call->log_request = workload_.LogEvents(random);
        channels_.ranker[channel]->async()->LogEvent(
            &call->context, &call->log_request, &call->log_response,
            std::move(done));
        break;
      case RpcKind::kHealth:
        // Service "": the whole server, as RankerClient::Health asks.
        channels_.health[channel]->async()->Check(
            &call->context, &call->health_request, &call->health_response,
            std::move(done));
        break;
    }
  }

  void OnDone(Call* call, const grpc::Status& status) {
    const int64_t now = NowNanos();
    const int slot = call->slot;
    if (call->measured) Record(*call, status, now);
    delete call;
    if (slot < 0) {
      absl::MutexLock lock(&mu_);
      --in_flight_;
      return;
    }
    // Closed loop: send the slot's next call before this one stops counting
    // as in flight, so that the count cannot touch zero in between and end
    // the phase early.
    if (inline_depth >= kMaxInlineDepth) {
      absl::MutexLock lock(&mu_);
      deferred_slots_.push_back(slot);  // still counted; see RunClosedLoop
      return;
    }
    ++inline_depth;
    SendFromSlot(slot);
    --inline_depth;
    absl::MutexLock lock(&mu_);
    --in_flight_;
  }

  void Record(const Call& call, const grpc::Status& status, int64_t now) {
    std::string error;
    if (!status.ok()) {
      error = absl::StatusCodeToString(ToAbslStatus(status).code());
    } else if (call.kind == RpcKind::kHealth &&
               call.health_response.status() !=
                   grpc::health::v1::HealthCheckResponse::SERVING) {
      error = "NOT_SERVING";  // answered, but not healthy: not a floor call
    }
    absl::MutexLock lock(&mu_);
    RpcStats& stats = stats_[static_cast<int>(call.kind)];
    ++stats.sent;
    if (error.empty()) {
      ++stats.ok;
      stats.latency.Record(now - call.start);
    } else {
      ++stats.errors[error];
    }
  }

  const LoadChannels& channels_;
  const Workload& workload_;
  const PhaseOptions options_;
  int64_t measure_start_ = 0;
  int64_t measure_end_ = 0;
  // Closed loop: slot i's generator, used only by whoever sends slot i's
  // next call (one call per slot is in flight, so never two at once).
  std::vector<Random> slot_random_;

  absl::Mutex mu_;
  int64_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<int> deferred_slots_ ABSL_GUARDED_BY(mu_);
  // One lock for all kinds: a record is a few increments, far cheaper than
  // the call it describes, so the lock is never the bottleneck.
  std::array<RpcStats, kRpcKindCount> stats_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

PhaseResult RunPhase(const LoadChannels& channels, const Workload& workload,
                     const PhaseOptions& options) {
  return std::make_shared<PhaseRun>(channels, workload, options)->Run();
}

}  // namespace ranker::load
