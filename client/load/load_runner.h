// Drives one phase of a load run over gRPC's callback API: a handful of
// gRPC threads complete calls and start the next ones, so thousands of calls
// can be in flight without a thread each.
//
// Closed loop: `concurrency` slots, each with exactly one call in flight;
// when a reply arrives the slot sends its next call. Throughput is what the
// server (and client) can sustain at that concurrency.
// Open loop: calls go out on a fixed schedule (OpenLoopSchedule) whatever
// the replies do, and latency counts from each call's due time.
#ifndef RANKER_CLIENT_LOAD_LOAD_RUNNER_H_
#define RANKER_CLIENT_LOAD_LOAD_RUNNER_H_

#include "client/load/load_channels.h"
#include "client/load/phase_plan.h"
#include "client/load/phase_result.h"
#include "client/load/workload.h"

namespace ranker::load {

// Sends calls for warmup + duration, recording those sent in the last
// `duration`, then waits for every reply (each bounded by the timeout).
// Blocks the calling thread, which paces the open loop.
PhaseResult RunPhase(const LoadChannels& channels, const Workload& workload,
                     const PhaseOptions& options);

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_LOAD_RUNNER_H_
