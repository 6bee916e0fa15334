// The server's Prometheus metrics that are counted as things happen: calls
// by RPC and status code with their latency, the pipeline's per-stage
// latency, events by type, and the write-ahead log's fsync latency. The
// figures read off the state at scrape time (catalog size, profiles,
// snapshot age, ...) are server/state_metrics.h's; both live in one
// registry, served by server/metrics_endpoint.h. Every metric is listed in
// docs/operations/metrics.md.
//
// Recording is cheap enough for every call: the series are created once
// (or once per new status code) and then found by array index, so a call
// costs an atomic add and a histogram observation per series it touches, no
// label lookup. Thread-safe.
#ifndef RANKER_SERVER_METRICS_H_
#define RANKER_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/event.h"
#include "core/pipeline/stage_timings.h"
#include "core/types.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace ranker {

// The RPCs whose calls are counted: the ranker.v1.Ranker service's and the
// standard health check (server/health_check_metrics.h).
enum class Rpc {
  kRecommendProducts,
  kLogEvent,
  kUpsertProducts,
  kUpsertShops,
  kDescribeUser,
  kDescribeProduct,
  kDescribeService,
  kHealthCheck,
};
inline constexpr size_t kRpcCount = 8;

// The gRPC service and method names, as the grpc_service and grpc_method
// labels carry them ("ranker.v1.Ranker", "RecommendProducts").
absl::string_view RpcServiceName(Rpc rpc);
absl::string_view RpcMethodName(Rpc rpc);
// "OK", "INVALID_ARGUMENT", ...: gRPC's names of the codes (absl's codes
// share gRPC's numbering).
absl::string_view StatusCodeName(absl::StatusCode code);

// Histogram buckets, in seconds. Calls: 100 µs to 10 s (a recommendation
// takes about a millisecond, a LogEvent waits for an fsync, a large upsert
// can take seconds). Stages: 10 µs to 1 s. fsync: 50 µs to 2.5 s.
const prometheus::Histogram::BucketBoundaries& CallLatencyBuckets();
const prometheus::Histogram::BucketBoundaries& StageLatencyBuckets();
const prometheus::Histogram::BucketBoundaries& FsyncLatencyBuckets();

class ServerMetrics {
 public:
  // Registers the metric families in `registry`, with every RPC's OK series,
  // every stage's and every event type's present (at 0) from the start, so
  // that rate() sees a series' first increment.
  explicit ServerMetrics(std::shared_ptr<prometheus::Registry> registry);
  ServerMetrics(const ServerMetrics&) = delete;
  ServerMetrics& operator=(const ServerMetrics&) = delete;

  const std::shared_ptr<prometheus::Registry>& registry() const {
    return registry_;
  }

  // One finished call: counted and its latency observed, by RPC and code.
  void RecordCall(Rpc rpc, absl::StatusCode code, absl::Duration latency);
  // The stage durations of one completed recommendation.
  void RecordStages(const StageTimings& timings);
  // The events of one acknowledged LogEvent call, by type.
  void RecordEvents(std::span<const Event> events);
  // One fdatasync of the write-ahead log (persist::WalWriterOptions::on_fsync).
  void RecordFsync(absl::Duration duration);

 private:
  static constexpr size_t kCodeCount = 17;  // OK .. UNAUTHENTICATED

  struct CallSeries {
    prometheus::Counter* handled;
    prometheus::Histogram* latency;
  };
  // The series of (rpc, code), created on first use.
  const CallSeries& Series(Rpc rpc, size_t code);

  const std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_;
  std::array<std::atomic<const CallSeries*>, kRpcCount * kCodeCount> series_{};
  absl::Mutex series_mu_;  // creating a series
  std::vector<std::unique_ptr<CallSeries>> owned_series_
      ABSL_GUARDED_BY(series_mu_);

  std::array<prometheus::Histogram*, kPipelineStageCount> stages_{};
  std::array<prometheus::Counter*, kEventTypeCount> events_{};
  prometheus::Histogram* fsync_ = nullptr;
};

}  // namespace ranker

#endif  // RANKER_SERVER_METRICS_H_
