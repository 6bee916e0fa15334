#include "core/pipeline/exploration_slots_reranker.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/pipeline/head_slots.h"

namespace ranker {
namespace {

bool OnlyExplorationFound(const Candidate& c) {
  return c.first_source == Source::kExploration;
}

// "moved up: exploration slot (adjacent tags: kettle, portable)", the
// product's adjacent tags strongest first.
std::string Note(const RequestState& state, const Product& product) {
  std::vector<std::pair<double, TagId>> adjacent;
  for (const TagWeight& tw : product.tags) {
    auto it = state.adjacent_tags.find(tw.tag);
    if (it != state.adjacent_tags.end()) {
      adjacent.emplace_back(it->second * tw.weight, tw.tag);
    }
  }
  std::sort(adjacent.begin(), adjacent.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> names;
  for (const auto& [weight, tag] : adjacent) {
    names.push_back(state.resources.tags->Name(tag));
  }
  return absl::StrCat("moved up: exploration slot (adjacent tags: ",
                      absl::StrJoin(names, ", "), ")");
}

}  // namespace

void ExplorationSlotsReranker::Rerank(const RequestState& state,
                                      std::vector<Candidate>& ranked) const {
  const size_t count = static_cast<size_t>(std::max(state.request.count, 0));
  const size_t slots =
      std::min(KnobCount(state.config.exploration_slots), count / 2);
  const size_t head = std::min(count, ranked.size());
  const size_t present = std::count_if(ranked.begin(), ranked.begin() + head,
                                       OnlyExplorationFound);
  if (present >= slots) return;
  const size_t wanted =
      std::min(slots - present, DisplaceableInHead(ranked, head));
  std::vector<size_t> picks;
  for (size_t i = head; i < ranked.size() && picks.size() < wanted; ++i) {
    if (OnlyExplorationFound(ranked[i])) picks.push_back(i);
  }
  if (state.request.debug) {
    for (size_t i : picks) {
      ranked[i].rerank_notes.push_back(Note(state, *ranked[i].item));
    }
  }
  PromoteIntoHead(ranked, head, picks);
}

}  // namespace ranker
