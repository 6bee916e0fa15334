#include "server/execution_limits.h"

#include <sched.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace ranker {
namespace {

absl::Status CheckWorkers(const char* flag, int workers) {
  if (workers > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(flag, ": must be positive, got ", workers));
}

absl::Status CheckCap(const char* flag, int64_t cap) {
  if (cap >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(flag, ": must be 0 (no cap) or positive, got ", cap));
}

int CpusInAffinityMask() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    return std::max(1, CPU_COUNT(&set));
  }
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

absl::StatusOr<ExecutionLimits> ResolveExecutionLimits(
    const ExecutionFlags& flags, int cpus) {
  cpus = std::max(cpus, 1);
  ExecutionLimits limits;
  limits.reads.workers = flags.read_workers.value_or(cpus);
  limits.reads.max_in_flight =
      flags.max_reads_in_flight.value_or(8 * int64_t{limits.reads.workers});
  limits.writes.workers = flags.write_workers.value_or(std::max(16, 2 * cpus));
  limits.writes.max_in_flight =
      flags.max_writes_in_flight.value_or(4 * int64_t{limits.writes.workers});
  for (absl::Status status :
       {CheckWorkers("--read_workers", limits.reads.workers),
        CheckCap("--max_reads_in_flight", limits.reads.max_in_flight),
        CheckWorkers("--write_workers", limits.writes.workers),
        CheckCap("--max_writes_in_flight", limits.writes.max_in_flight)}) {
    if (!status.ok()) return status;
  }
  return limits;
}

std::optional<int> CpusFromCgroupV2CpuMax(const char* contents) {
  std::vector<absl::string_view> fields = absl::StrSplit(
      absl::StripAsciiWhitespace(contents), ' ', absl::SkipEmpty());
  int64_t quota = 0;
  int64_t period = 0;
  if (fields.size() != 2 || !absl::SimpleAtoi(fields[0], &quota) ||
      !absl::SimpleAtoi(fields[1], &period) || quota <= 0 || period <= 0) {
    return std::nullopt;  // "max …": no limit
  }
  return static_cast<int>(std::max<int64_t>(1, (quota + period - 1) / period));
}

int AvailableCpus() {
  int cpus = CpusInAffinityMask();
  // cgroup v2 only: the version every current container runtime and
  // Kubernetes uses by default; under v1 the mask alone decides.
  if (std::optional<int> quota =
          CpusFromCgroupV2CpuMax(ReadFile("/sys/fs/cgroup/cpu.max").c_str());
      quota.has_value()) {
    cpus = std::min(cpus, *quota);
  }
  return cpus;
}

}  // namespace ranker
