// Which RPCs a load run sends, and in what proportion: parsed from
// --mix=recommend:0.8,log:0.2 (health is the third kind).
#ifndef RANKER_CLIENT_LOAD_RPC_MIX_H_
#define RANKER_CLIENT_LOAD_RPC_MIX_H_

#include <array>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ranker::load {

enum class RpcKind { kRecommend = 0, kLog = 1, kHealth = 2 };
inline constexpr int kRpcKindCount = 3;
inline constexpr std::array<RpcKind, kRpcKindCount> kAllRpcKinds = {
    RpcKind::kRecommend, RpcKind::kLog, RpcKind::kHealth};

// "recommend", "log", "health": the names --mix and the report use.
absl::string_view RpcKindName(RpcKind kind);
absl::StatusOr<RpcKind> RpcKindFromName(absl::string_view name);

class RpcMix {
 public:
  // Parses "kind:weight,kind:weight,...". Weights are non-negative numbers
  // and are normalised, so "recommend:4,log:1" is "recommend:0.8,log:0.2".
  // INVALID_ARGUMENT (prefixed "--mix: ") for an unknown kind, a repeated
  // kind, a bad or negative weight, or weights that sum to 0.
  static absl::StatusOr<RpcMix> Parse(absl::string_view text);
  // Only `kind`: the single-RPC phases of --floor.
  static RpcMix Only(RpcKind kind);

  double share(RpcKind kind) const { return shares_[static_cast<int>(kind)]; }
  // The kind that `u` in [0, 1) falls on, cutting [0, 1) in the order of
  // kAllRpcKinds.
  RpcKind Pick(double u) const;
  // "recommend:0.8,log:0.2" (kinds with share 0 left out).
  std::string ToString() const;

 private:
  std::array<double, kRpcKindCount> shares_{};
};

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_RPC_MIX_H_
