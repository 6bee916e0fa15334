// A user's weighted tags at one speed of interest (and, keyed by creator, the
// user's creator affinity). Each weight decays with the vector's half-life;
// positive weights mean "wants", negative ones "does not want" (from
// not_interested). The number of entries is capped: when full, the entry
// with the weakest current weight makes room for a stronger new one.
//
// The entries are stored by their owner (UserProfile keeps all its lists in
// one allocation, PackedArrays) with their weights as of the owner's
// reference time (DecayReference): amounts come in scaled to it, and reading
// multiplies by one decay factor. Comparing two stored weights compares
// their current values, since all share the factor.
#ifndef RANKER_CORE_INTEREST_INTEREST_VECTOR_H_
#define RANKER_CORE_INTEREST_INTEREST_VECTOR_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "absl/functional/function_ref.h"
#include "core/catalog/product.h"
#include "core/find_u32.h"

namespace ranker {

// A tag (or creator) and its weight as of the owner's reference time.
struct InterestEntry {
  uint32_t key;
  float weight;
};

// Weights below this (as of the reference time, which is the latest event's
// time after a rebase) are dropped when the owner rebases: a millionth of
// one click, a thousandth of the smallest weight a request reads (1e-3).
inline constexpr float kNegligibleInterest = 1e-6f;

// What adding to an interest vector does to its entries.
struct InterestUpdate {
  enum Kind { kNone, kUpdate, kAppend, kReplace } kind = kNone;
  size_t index = 0;  // the entry updated or replaced
};

// Where `amount` (as of the reference time) for `key` goes in `entries`,
// capped at `max_entries`: into its entry, a new entry, the weakest entry
// when full and weaker than `amount` (the first of equals), or nowhere.
// Apply the result with ApplyInterestUpdate.
inline InterestUpdate PlanInterestUpdate(std::span<const InterestEntry> entries,
                                         uint32_t key, double amount,
                                         size_t max_entries) {
  const size_t at = FindKey(entries.data(), entries.size(), key);
  if (at < entries.size()) return {InterestUpdate::kUpdate, at};
  if (max_entries == 0) return {};
  if (entries.size() < max_entries) {
    return {InterestUpdate::kAppend, entries.size()};
  }
  size_t weakest = 0;
  for (size_t i = 1; i < entries.size(); ++i) {
    if (std::abs(entries[i].weight) < std::abs(entries[weakest].weight)) {
      weakest = i;
    }
  }
  // A new key only displaces one that is currently weaker than it (as
  // stored: a tie stays a tie).
  if (entries.empty() || std::abs(entries[weakest].weight) >=
                             std::abs(static_cast<float>(amount))) {
    return {};
  }
  return {InterestUpdate::kReplace, weakest};
}

// Performs `update` for (key, amount): `entries` is the vector's storage,
// `append` adds an entry at its end.
inline void ApplyInterestUpdate(
    const InterestUpdate& update, std::span<InterestEntry> entries,
    uint32_t key, double amount,
    absl::FunctionRef<void(const InterestEntry&)> append) {
  switch (update.kind) {
    case InterestUpdate::kNone:
      break;
    case InterestUpdate::kUpdate: {
      float& weight = entries[update.index].weight;
      weight = static_cast<float>(weight + amount);
      break;
    }
    case InterestUpdate::kAppend:
      append({key, static_cast<float>(amount)});
      break;
    case InterestUpdate::kReplace:
      entries[update.index] = {key, static_cast<float>(amount)};
      break;
  }
}

// The current weights (stored weight × `decay`, the factor from the
// reference time to now) with |weight| >= min_abs_weight, strongest positive
// first and the most negative last (ties by key).
std::vector<TagWeight> InterestWeights(std::span<const InterestEntry> entries,
                                       double decay,
                                       double min_abs_weight = 1e-3);

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_INTEREST_VECTOR_H_
