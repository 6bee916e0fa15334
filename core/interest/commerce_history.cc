#include "core/interest/commerce_history.h"

#include <algorithm>

namespace ranker {

void CommerceHistory::Record(EventType type, double scale,
                             const InterestConfig& config) {
  if (type == EventType::kImpression) {
    shown_ = static_cast<float>(shown_ + scale);
  } else if (type == EventType::kNotInterested) {
    // An explicit "not interested" says more than a silent scroll past.
    shown_ =
        static_cast<float>(shown_ + config.not_interested_as_skips * scale);
  } else if (config.EventWeight(type) > 0.0) {
    engaged_ = static_cast<float>(engaged_ + scale);
  }
}

void CommerceHistory::Rescale(double factor) {
  shown_ = static_cast<float>(shown_ * factor);
  engaged_ = static_cast<float>(engaged_ * factor);
}

double CommerceTolerance(const CommerceEvidence& evidence, double prior_rate,
                         double prior_strength, double max_tolerance) {
  if (prior_rate <= 0.0) return max_tolerance;
  // Engagement can be logged without the impression that preceded it: the
  // rate's denominator is at least the engagements seen.
  const double shown = std::max(evidence.shown, evidence.engaged);
  const double denominator = shown + prior_strength;
  if (denominator <= 0.0) return std::min(1.0, max_tolerance);
  const double rate =
      (evidence.engaged + prior_rate * prior_strength) / denominator;
  return std::clamp(rate / prior_rate, 0.0, max_tolerance);
}

}  // namespace ranker
