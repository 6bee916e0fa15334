#include "core/interest/commerce_history.h"

#include <algorithm>

#include "core/persist/state_encoding.h"

namespace ranker {

void CommerceHistory::Record(EventType type, TimeMs when,
                             const InterestConfig& config) {
  const TimeMs half_life = half_life_ms_;
  if (type == EventType::kImpression) {
    shown_.Add(1.0, when, half_life);
  } else if (type == EventType::kNotInterested) {
    // An explicit "not interested" says more than a silent scroll past.
    shown_.Add(config.not_interested_as_skips, when, half_life);
  } else if (config.EventWeight(type) > 0.0) {
    engaged_.Add(1.0, when, half_life);
  }
}

CommerceEvidence CommerceHistory::EvidenceAt(TimeMs now) const {
  return {shown_.ValueAt(now, half_life_ms_),
          engaged_.ValueAt(now, half_life_ms_)};
}

void CommerceHistory::SaveTo(persist::Encoder& out) const {
  persist::PutDecayed(out, shown_);
  persist::PutDecayed(out, engaged_);
}

absl::Status CommerceHistory::LoadFrom(persist::Decoder& in) {
  RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, shown_, "commerce shown"));
  return persist::GetDecayed(in, engaged_, "commerce engaged");
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
