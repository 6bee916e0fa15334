#include "core/interest/interest_vector.h"

#include <algorithm>
#include <cmath>

namespace ranker {

std::vector<TagWeight> InterestWeights(std::span<const InterestEntry> entries,
                                       double decay, double min_abs_weight) {
  std::vector<TagWeight> weights;
  weights.reserve(entries.size());
  for (const InterestEntry& entry : entries) {
    const double value = entry.weight * decay;
    if (std::abs(value) >= min_abs_weight) {
      weights.push_back({entry.key, static_cast<float>(value)});
    }
  }
  std::sort(weights.begin(), weights.end(),
            [](const TagWeight& a, const TagWeight& b) {
              return a.weight != b.weight ? a.weight > b.weight : a.tag < b.tag;
            });
  return weights;
}

}  // namespace ranker
