// How a user reacts to products placed in the content feed, learned from
// events: how many products they were shown and how many they engaged with,
// both decayed so that tolerance follows the person's current mood. The feed's
// commerce-density rule turns this evidence into a tolerance at request time
// (CommerceDensityReranker), so its prior stays a per-request knob.
//
// The two counts are stored as of their owner's reference time (the user
// profile's DecayReference): Record takes the scale from an event's time to
// it, EvidenceAt the decay from it to now.
#ifndef RANKER_CORE_INTEREST_COMMERCE_HISTORY_H_
#define RANKER_CORE_INTEREST_COMMERCE_HISTORY_H_

#include "core/interest/interest_config.h"
#include "core/types.h"

namespace ranker {

// Decayed counts as of one moment.
struct CommerceEvidence {
  double shown = 0.0;    // impressions, plus not_interested as several skips
  double engaged = 0.0;  // events with positive interest weight
};

class CommerceHistory {
 public:
  // Adds what an event of `type` says; `scale` is what an amount at the
  // event's time is worth as of the reference time.
  void Record(EventType type, double scale, const InterestConfig& config);
  // The evidence `decay` (the factor from the reference time to now) later.
  CommerceEvidence EvidenceAt(double decay) const {
    return {shown_ * decay, engaged_ * decay};
  }
  // Moves the reference time: multiplies both counts by `factor`.
  void Rescale(double factor);

  // The counts as of the reference time (snapshots).
  float shown() const { return shown_; }
  float engaged() const { return engaged_; }
  void Set(float shown, float engaged) {
    shown_ = shown;
    engaged_ = engaged;
  }

 private:
  float shown_ = 0.0f;
  float engaged_ = 0.0f;
};

// A user's tolerance for commerce in the feed: their smoothed engagement rate
// per product shown, relative to `prior_rate` (1: like an average person or a
// person without evidence; below 1: skips more than average). Capped at
// `max_tolerance`.
double CommerceTolerance(const CommerceEvidence& evidence, double prior_rate,
                         double prior_strength, double max_tolerance = 1.0);

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_COMMERCE_HISTORY_H_
