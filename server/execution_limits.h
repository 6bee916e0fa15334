// How the ranker calls are run: two lanes, each with its own worker threads
// and its own cap on the calls in flight (docs/operations/overload.md).
//
// Reads (RecommendProducts and the Describe calls) are CPU-bound:
// a thread per core runs them as fast as the machine can, and more threads
// than cores only make every started call wait for CPU, a wait no queue
// check can see. Writes (LogEvent, UpsertProducts, UpsertShops) spend most
// of their time waiting for the write-ahead log's fsync, holding a thread
// but no core, and concurrent writes share one fsync (group commit); so they
// get many threads of their own, and a burst of writes cannot take the
// threads reads need (nor the other way round).
#ifndef RANKER_SERVER_EXECUTION_LIMITS_H_
#define RANKER_SERVER_EXECUTION_LIMITS_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"

namespace ranker {

struct LaneLimits {
  int workers = 1;
  // Running plus queued for a worker; 0: no cap.
  int64_t max_in_flight = 0;
};

struct ExecutionLimits {
  LaneLimits reads;
  LaneLimits writes;
};

// The flags as given; nullopt means "the default for this machine".
struct ExecutionFlags {
  std::optional<int> read_workers;
  std::optional<int64_t> max_reads_in_flight;
  std::optional<int> write_workers;
  std::optional<int64_t> max_writes_in_flight;
};

// The defaults, for `cpus` usable cores:
//   read workers          = cpus
//   max reads in flight   = 8 per read worker: a burst of a few calls per
//                           core is absorbed, and a queued read waits for at
//                           most 7 others on its core (~2 ms at the demo
//                           catalog's ~0.25 ms per call)
//   write workers         = 2 per core, at least 16
//   max writes in flight  = 4 per write worker
// A cap left unset follows the workers actually configured. Errors name the
// flag: workers must be positive, caps 0 (no cap) or positive.
absl::StatusOr<ExecutionLimits> ResolveExecutionLimits(
    const ExecutionFlags& flags, int cpus);

// The cores this process may use: the CPUs in its affinity mask (taskset,
// cpusets), further limited by a cgroup CPU quota rounded up (a container's
// CPU limit, which the affinity mask does not show). At least 1.
int AvailableCpus();

// A cgroup quota as a number of cores, rounded up: for the contents of
// cgroup v2's cpu.max ("max 100000" or "<quota> <period>"). nullopt when
// there is no limit or the text is not understood.
std::optional<int> CpusFromCgroupV2CpuMax(const char* contents);

}  // namespace ranker

#endif  // RANKER_SERVER_EXECUTION_LIMITS_H_
