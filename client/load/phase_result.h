// What one phase of a load run measured, before any formatting. A run has
// one phase ("mix"), or with --floor a health-check phase followed by one
// phase per RPC of the mix.
#ifndef RANKER_CLIENT_LOAD_PHASE_RESULT_H_
#define RANKER_CLIENT_LOAD_PHASE_RESULT_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client/load/latency_histogram.h"
#include "client/load/rpc_mix.h"

namespace ranker::load {

// One RPC kind in one phase. Only calls sent inside the measured window
// count (warm-up calls are sent but not recorded).
struct RpcStats {
  int64_t sent = 0;
  int64_t ok = 0;
  // Failed calls by gRPC status code name, e.g. "DEADLINE_EXCEEDED".
  std::map<std::string, int64_t> errors;
  // Latency of the successful calls: from the send (closed loop) or from
  // the scheduled send time (open loop) to the reply.
  LatencyHistogram latency;

  int64_t error_count() const;
  void Merge(const RpcStats& other);
};

// How well the client held an open-loop schedule.
struct OpenLoopStats {
  double target_rate = 0;  // requests per second asked for
  // Requests due inside the measured window, and how many of them the
  // client sent before the window closed (the rest were never sent because
  // the client fell behind).
  int64_t scheduled = 0;
  int64_t sent = 0;
  // For each sent request, how long after its due time it went out: the
  // client's own delay (a full machine, too few threads, the in-flight cap).
  LatencyHistogram send_lag;
};

struct PhaseResult {
  std::string name;  // "mix", "floor", or an RPC kind's name
  bool open_loop = false;
  std::string mix;      // RpcMix::ToString()
  int concurrency = 0;  // closed loop: calls in flight
  int channels = 0;
  double measured_seconds = 0;
  std::optional<OpenLoopStats> schedule;  // open loop only
  std::array<RpcStats, kRpcKindCount> rpcs;

  const RpcStats& rpc(RpcKind kind) const {
    return rpcs[static_cast<int>(kind)];
  }
  RpcStats& rpc(RpcKind kind) { return rpcs[static_cast<int>(kind)]; }
};

struct LoadReport {
  std::string target;
  // With --floor: phases[0] is the health-check floor.
  bool floor = false;
  std::vector<PhaseResult> phases;
};

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_PHASE_RESULT_H_
