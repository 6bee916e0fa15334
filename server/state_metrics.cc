#include "server/state_metrics.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "server/process_memory.h"

// The project's version, from CMakeLists.txt (server/CMakeLists.txt passes
// it).
#ifndef RANKER_VERSION
#define RANKER_VERSION "unknown"
#endif

namespace ranker {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

// One family of one unlabelled sample.
MetricFamily SingleSample(std::string name, std::string help, MetricType type,
                          double value) {
  ClientMetric metric;
  if (type == MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  return MetricFamily{std::move(name), std::move(help), type, {metric}};
}

MetricFamily GaugeFamily(std::string name, std::string help, double value) {
  return SingleSample(std::move(name), std::move(help), MetricType::Gauge,
                      value);
}

MetricFamily CounterFamily(std::string name, std::string help, double value) {
  return SingleSample(std::move(name), std::move(help), MetricType::Counter,
                      value);
}

// Adds one sample labelled lane="<lane>" to `family`.
void AddLane(MetricFamily& family, const char* lane, double value) {
  ClientMetric metric;
  metric.label.push_back({"lane", lane});
  if (family.type == MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
}

void AddLaneMetrics(const StateMetricsSources& sources,
                    std::vector<MetricFamily>& out) {
  MetricFamily in_flight{"ranker_calls_in_flight",
                         "Ranker calls admitted and not yet finished "
                         "(running or queued for a worker), by lane.",
                         MetricType::Gauge,
                         {}};
  MetricFamily refused{"ranker_calls_refused_total",
                       "Ranker calls refused at once with RESOURCE_EXHAUSTED "
                       "because the lane was at its in-flight cap.",
                       MetricType::Counter,
                       {}};
  MetricFamily shed{"ranker_calls_shed_total",
                    "Admitted ranker calls refused with RESOURCE_EXHAUSTED "
                    "after waiting longer than --max_queue_wait for a worker.",
                    MetricType::Counter,
                    {}};
  const std::pair<const char*, const AdmissionControl*> lanes[] = {
      {"read", sources.read_admission}, {"write", sources.write_admission}};
  for (const auto& [lane, admission] : lanes) {
    if (admission == nullptr) continue;
    AddLane(in_flight, lane, static_cast<double>(admission->in_flight()));
    AddLane(refused, lane, static_cast<double>(admission->refused()));
    AddLane(shed, lane, static_cast<double>(admission->shed()));
  }
  if (in_flight.metric.empty()) return;
  out.push_back(std::move(in_flight));
  out.push_back(std::move(refused));
  out.push_back(std::move(shed));
}

void AddDurableMetrics(const StateMetricsSources& sources,
                       std::vector<MetricFamily>& out) {
  if (sources.durable == nullptr) return;
  const DurableStatus status = sources.durable->status();
  // Never negative: a snapshot's time is the engine's clock, which a test
  // may run ahead of the wall clock.
  const absl::Duration age =
      std::max(sources.clock() - status.snapshot_taken, absl::ZeroDuration());
  out.push_back(
      GaugeFamily("ranker_snapshot_age_seconds",
                  "Time since the state of the newest snapshot was taken "
                  "(what a restart would replay from the log).",
                  absl::ToDoubleSeconds(age)));
  out.push_back(GaugeFamily("ranker_snapshot_sequence",
                            "Log sequence the newest snapshot covers.",
                            static_cast<double>(status.snapshot_sequence)));
  out.push_back(GaugeFamily("ranker_snapshot_size_bytes",
                            "Size of the newest snapshot file.",
                            static_cast<double>(status.snapshot_bytes)));
  out.push_back(
      GaugeFamily("ranker_snapshot_duration_seconds",
                  "How long writing the newest snapshot took (0 for one "
                  "loaded at start-up).",
                  absl::ToDoubleSeconds(status.snapshot_duration)));
  out.push_back(
      CounterFamily("ranker_snapshot_failures_total",
                    "Snapshots that failed since start-up (the log still "
                    "holds every write).",
                    static_cast<double>(status.snapshot_failures)));
  out.push_back(
      GaugeFamily("ranker_wal_last_sequence",
                  "Sequence of the last record in the write-ahead log.",
                  static_cast<double>(status.log_last_sequence)));
  out.push_back(GaugeFamily(
      "ranker_wal_records_since_snapshot",
      "Log records after the newest snapshot: what a restart replays.",
      static_cast<double>(
          status.log_last_sequence -
          std::min(status.log_last_sequence, status.snapshot_sequence))));
  out.push_back(
      CounterFamily("ranker_wal_records_total",
                    "Records (write calls) appended to the log by this "
                    "process.",
                    static_cast<double>(status.log.appends)));
  out.push_back(
      CounterFamily("ranker_wal_batches_total",
                    "Batches written to the log (group commit: one "
                    "write, and one fdatasync under --wal_fsync=always, "
                    "for the calls that arrived together).",
                    static_cast<double>(status.log.batches)));
}

}  // namespace

StateMetrics::StateMetrics(StateMetricsSources sources)
    : sources_(std::move(sources)) {}

std::vector<MetricFamily> StateMetrics::Collect() const {
  std::vector<MetricFamily> out;
  const EngineCounts counts = sources_.engine->Counts();
  out.push_back(GaugeFamily("ranker_catalog_products",
                            "Products in the catalog (every status).",
                            static_cast<double>(counts.products)));
  out.push_back(
      GaugeFamily("ranker_catalog_tags",
                  "Tags in the tag dictionary (product and content tags).",
                  static_cast<double>(counts.tags)));
  out.push_back(GaugeFamily("ranker_shops_governed",
                            "Shops with a governance record (UpsertShops).",
                            static_cast<double>(counts.shops)));
  out.push_back(GaugeFamily("ranker_profiles",
                            "User profiles in memory (capped by --max_users).",
                            static_cast<double>(counts.users)));
  out.push_back(GaugeFamily("ranker_profiles_archived",
                            "Evicted profiles kept in the state directory's "
                            "profile archive.",
                            static_cast<double>(counts.archived_users)));
  out.push_back(CounterFamily("ranker_profiles_evicted_total",
                              "Profiles evicted by the --max_users cap since "
                              "start-up (replay included).",
                              static_cast<double>(counts.evicted_users)));
  out.push_back(GaugeFamily("ranker_sessions", "Sessions in the session index.",
                            static_cast<double>(counts.sessions)));
  out.push_back(
      CounterFamily("ranker_state_events_applied_total",
                    "Events applied since the state began (restored from "
                    "a snapshot and the log included).",
                    static_cast<double>(counts.events)));
  AddLaneMetrics(sources_, out);
  AddDurableMetrics(sources_, out);

  // The standard process metrics' names, so that dashboards built for other
  // services read them.
  if (absl::StatusOr<ProcessMemory> memory = ReadProcessMemory(); memory.ok()) {
    out.push_back(GaugeFamily("process_resident_memory_bytes",
                              "Resident memory (VmRSS).",
                              static_cast<double>(memory->resident_bytes)));
    out.push_back(
        GaugeFamily("ranker_process_peak_resident_memory_bytes",
                    "Peak resident memory (VmHWM).",
                    static_cast<double>(memory->peak_resident_bytes)));
  }
  out.push_back(
      GaugeFamily("process_start_time_seconds",
                  "Start time of the process since the Unix epoch.",
                  absl::ToDoubleSeconds(sources_.started - absl::UnixEpoch())));
  MetricFamily build = GaugeFamily("ranker_build_info",
                                   "Always 1; the version is in the label.", 1);
  build.metric.front().label.push_back({"version", RANKER_VERSION});
  out.push_back(std::move(build));
  return out;
}

}  // namespace ranker
