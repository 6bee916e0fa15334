// The phases one invocation of ranker_load runs, and each phase's load
// shape: the mix alone, or with --floor the health check followed by each
// RPC of the mix alone, all with the same concurrency, warm-up and duration.
#ifndef RANKER_CLIENT_LOAD_PHASE_PLAN_H_
#define RANKER_CLIENT_LOAD_PHASE_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "client/load/load_config.h"
#include "client/load/rpc_mix.h"

namespace ranker::load {

struct PhaseOptions {
  std::string name = "mix";
  RpcMix mix = RpcMix::Only(RpcKind::kRecommend);
  bool open_loop = false;
  int concurrency = 16;       // closed loop
  double rate = 1000;         // open loop, requests/s
  int max_in_flight = 10000;  // open loop: beyond it, sends wait
  absl::Duration warmup = absl::Seconds(2);
  absl::Duration duration = absl::Seconds(10);
  absl::Duration timeout = absl::Seconds(5);  // per call
  uint64_t seed = 1;
};

// Solo phases for --floor, because inside a mix an RPC's throughput is
// capped by its share of the calls. Each phase gets its own seed (derived
// from config.workload.seed) so that phases do not replay one another.
std::vector<PhaseOptions> PlanPhases(const LoadConfig& config,
                                     const RpcMix& mix);

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_PHASE_PLAN_H_
