#include "core/stats/co_engagement_index.h"

#include <algorithm>
#include <utility>

#include "absl/container/inlined_vector.h"

namespace ranker {

CoEngagementIndex::CoEngagementIndex(CoEngagementConfig config)
    : config_(std::move(config)),
      graph_(config_.max_neighbors, config_.half_life_ms) {}

void CoEngagementIndex::Record(std::span<const ProductIdx> previous,
                               ProductIdx product, TimeMs when) {
  const size_t window = std::min(config_.window, previous.size());
  // Forward edges first, then the backward ones, which all leave `product`
  // and so take its shard's lock once.
  absl::InlinedVector<DecayedEdgeGraph::EdgeUpdate, 8> updates;
  for (size_t distance = 1; distance <= window; ++distance) {
    const ProductIdx earlier = previous[previous.size() - distance];
    if (earlier == product) continue;
    updates.push_back({earlier, product, 1.0 / static_cast<double>(distance)});
  }
  if (config_.backward_weight > 0) {
    const size_t forward = updates.size();
    for (size_t i = 0; i < forward; ++i) {
      updates.push_back({product, updates[i].from,
                         config_.backward_weight * updates[i].weight});
    }
  }
  graph_.AddEdges(updates, when);
}

void CoEngagementIndex::ForEachNeighbor(
    ProductIdx product, TimeMs now,
    absl::FunctionRef<void(ProductIdx, double)> visit) const {
  graph_.ForEachNeighbor(product, now, visit);
}

}  // namespace ranker
