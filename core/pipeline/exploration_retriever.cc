#include "core/pipeline/exploration_retriever.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/pipeline/retrievers.h"

namespace ranker {
namespace {

// The `limit` heaviest entries of `weights`, heaviest first (ties by tag).
std::vector<std::pair<TagId, double>> Heaviest(
    const absl::flat_hash_map<TagId, double>& weights, size_t limit) {
  std::vector<std::pair<TagId, double>> sorted(weights.begin(), weights.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (sorted.size() > limit) sorted.resize(limit);
  return sorted;
}

}  // namespace

void AdjacentInterestRetriever::Retrieve(RequestState& state) const {
  const size_t quota = KnobCount(state.config.exploration_quota);
  const TagCooccurrenceIndex* cooccurrence = state.resources.tag_cooccurrence;
  if (quota == 0 || cooccurrence == nullptr) return;
  const size_t tags_used = KnobCount(state.config.interest_tags_used, 1);

  absl::flat_hash_map<TagId, double> seeds;
  for (const SparseInterest* interest :
       {&state.instant, &state.long_term, &state.context}) {
    const std::vector<TagWeight>& tags = interest->by_weight();
    if (tags.empty() || tags.front().weight <= 0.0f) continue;
    const double strongest = tags.front().weight;
    for (size_t i = 0; i < tags.size() && i < tags_used; ++i) {
      if (tags[i].weight <= 0.0f) break;
      seeds[tags[i].tag] += tags[i].weight / strongest;
    }
  }
  auto held = [&](TagId tag) {
    return state.instant.WeightOf(tag) > 0.0f ||
           state.long_term.WeightOf(tag) > 0.0f ||
           state.context.WeightOf(tag) > 0.0f;
  };
  absl::flat_hash_map<TagId, double> adjacent;
  for (const auto& seed : Heaviest(seeds, tags_used)) {
    // Not a structured binding: clang before 16 cannot capture one in a
    // lambda (the fuzz build uses Debian's clang 14).
    const double weight = seed.second;
    cooccurrence->ForEachNeighbor(seed.first, state.now,
                                  [&](TagId tag, double share) {
                                    if (!held(tag))
                                      adjacent[tag] += weight * share;
                                  });
  }

  const size_t max_postings = KnobCount(state.config.postings_per_tag, 1);
  const std::vector<std::pair<TagId, double>> explored =
      Heaviest(adjacent, tags_used);
  absl::flat_hash_map<ProductIdx, double> scores;
  scores.reserve(
      PostingsBound(state.catalog.tag_index(), explored, max_postings));
  for (const auto& [tag, weight] : explored) {
    state.adjacent_tags[tag] = weight;
    AddTagPostings(state.catalog.tag_index(), tag, weight, max_postings,
                   scores);
  }
  state.AddBest(Source::kExploration, quota, scores);
}

}  // namespace ranker
