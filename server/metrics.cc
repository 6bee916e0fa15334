#include "server/metrics.h"

#include <iterator>
#include <string>
#include <utility>

namespace ranker {
namespace {

constexpr absl::string_view kCodeNames[] = {
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
};

// A code outside gRPC's 17 (which no call should finish with) is counted as
// UNKNOWN, as gRPC itself would send it.
size_t CodeIndex(absl::StatusCode code) {
  const auto index = static_cast<size_t>(code);
  return index < std::size(kCodeNames)
             ? index
             : static_cast<size_t>(absl::StatusCode::kUnknown);
}

double SecondsOf(absl::Duration duration) {
  return absl::ToDoubleSeconds(duration);
}

}  // namespace

absl::string_view RpcServiceName(Rpc rpc) {
  return rpc == Rpc::kHealthCheck ? "grpc.health.v1.Health"
                                  : "ranker.v1.Ranker";
}

absl::string_view RpcMethodName(Rpc rpc) {
  switch (rpc) {
    case Rpc::kRecommendProducts:
      return "RecommendProducts";
    case Rpc::kLogEvent:
      return "LogEvent";
    case Rpc::kUpsertProducts:
      return "UpsertProducts";
    case Rpc::kUpsertShops:
      return "UpsertShops";
    case Rpc::kDescribeUser:
      return "DescribeUser";
    case Rpc::kDescribeProduct:
      return "DescribeProduct";
    case Rpc::kDescribeService:
      return "DescribeService";
    case Rpc::kHealthCheck:
      return "Check";
  }
  return "unknown";
}

absl::string_view StatusCodeName(absl::StatusCode code) {
  return kCodeNames[CodeIndex(code)];
}

const prometheus::Histogram::BucketBoundaries& CallLatencyBuckets() {
  static const prometheus::Histogram::BucketBoundaries buckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
  return buckets;
}

const prometheus::Histogram::BucketBoundaries& StageLatencyBuckets() {
  static const prometheus::Histogram::BucketBoundaries buckets = {
      0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
      0.005,   0.01,     0.025,   0.05,   0.1,     0.25,   1};
  return buckets;
}

const prometheus::Histogram::BucketBoundaries& FsyncLatencyBuckets() {
  static const prometheus::Histogram::BucketBoundaries buckets = {
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
      0.025,   0.05,   0.1,     0.25,   0.5,   1,      2.5};
  return buckets;
}

ServerMetrics::ServerMetrics(std::shared_ptr<prometheus::Registry> registry)
    : registry_(std::move(registry)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("RPCs completed by the server, by service, method "
                         "and status code (refusals under overload and "
                         "failed authentication included).")
                   .Register(*registry_)),
      handling_(prometheus::BuildHistogram()
                    .Name("grpc_server_handling_seconds")
                    .Help("Time from the server's handler receiving a call to "
                          "its status being set, by service, method and "
                          "status code.")
                    .Register(*registry_)) {
  for (size_t rpc = 0; rpc < kRpcCount; ++rpc) {
    Series(static_cast<Rpc>(rpc), static_cast<size_t>(absl::StatusCode::kOk));
  }
  auto& stages = prometheus::BuildHistogram()
                     .Name("ranker_pipeline_stage_seconds")
                     .Help(
                         "Time spent in each RecommendProducts pipeline "
                         "stage, for the recommendations that completed.")
                     .Register(*registry_);
  for (size_t stage = 0; stage < kPipelineStageCount; ++stage) {
    stages_[stage] =
        &stages.Add({{"stage", std::string(kPipelineStageNames[stage])}},
                    StageLatencyBuckets());
  }
  auto& events = prometheus::BuildCounter()
                     .Name("ranker_events_total")
                     .Help(
                         "Events acknowledged by this process's LogEvent "
                         "calls, by event type.")
                     .Register(*registry_);
  for (int type = 0; type < kEventTypeCount; ++type) {
    events_[type] = &events.Add(
        {{"type", std::string(EventTypeName(static_cast<EventType>(type)))}});
  }
  fsync_ = &prometheus::BuildHistogram()
                .Name("ranker_wal_fsync_seconds")
                .Help(
                    "Duration of each fdatasync of the write-ahead log "
                    "(with --state_dir).")
                .Register(*registry_)
                .Add({}, FsyncLatencyBuckets());
}

const ServerMetrics::CallSeries& ServerMetrics::Series(Rpc rpc, size_t code) {
  std::atomic<const CallSeries*>& slot =
      series_[static_cast<size_t>(rpc) * kCodeCount + code];
  if (const CallSeries* series = slot.load(std::memory_order_acquire)) {
    return *series;
  }
  absl::MutexLock lock(&series_mu_);
  if (const CallSeries* series = slot.load(std::memory_order_acquire)) {
    return *series;
  }
  const prometheus::Labels labels = {
      {"grpc_service", std::string(RpcServiceName(rpc))},
      {"grpc_method", std::string(RpcMethodName(rpc))},
      {"grpc_code", std::string(kCodeNames[code])}};
  owned_series_.push_back(std::make_unique<CallSeries>(CallSeries{
      &handled_.Add(labels), &handling_.Add(labels, CallLatencyBuckets())}));
  slot.store(owned_series_.back().get(), std::memory_order_release);
  return *owned_series_.back();
}

void ServerMetrics::RecordCall(Rpc rpc, absl::StatusCode code,
                               absl::Duration latency) {
  const CallSeries& series = Series(rpc, CodeIndex(code));
  series.handled->Increment();
  series.latency->Observe(SecondsOf(latency));
}

void ServerMetrics::RecordStages(const StageTimings& timings) {
  for (size_t stage = 0; stage < kPipelineStageCount; ++stage) {
    stages_[stage]->Observe(SecondsOf(timings.durations[stage]));
  }
}

void ServerMetrics::RecordEvents(std::span<const Event> events) {
  // Counted locally first: a call of 10,000 clicks is one add, not 10,000.
  std::array<uint64_t, kEventTypeCount> counts{};
  for (const Event& event : events) ++counts[static_cast<size_t>(event.type)];
  for (size_t type = 0; type < counts.size(); ++type) {
    if (counts[type] > 0) {
      events_[type]->Increment(static_cast<double>(counts[type]));
    }
  }
}

void ServerMetrics::RecordFsync(absl::Duration duration) {
  fsync_->Observe(SecondsOf(duration));
}

}  // namespace ranker
