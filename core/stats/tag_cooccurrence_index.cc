#include "core/stats/tag_cooccurrence_index.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace ranker {
namespace {

// The `limit` strongest positive tags of `tags` (ties by tag id).
std::vector<TagWeight> Strongest(std::span<const TagWeight> tags,
                                 size_t limit) {
  std::vector<TagWeight> kept;
  for (const TagWeight& tw : tags) {
    if (tw.weight > 0.0f) kept.push_back(tw);
  }
  auto stronger = [](const TagWeight& a, const TagWeight& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.tag < b.tag;
  };
  if (kept.size() > limit) {
    std::partial_sort(kept.begin(), kept.begin() + limit, kept.end(), stronger);
    kept.resize(limit);
  }
  return kept;
}

bool Holds(const std::vector<TagWeight>& tags, TagId tag) {
  return std::any_of(tags.begin(), tags.end(),
                     [tag](const TagWeight& tw) { return tw.tag == tag; });
}

}  // namespace

TagCooccurrenceIndex::TagCooccurrenceIndex(TagCooccurrenceConfig config)
    : config_(std::move(config)),
      graph_(config_.max_neighbors, config_.half_life_ms) {}

void TagCooccurrenceIndex::RecordContent(
    std::span<const TagId> content_tags,
    std::span<const TagWeight> product_tags, TimeMs when) {
  std::vector<TagWeight> content;
  for (TagId tag : content_tags) {
    if (!Holds(content, tag)) content.push_back({tag, 1.0f});
    if (content.size() == config_.max_tags_per_side) break;
  }
  Link(content, product_tags, when);
}

void TagCooccurrenceIndex::RecordSequence(
    std::span<const TagWeight> previous_tags, std::span<const TagWeight> tags,
    TimeMs when) {
  Link(previous_tags, tags, when);
}

void TagCooccurrenceIndex::Link(std::span<const TagWeight> a,
                                std::span<const TagWeight> b, TimeMs when) {
  const std::vector<TagWeight> left = Strongest(a, config_.max_tags_per_side);
  const std::vector<TagWeight> right = Strongest(b, config_.max_tags_per_side);
  for (const TagWeight& x : left) {
    if (Holds(right, x.tag)) continue;
    for (const TagWeight& y : right) {
      if (Holds(left, y.tag)) continue;
      const double weight = static_cast<double>(x.weight) * y.weight;
      graph_.AddEdge(x.tag, y.tag, weight, when);
      graph_.AddEdge(y.tag, x.tag, weight, when);
    }
  }
}

void TagCooccurrenceIndex::ForEachNeighbor(
    TagId tag, TimeMs now, absl::FunctionRef<void(TagId, double)> visit) const {
  graph_.ForEachNeighbor(tag, now, visit);
}

}  // namespace ranker
