#include "core/stats/co_engagement_index.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ranker {

CoEngagementIndex::CoEngagementIndex(CoEngagementConfig config)
    : config_(std::move(config)) {}

void CoEngagementIndex::Record(std::span<const ProductIdx> previous,
                               ProductIdx product, TimeMs when) {
  const size_t window = std::min(config_.window, previous.size());
  for (size_t distance = 1; distance <= window; ++distance) {
    const ProductIdx earlier = previous[previous.size() - distance];
    if (earlier == product) continue;
    const double weight = 1.0 / static_cast<double>(distance);
    AddEdge(earlier, product, weight, when);
    if (config_.backward_weight > 0) {
      AddEdge(product, earlier, config_.backward_weight * weight, when);
    }
  }
}

void CoEngagementIndex::AddEdge(ProductIdx from, ProductIdx to, double weight,
                                TimeMs when) {
  Shard& shard = shards_[from % kShards];
  const TimeMs half_life = config_.half_life_ms;
  absl::MutexLock lock(&shard.mu);
  std::vector<Edge>& edges = shard.from[from].edges;
  for (Edge& edge : edges) {
    if (edge.to == to) {
      edge.weight.Add(weight, when, half_life);
      return;
    }
  }
  edges.push_back(Edge{to, {}});
  edges.back().weight.Add(weight, when, half_life);
  // Prune in chunks: keep the strongest max_neighbors once twice as many
  // have accumulated, so that adding stays amortised O(1).
  if (edges.size() > 2 * config_.max_neighbors) {
    std::nth_element(edges.begin(), edges.begin() + config_.max_neighbors,
                     edges.end(), [&](const Edge& a, const Edge& b) {
                       return a.weight.ValueAt(when, half_life) >
                              b.weight.ValueAt(when, half_life);
                     });
    edges.resize(config_.max_neighbors);
  }
}

void CoEngagementIndex::ForEachNeighbor(
    ProductIdx product, TimeMs now,
    absl::FunctionRef<void(ProductIdx, double)> visit) const {
  const Shard& shard = shards_[product % kShards];
  const TimeMs half_life = config_.half_life_ms;
  absl::MutexLock lock(&shard.mu);
  auto it = shard.from.find(product);
  if (it == shard.from.end()) return;
  double total = 0.0;
  for (const Edge& edge : it->second.edges) {
    total += edge.weight.ValueAt(now, half_life);
  }
  if (total <= 0.0) return;
  for (const Edge& edge : it->second.edges) {
    visit(edge.to, edge.weight.ValueAt(now, half_life) / total);
  }
}

}  // namespace ranker
