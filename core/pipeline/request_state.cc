#include "core/pipeline/request_state.h"

#include <algorithm>

namespace ranker {

bool RequestState::AddCandidate(ProductIdx product, Source source,
                                float score) {
  const int s = static_cast<int>(source);
  auto [it, inserted] = candidate_index.try_emplace(
      product, static_cast<uint32_t>(candidates.size()));
  if (inserted) {
    Candidate candidate;
    candidate.product = product;
    candidate.item = &catalog.product(product);
    candidate.first_source = source;
    candidates.push_back(std::move(candidate));
  }
  Candidate& candidate = candidates[it->second];
  candidate.source_mask |= 1u << s;
  candidate.source_scores[s] = std::max(candidate.source_scores[s], score);
  return inserted;
}

size_t RequestState::CountFrom(Source source) const {
  return std::count_if(
      candidates.begin(), candidates.end(),
      [source](const Candidate& c) { return c.HasSource(source); });
}

}  // namespace ranker
