// The service's side of an evaluation: start (or reach) a server, load the
// catalog, replay the training sessions, score the cases, stop the server.
#ifndef RANKER_CLIENT_EVAL_SERVICE_EVAL_H_
#define RANKER_CLIENT_EVAL_SERVICE_EVAL_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "client/eval/dataset.h"
#include "client/eval/metrics.h"
#include "client/eval/phase_timer.h"
#include "client/eval/popularity.h"
#include "client/eval/replay.h"
#include "client/eval/report.h"

namespace ranker::eval {

struct ServiceOptions {
  // host:port of a running server; empty = start `server_binary` (empty
  // catalog, free port) and stop it with SIGTERM at the end.
  std::string target;
  std::string server_binary;
  ScoreOptions score;
  int replay_inflight = 4;
  bool show_progress = false;
};

struct ServiceResult {
  MetricsSummary metrics;
  LatencySummary recommend_latency;
  std::optional<LatencySummary> log_event_latency;  // streaming mode
  std::optional<int64_t> streaming_sessions;        // streaming mode
  ServiceChecks checks;
};

// Runs the protocol of docs/evaluation.md against the server and measures
// the lists. Appends the wall time of each phase (server_start, upsert,
// replay, score, server_stop) to `phases`. The first error stops the run.
absl::StatusOr<ServiceResult> EvaluateService(
    const Dataset& dataset, absl::Span<const TestCase> cases,
    const ItemPopularity& popularity, const ServiceOptions& options,
    std::vector<std::pair<std::string, double>>* phases);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_SERVICE_EVAL_H_
