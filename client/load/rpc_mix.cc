#include "client/load/rpc_mix.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace ranker::load {
namespace {

absl::Status MixError(absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--mix: ", problem));
}

}  // namespace

absl::string_view RpcKindName(RpcKind kind) {
  switch (kind) {
    case RpcKind::kRecommend:
      return "recommend";
    case RpcKind::kLog:
      return "log";
    case RpcKind::kHealth:
      return "health";
  }
  return "unknown";
}

absl::StatusOr<RpcKind> RpcKindFromName(absl::string_view name) {
  for (RpcKind kind : kAllRpcKinds) {
    if (RpcKindName(kind) == name) return kind;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown RPC '", name, "' (expected recommend, log or health)"));
}

absl::StatusOr<RpcMix> RpcMix::Parse(absl::string_view text) {
  RpcMix mix;
  std::array<bool, kRpcKindCount> seen{};
  double total = 0;
  for (absl::string_view item :
       absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    item = absl::StripAsciiWhitespace(item);
    const std::vector<absl::string_view> parts = absl::StrSplit(item, ':');
    if (parts.size() != 2) {
      return MixError(absl::StrCat("'", item, "' is not kind:weight"));
    }
    absl::StatusOr<RpcKind> kind =
        RpcKindFromName(absl::StripAsciiWhitespace(parts[0]));
    if (!kind.ok()) return MixError(kind.status().message());
    const int index = static_cast<int>(*kind);
    if (seen[index]) {
      return MixError(absl::StrCat("'", parts[0], "' appears twice"));
    }
    seen[index] = true;
    double weight = 0;
    if (!absl::SimpleAtod(absl::StripAsciiWhitespace(parts[1]), &weight) ||
        !(weight >= 0) || weight > 1e9) {
      return MixError(absl::StrCat("weight of '", parts[0], "' must be a ",
                                   "number >= 0, got '", parts[1], "'"));
    }
    mix.shares_[index] = weight;
    total += weight;
  }
  if (!(total > 0)) return MixError("needs at least one weight above 0");
  for (double& share : mix.shares_) share /= total;
  return mix;
}

RpcMix RpcMix::Only(RpcKind kind) {
  RpcMix mix;
  mix.shares_[static_cast<int>(kind)] = 1.0;
  return mix;
}

RpcKind RpcMix::Pick(double u) const {
  double cumulative = 0;
  RpcKind last = RpcKind::kRecommend;
  for (RpcKind kind : kAllRpcKinds) {
    if (share(kind) <= 0) continue;
    cumulative += share(kind);
    last = kind;
    if (u < cumulative) return kind;
  }
  // Rounding: u just below 1 may pass the last cumulative sum.
  return last;
}

std::string RpcMix::ToString() const {
  std::vector<std::string> parts;
  for (RpcKind kind : kAllRpcKinds) {
    if (share(kind) > 0) {
      parts.push_back(absl::StrCat(RpcKindName(kind), ":", share(kind)));
    }
  }
  return absl::StrJoin(parts, ",");
}

}  // namespace ranker::load
