// The co-engagement graph: which products people engage with right after (and
// right before) which, learned online from the order of engagements within
// sessions. An edge a → b gains weight when b follows a within `window`
// positions, 1/distance for the next product, less for later ones; b → a gains
// `backward_weight` of that ("bought together"). Weights decay with
// `half_life_ms`. Each product keeps at most `max_neighbors` edges, the
// strongest.
#ifndef RANKER_CORE_STATS_CO_ENGAGEMENT_INDEX_H_
#define RANKER_CORE_STATS_CO_ENGAGEMENT_INDEX_H_

#include <span>

#include "absl/functional/function_ref.h"
#include "core/stats/decayed_edge_graph.h"
#include "core/types.h"

namespace ranker {

struct CoEngagementConfig {
  size_t window = 3;
  double backward_weight = 0.3;
  size_t max_neighbors = 100;
  TimeMs half_life_ms = 30 * kMsPerDay;
};

class CoEngagementIndex {
 public:
  explicit CoEngagementIndex(CoEngagementConfig config = {});

  // `product` was engaged with at `when` after `previous` (oldest first) in
  // the same session.
  void Record(std::span<const ProductIdx> previous, ProductIdx product,
              TimeMs when);

  // Calls `visit(neighbor, share)` for every outgoing edge of `product`, where
  // share = edge weight / total outgoing weight (a transition probability).
  void ForEachNeighbor(ProductIdx product, TimeMs now,
                       absl::FunctionRef<void(ProductIdx, double)> visit) const;

  // Snapshots: the graph (see DecayedEdgeGraph::SaveTo).
  void SaveTo(persist::Encoder& out) const { graph_.SaveTo(out); }
  absl::Status LoadFrom(persist::Decoder& in) { return graph_.LoadFrom(in); }

  const CoEngagementConfig& config() const { return config_; }

 private:
  const CoEngagementConfig config_;
  DecayedEdgeGraph graph_;
};

}  // namespace ranker

#endif  // RANKER_CORE_STATS_CO_ENGAGEMENT_INDEX_H_
