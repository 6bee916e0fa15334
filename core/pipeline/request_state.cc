#include "core/pipeline/request_state.h"

#include <algorithm>

namespace ranker {

bool RequestState::AddCandidate(ProductIdx product, Source source) {
  const uint32_t bit = 1u << static_cast<int>(source);
  auto [it, inserted] = candidate_index.try_emplace(
      product, static_cast<uint32_t>(candidates.size()));
  if (!inserted) {
    candidates[it->second].source_mask |= bit;
    return false;
  }
  Candidate candidate;
  candidate.product = product;
  candidate.item = &catalog.product(product);
  candidate.first_source = source;
  candidate.source_mask = bit;
  candidates.push_back(std::move(candidate));
  return true;
}

size_t RequestState::CountFrom(Source source) const {
  return std::count_if(
      candidates.begin(), candidates.end(),
      [source](const Candidate& c) { return c.HasSource(source); });
}

}  // namespace ranker
