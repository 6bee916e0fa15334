// A quantity that halves every `half_life` milliseconds: the building block of
// both interest speeds and of item statistics. It stores the value as of the
// latest update time, so reading at any later time is one exp2. Out-of-order
// additions (an older event arriving late) are decayed to the stored time.
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

}  // namespace ranker

#endif  // RANKER_CORE_DECAYED_VALUE_H_
