// What an evaluation run produced, printed as a table for people and written
// as JSON for tools.
#ifndef RANKER_CLIENT_EVAL_REPORT_H_
#define RANKER_CLIENT_EVAL_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "client/eval/metrics.h"
#include "nlohmann/json.hpp"

namespace ranker::eval {

struct MethodResult {
  std::string name;  // "service (frozen)", "POP", ...
  MetricsSummary metrics;
};

struct LatencySummary {
  int64_t calls = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double mean_ms = 0;
  double max_ms = 0;
};

// Nearest-rank percentiles of per-call latencies in milliseconds.
LatencySummary SummarizeLatencies(std::vector<float> latencies_ms);

// Sanity counts over the service's lists: they should all be 0.
struct ServiceChecks {
  int64_t unknown_items = 0;    // product ids that are not dataset items
  int64_t duplicate_items = 0;  // slots repeating an item of the same list
  int64_t short_lists = 0;      // lists with fewer items than requested
};

struct MachineInfo {
  int nproc = 0;          // CPUs this process may use, as `nproc` counts
  std::string cpu_model;  // "model name" of /proc/cpuinfo
};

MachineInfo ReadMachineInfo();

struct DatasetInfo {
  std::string format;
  std::string path;
  std::string split;  // "test" or "validation"
  int64_t items = 0;
  int64_t training_items = 0;  // items with a training event
  int64_t train_sessions = 0;
  int64_t train_events = 0;
  int64_t test_cases = 0;              // available in the split
  int64_t evaluated_cases = 0;         // after --max_cases
  int64_t labels_not_in_training = 0;  // among the evaluated cases
};

struct EvalReport {
  std::vector<std::pair<std::string, std::string>> flags;  // name, value
  DatasetInfo dataset;
  std::vector<MethodResult> methods;
  std::optional<LatencySummary> recommend_latency;
  std::optional<LatencySummary> log_event_latency;  // --mode=streaming
  std::optional<int64_t> streaming_sessions;        // --mode=streaming
  std::optional<ServiceChecks> service_checks;
  std::vector<std::pair<std::string, double>> phases_seconds;
  MachineInfo machine;
};

// The metrics table, then latency, phase timings and the machine.
std::string FormatReport(const EvalReport& report);

nlohmann::ordered_json ReportToJson(const EvalReport& report);

// Writes ReportToJson (indented) to `path`.
absl::Status WriteJsonReport(const EvalReport& report, const std::string& path);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_REPORT_H_
