#include "core/stats/decayed_edge_graph.h"

#include <algorithm>

#include "core/persist/state_encoding.h"

namespace ranker {

DecayedEdgeGraph::DecayedEdgeGraph(size_t max_neighbors, TimeMs half_life_ms)
    : max_neighbors_(max_neighbors), half_life_ms_(half_life_ms) {}

void DecayedEdgeGraph::SaveTo(persist::Encoder& out) const {
  // Sorted by node, so that one state always gives the same bytes.
  std::vector<std::pair<Node, const std::vector<Edge>*>> nodes;
  for (const Shard& shard : shards_) {
    for (const auto& [from, edges] : shard.from)
      nodes.push_back({from, &edges});
  }
  std::sort(nodes.begin(), nodes.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out.PutVarint(nodes.size());
  for (const auto& [from, edges] : nodes) {
    out.PutVarint(from);
    out.PutVarint(edges->size());
    for (const Edge& edge : *edges) {
      out.PutVarint(edge.to);
      persist::PutDecayed(out, edge.weight);
    }
  }
}

absl::Status DecayedEdgeGraph::LoadFrom(persist::Decoder& in) {
  size_t nodes = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(nodes, "graph nodes"));
  for (size_t i = 0; i < nodes; ++i) {
    Node from = 0;
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, from, "graph node"));
    size_t count = 0;
    RANKER_RETURN_IF_ERROR(in.GetCount(count, "graph edges"));
    std::vector<Edge> edges(count);
    for (Edge& edge : edges) {
      RANKER_RETURN_IF_ERROR(persist::GetU32(in, edge.to, "edge target"));
      RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, edge.weight, "edge"));
    }
    Shard& shard = shards_[from % kShards];
    absl::MutexLock lock(&shard.mu);
    if (!shard.from.try_emplace(from, std::move(edges)).second) {
      return absl::DataLossError("graph node saved twice");
    }
  }
  return absl::OkStatus();
}

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
