#include "client/load/load_config.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ranker::load {
namespace {

absl::Status FlagError(absl::string_view flag, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", problem));
}

}  // namespace

absl::Status ValidateLoadConfig(const LoadConfig& config) {
  if (config.duration <= absl::ZeroDuration()) {
    return FlagError("duration", "must be positive");
  }
  if (config.warmup < absl::ZeroDuration()) {
    return FlagError("warmup", "must not be negative");
  }
  if (config.timeout <= absl::ZeroDuration()) {
    return FlagError("timeout", "must be positive");
  }
  if (config.channels < 1 || config.channels > 1024) {
    return FlagError("channels", "must be in 1..1024");
  }
  if (config.open_loop) {
    if (!(config.rate > 0) || config.rate > 1e7) {
      return FlagError("rate", "must be in (0, 1e7] requests/s");
    }
    if (config.max_in_flight < 1) {
      return FlagError("max_in_flight", "must be at least 1");
    }
    if (config.floor) {
      return FlagError("floor",
                       "needs --mode=closed: in an open loop every RPC runs at "
                       "the offered --rate, so throughput ratios say nothing");
    }
  } else if (config.concurrency < 1 || config.concurrency > 100000) {
    return FlagError("concurrency", "must be in 1..100000");
  }
  if (config.product_ids_file.empty() && config.products < 1) {
    return FlagError("products", "must be at least 1");
  }
  const WorkloadOptions& workload = config.workload;
  if (workload.users < 1) return FlagError("users", "must be at least 1");
  if (!(workload.zipf_s >= 0) || workload.zipf_s > 10) {
    return FlagError("zipf_s", "must be in [0, 10]");
  }
  if (workload.count < 1 || workload.count > 200) {
    return FlagError("count", "must be in 1..200");
  }
  if (workload.events_per_log < 1 || workload.events_per_log > 10000) {
    return FlagError("events_per_log", "must be in 1..10000");
  }
  return absl::OkStatus();
}

}  // namespace ranker::load
