// Turns a LoadReport into what people and scripts read: a table on stdout,
// or JSON (--json). Also the derived figures both share: throughput, the
// open-loop verdict and the --floor ratios.
#ifndef RANKER_CLIENT_LOAD_LOAD_REPORT_H_
#define RANKER_CLIENT_LOAD_LOAD_REPORT_H_

#include <string>
#include <vector>

#include "client/load/phase_result.h"
#include "client/load/rpc_mix.h"
#include "nlohmann/json.hpp"

namespace ranker::load {

// Successful calls per second of the measured window; 0 without a window.
double OkPerSecond(const RpcStats& stats, double seconds);

// An open-loop client kept up when it sent every request due in the window
// and 99% of them within kMaxKeptUpLagMs of their due time. When it did
// not, latencies still count from the due times, so they include the
// client's own delay: the verdict says whose delay it may be.
inline constexpr double kMaxKeptUpLagMs = 1.0;
bool KeptUp(const OpenLoopStats& schedule);
// Requests sent per second of the window.
double AchievedRate(const OpenLoopStats& schedule, double seconds);

// With --floor: each RPC's solo throughput over the health check's.
struct FloorRatio {
  RpcKind kind;
  double ok_per_second = 0;
  double ratio = 0;  // ok_per_second / floor; 0 when the floor is 0
};
struct FloorSummary {
  double floor_ok_per_second = 0;
  std::vector<FloorRatio> ratios;
};
// Empty ratios unless report.floor: the floor is phases[0]'s health
// throughput, and every later phase contributes the RPC it ran.
FloorSummary SummarizeFloor(const LoadReport& report);

// The human table, one block per phase, then the floor ratios.
std::string FormatReport(const LoadReport& report);
nlohmann::json ReportToJson(const LoadReport& report);

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_LOAD_REPORT_H_
