// A user's weighted tags at one speed of interest. Each tag's weight decays
// with the vector's half-life; positive weights mean "wants", negative ones
// "does not want" (from not_interested). The number of tags is capped: when
// full, the tag with the weakest current weight makes room.
#ifndef RANKER_CORE_INTEREST_INTEREST_VECTOR_H_
#define RANKER_CORE_INTEREST_INTEREST_VECTOR_H_

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "core/catalog/product.h"
#include "core/decayed_value.h"
#include "core/persist/encoding.h"
#include "core/types.h"

namespace ranker {

class InterestVector {
 public:
  InterestVector(TimeMs half_life, size_t max_tags)
      : half_life_(half_life), max_tags_(max_tags) {}

  // Adds `amount` to `tag` as of time `when`.
  void Add(TagId tag, double amount, TimeMs when);
  // Current weights with |weight| >= min_abs_weight, strongest positive first
  // and the most negative last.
  std::vector<TagWeight> WeightsAt(TimeMs now,
                                   double min_abs_weight = 1e-3) const;
  size_t size() const { return entries_.size(); }
  TimeMs half_life() const { return half_life_; }

  // Snapshots: the entries (half-life and cap come from the config).
  void SaveTo(persist::Encoder& out) const;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  struct Entry {
    TagId tag;
    DecayedValue weight;
  };
  TimeMs half_life_;
  size_t max_tags_;
  std::vector<Entry> entries_;  // unordered; small enough for linear scans
};

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_INTEREST_VECTOR_H_
