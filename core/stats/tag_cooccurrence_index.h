// Which tags go together in what people engage with, learned online from
// events: the content being watched × the product engaged with (a viewer of
// business-travel videos clicks a portable kettle: business-travel ↔ kettle,
// business-travel ↔ portable), and consecutive engaged products of a session
// (a's tags ↔ b's tags). Edges are symmetric, weigh the product of the two
// tags' weights (content tags weigh 1), decay with `half_life_ms`, and each
// tag keeps its `max_neighbors` strongest. Only each side's
// `max_tags_per_side` strongest tags take part, which bounds the work per
// event. A tag is never its own neighbour, and tags both sides share are not
// linked (they are not news to anyone holding one of them).
#ifndef RANKER_CORE_STATS_TAG_COOCCURRENCE_INDEX_H_
#define RANKER_CORE_STATS_TAG_COOCCURRENCE_INDEX_H_

#include <span>

#include "absl/functional/function_ref.h"
#include "core/catalog/product.h"
#include "core/stats/decayed_edge_graph.h"
#include "core/types.h"

namespace ranker {

struct TagCooccurrenceConfig {
  size_t max_neighbors = 50;
  size_t max_tags_per_side = 8;
  TimeMs half_life_ms = 30 * kMsPerDay;
};

class TagCooccurrenceIndex {
 public:
  explicit TagCooccurrenceIndex(TagCooccurrenceConfig config = {});

  // An engagement at `when` with a product carrying `product_tags`, while
  // watching content tagged `content_tags`.
  void RecordContent(std::span<const TagId> content_tags,
                     std::span<const TagWeight> product_tags, TimeMs when);
  // An engagement at `when` with a product carrying `tags`, right after one
  // carrying `previous_tags` in the same session.
  void RecordSequence(std::span<const TagWeight> previous_tags,
                      std::span<const TagWeight> tags, TimeMs when);

  // Calls `visit(neighbor, share)` for every tag linked to `tag`, share =
  // edge weight / the tag's total (how much of `tag`'s company it is).
  void ForEachNeighbor(TagId tag, TimeMs now,
                       absl::FunctionRef<void(TagId, double)> visit) const;

  // Snapshots: the graph (see DecayedEdgeGraph::SaveTo).
  void SaveTo(persist::Encoder& out) const { graph_.SaveTo(out); }
  absl::Status LoadFrom(persist::Decoder& in) { return graph_.LoadFrom(in); }

  const TagCooccurrenceConfig& config() const { return config_; }

 private:
  void Link(std::span<const TagWeight> a, std::span<const TagWeight> b,
            TimeMs when);

  const TagCooccurrenceConfig config_;
  DecayedEdgeGraph graph_;
};

}  // namespace ranker

#endif  // RANKER_CORE_STATS_TAG_COOCCURRENCE_INDEX_H_
