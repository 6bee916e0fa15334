#include "core/stats/tag_cooccurrence_index.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"

namespace ranker {
namespace {

// A side's tags, at most max_tags_per_side of them (8 by default).
using SideTags = absl::InlinedVector<TagWeight, 8>;

// The `limit` strongest positive tags of `tags` (ties by tag id).
SideTags Strongest(std::span<const TagWeight> tags, size_t limit) {
  SideTags kept;
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

bool Holds(std::span<const TagWeight> tags, TagId tag) {
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
  SideTags content;
  for (TagId tag : content_tags) {
    if (content.size() == config_.max_tags_per_side) break;
    if (!Holds(content, tag)) content.push_back({tag, 1.0f});
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
  SideTags left = Strongest(a, config_.max_tags_per_side);
  SideTags right = Strongest(b, config_.max_tags_per_side);
  // Tags both sides share are linked to nothing.
  auto unshared = [](SideTags& side, const SideTags& other) {
    side.erase(std::remove_if(
                   side.begin(), side.end(),
                   [&](const TagWeight& tw) { return Holds(other, tw.tag); }),
               side.end());
  };
  const SideTags left_all = left;
  unshared(left, right);
  unshared(right, left_all);
  if (left.empty() || right.empty()) return;
  // Every edge both ways, grouped by source tag: one lock per tag.
  absl::InlinedVector<DecayedEdgeGraph::EdgeUpdate, 128> updates;
  for (const TagWeight& x : left) {
    for (const TagWeight& y : right) {
      updates.push_back(
          {x.tag, y.tag, static_cast<double>(x.weight) * y.weight});
    }
  }
  for (const TagWeight& y : right) {
    for (const TagWeight& x : left) {
      updates.push_back(
          {y.tag, x.tag, static_cast<double>(x.weight) * y.weight});
    }
  }
  graph_.AddEdges(updates, when);
}

void TagCooccurrenceIndex::ForEachNeighbor(
    TagId tag, TimeMs now, absl::FunctionRef<void(TagId, double)> visit) const {
  graph_.ForEachNeighbor(tag, now, visit);
}

}  // namespace ranker
