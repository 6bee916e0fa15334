#include "core/pipeline/head_slots.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace ranker {

size_t DisplaceableInHead(const std::vector<Candidate>& ranked, size_t head) {
  head = std::min(head, ranked.size());
  return std::count_if(ranked.begin(), ranked.begin() + head,
                       [](const Candidate& c) { return !c.promoted; });
}

void PromoteIntoHead(std::vector<Candidate>& ranked, size_t head,
                     const std::vector<size_t>& picks) {
  head = std::min(head, ranked.size());
  const size_t n = std::min(picks.size(), DisplaceableInHead(ranked, head));
  if (n == 0) return;
  // The n lowest-ranked displaceable products of the head.
  absl::flat_hash_set<size_t> displaced;
  for (size_t i = head; i-- > 0 && displaced.size() < n;) {
    if (!ranked[i].promoted) displaced.insert(i);
  }
  const size_t first_displaced =
      *std::min_element(displaced.begin(), displaced.end());
  const absl::flat_hash_set<size_t> picked(picks.begin(), picks.begin() + n);

  std::vector<Candidate> reordered;
  reordered.reserve(ranked.size());
  for (size_t i = 0; i < head; ++i) {
    if (i == first_displaced) {
      for (size_t k = 0; k < n; ++k) {
        reordered.push_back(std::move(ranked[picks[k]]));
        reordered.back().promoted = true;
      }
    }
    if (!displaced.contains(i)) reordered.push_back(std::move(ranked[i]));
  }
  // Displaced products, in their order, right after the head.
  for (size_t i = 0; i < head; ++i) {
    if (displaced.contains(i)) reordered.push_back(std::move(ranked[i]));
  }
  for (size_t i = head; i < ranked.size(); ++i) {
    if (!picked.contains(i)) reordered.push_back(std::move(ranked[i]));
  }
  ranked = std::move(reordered);
}

}  // namespace ranker
