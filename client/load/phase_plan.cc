#include "client/load/phase_plan.h"

#include <string>

namespace ranker::load {

std::vector<PhaseOptions> PlanPhases(const LoadConfig& config,
                                     const RpcMix& mix) {
  PhaseOptions base;
  base.open_loop = config.open_loop;
  base.concurrency = config.concurrency;
  base.rate = config.rate;
  base.max_in_flight = config.max_in_flight;
  base.warmup = config.warmup;
  base.duration = config.duration;
  base.timeout = config.timeout;
  std::vector<PhaseOptions> phases;
  if (!config.floor) {
    phases.push_back(base);
    phases.back().mix = mix;
  } else {
    phases.push_back(base);
    phases.back().name = "floor";
    phases.back().mix = RpcMix::Only(RpcKind::kHealth);
    for (RpcKind kind : kAllRpcKinds) {
      if (kind == RpcKind::kHealth || mix.share(kind) <= 0) continue;
      phases.push_back(base);
      phases.back().name = std::string(RpcKindName(kind));
      phases.back().mix = RpcMix::Only(kind);
    }
  }
  for (size_t i = 0; i < phases.size(); ++i) {
    phases[i].seed = config.workload.seed + 7919 * i;
  }
  return phases;
}

}  // namespace ranker::load
