#include "core/stats/co_engagement_index.h"

#include <algorithm>
#include <utility>

namespace ranker {

CoEngagementIndex::CoEngagementIndex(CoEngagementConfig config)
    : config_(std::move(config)),
      graph_(config_.max_neighbors, config_.half_life_ms) {}

void CoEngagementIndex::Record(std::span<const ProductIdx> previous,
                               ProductIdx product, TimeMs when) {
  const size_t window = std::min(config_.window, previous.size());
  for (size_t distance = 1; distance <= window; ++distance) {
    const ProductIdx earlier = previous[previous.size() - distance];
    if (earlier == product) continue;
    const double weight = 1.0 / static_cast<double>(distance);
    graph_.AddEdge(earlier, product, weight, when);
    if (config_.backward_weight > 0) {
      graph_.AddEdge(product, earlier, config_.backward_weight * weight, when);
    }
  }
}

void CoEngagementIndex::ForEachNeighbor(
    ProductIdx product, TimeMs now,
    absl::FunctionRef<void(ProductIdx, double)> visit) const {
  graph_.ForEachNeighbor(product, now, visit);
}

}  // namespace ranker
