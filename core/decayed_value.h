// A quantity that halves every `half_life` milliseconds. DecayedValue stores
// one value as of its latest update time, so reading at any later time is
// one exp2. Out-of-order additions (an older event arriving late) are decayed
// to the stored time.
//
// Many values that decay alike can share one reference time instead
// (DecayReference): each stores its value as of the reference, so adding at
// `when` scales the amount by 2^((when - ref) / half_life), once for a whole
// batch of values, and two stored values compare as their values at any one
// moment do. That is the same linear function of the events as a
// DecayedValue each, without a time per value: the profiles, item statistics
// and edge graphs store floats only.
#ifndef RANKER_CORE_DECAYED_VALUE_H_
#define RANKER_CORE_DECAYED_VALUE_H_

#include <cmath>

#include "core/types.h"

namespace ranker {

// The factor by which a value decays over `elapsed` ms (1 for elapsed <= 0).
inline double DecayFactor(TimeMs elapsed, TimeMs half_life) {
  if (elapsed <= 0 || half_life <= 0) return 1.0;
  return std::exp2(-static_cast<double>(elapsed) /
                   static_cast<double>(half_life));
}

struct DecayedValue {
  float value = 0.0f;
  TimeMs at = 0;  // the time `value` refers to

  void Add(double amount, TimeMs when, TimeMs half_life) {
    if (when >= at) {
      value = static_cast<float>(value * DecayFactor(when - at, half_life) +
                                 amount);
      at = when;
    } else {
      value = static_cast<float>(value +
                                 amount * DecayFactor(at - when, half_life));
    }
  }

  double ValueAt(TimeMs now, TimeMs half_life) const {
    return value * DecayFactor(now - at, half_life);
  }
};

// Values stored as of one reference time. The reference moves forward
// (Rebase: every stored value is multiplied by the decay since the old one)
// before a scale would pass 2^kMaxHalfLives, so that stored floats stay far
// from overflow; late additions scale down, and ancient ones underflow to 0,
// which is their decayed worth.
struct DecayReference {
  static constexpr double kMaxHalfLives = 24;

  TimeMs ref = 0;

  // What an amount added at `when` is worth as of `ref`.
  static double Scale(TimeMs when, TimeMs ref, TimeMs half_life) {
    if (when == ref || half_life <= 0) return 1.0;
    return std::exp2(static_cast<double>(when - ref) /
                     static_cast<double>(half_life));
  }
  double ScaleAt(TimeMs when, TimeMs half_life) const {
    return Scale(when, ref, half_life);
  }
  // A stored value read at `now` (as DecayedValue, never grown before ref).
  double ValueAt(float stored, TimeMs now, TimeMs half_life) const {
    return stored * DecayFactor(now - ref, half_life);
  }
  // Whether values must be rebased before adding at `when`.
  bool NeedsRebase(TimeMs when, TimeMs half_life) const {
    return half_life > 0 && static_cast<double>(when - ref) >
                                kMaxHalfLives * static_cast<double>(half_life);
  }
};

}  // namespace ranker

#endif  // RANKER_CORE_DECAYED_VALUE_H_
