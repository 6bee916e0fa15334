#include "core/stats/decayed_edge_graph.h"

#include <algorithm>

namespace ranker {

DecayedEdgeGraph::DecayedEdgeGraph(size_t max_neighbors, TimeMs half_life_ms)
    : max_neighbors_(max_neighbors), half_life_ms_(half_life_ms) {}

void DecayedEdgeGraph::AddEdge(Node from, Node to, double weight, TimeMs when) {
  Shard& shard = shards_[from % kShards];
  absl::MutexLock lock(&shard.mu);
  std::vector<Edge>& edges = shard.from[from];
  for (Edge& edge : edges) {
    if (edge.to == to) {
      edge.weight.Add(weight, when, half_life_ms_);
      return;
    }
  }
  edges.push_back(Edge{to, {}});
  edges.back().weight.Add(weight, when, half_life_ms_);
  // Prune in chunks: keep the strongest max_neighbors once twice as many
  // have accumulated, so that adding stays amortised O(1).
  if (edges.size() > 2 * max_neighbors_) {
    std::nth_element(edges.begin(), edges.begin() + max_neighbors_, edges.end(),
                     [&](const Edge& a, const Edge& b) {
                       return a.weight.ValueAt(when, half_life_ms_) >
                              b.weight.ValueAt(when, half_life_ms_);
                     });
    edges.resize(max_neighbors_);
  }
}

void DecayedEdgeGraph::ForEachNeighbor(
    Node from, TimeMs now, absl::FunctionRef<void(Node, double)> visit) const {
  const Shard& shard = shards_[from % kShards];
  absl::MutexLock lock(&shard.mu);
  auto it = shard.from.find(from);
  if (it == shard.from.end()) return;
  double total = 0.0;
  for (const Edge& edge : it->second) {
    total += edge.weight.ValueAt(now, half_life_ms_);
  }
  if (total <= 0.0) return;
  for (const Edge& edge : it->second) {
    visit(edge.to, edge.weight.ValueAt(now, half_life_ms_) / total);
  }
}

}  // namespace ranker
