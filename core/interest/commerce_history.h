// How a user reacts to products placed in the content feed, learned from
// events: how many products they were shown and how many they engaged with,
// both decayed so that tolerance follows the person's current mood. The feed's
// commerce-density rule turns this evidence into a tolerance at request time
// (CommerceDensityReranker), so its prior stays a per-request knob.
#ifndef RANKER_CORE_INTEREST_COMMERCE_HISTORY_H_
#define RANKER_CORE_INTEREST_COMMERCE_HISTORY_H_

#include "absl/status/status.h"
#include "core/decayed_value.h"
#include "core/interest/interest_config.h"
#include "core/persist/encoding.h"
#include "core/types.h"

namespace ranker {

// Decayed counts as of one moment.
struct CommerceEvidence {
  double shown = 0.0;    // impressions, plus not_interested as several skips
  double engaged = 0.0;  // events with positive interest weight
};

class CommerceHistory {
 public:
  explicit CommerceHistory(const InterestConfig& config)
      : half_life_ms_(config.commerce_half_life_ms) {}

  void Record(EventType type, TimeMs when, const InterestConfig& config);
  CommerceEvidence EvidenceAt(TimeMs now) const;

  void SaveTo(persist::Encoder& out) const;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  TimeMs half_life_ms_;
  DecayedValue shown_;
  DecayedValue engaged_;
};

// A user's tolerance for commerce in the feed: their smoothed engagement rate
// per product shown, relative to `prior_rate` (1: like an average person or a
// person without evidence; below 1: skips more than average). Capped at
// `max_tolerance`.
double CommerceTolerance(const CommerceEvidence& evidence, double prior_rate,
                         double prior_strength, double max_tolerance = 1.0);

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_COMMERCE_HISTORY_H_
