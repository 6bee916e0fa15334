#include "client/load/phase_result.h"

namespace ranker::load {

int64_t RpcStats::error_count() const {
  int64_t total = 0;
  for (const auto& [code, count] : errors) total += count;
  return total;
}

void RpcStats::Merge(const RpcStats& other) {
  sent += other.sent;
  ok += other.ok;
  for (const auto& [code, count] : other.errors) errors[code] += count;
  latency.Merge(other.latency);
}

}  // namespace ranker::load
