// A directed graph over dense ids (products, tags) whose edge weights decay
// with a half-life, each node keeping only its strongest `max_neighbors`
// outgoing edges. Sharded by source node, one mutex per shard, so writers of
// different nodes never wait for each other. The building block of the
// co-engagement graph (products) and of tag co-occurrence (tags).
#ifndef RANKER_CORE_STATS_DECAYED_EDGE_GRAPH_H_
#define RANKER_CORE_STATS_DECAYED_EDGE_GRAPH_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/decayed_value.h"
#include "core/persist/encoding.h"
#include "core/types.h"

namespace ranker {

class DecayedEdgeGraph {
 public:
  using Node = uint32_t;

  DecayedEdgeGraph(size_t max_neighbors, TimeMs half_life_ms);

  // Adds `weight` (as of `when`) to the edge from → to, creating it if new.
  void AddEdge(Node from, Node to, double weight, TimeMs when);

  // Calls `visit(to, share)` for every outgoing edge of `from`, where share =
  // edge weight / total outgoing weight (a transition probability), in no
  // particular order. Nothing for a node without edges.
  void ForEachNeighbor(Node from, TimeMs now,
                       absl::FunctionRef<void(Node, double)> visit) const;

  size_t max_neighbors() const { return max_neighbors_; }

  // Snapshots: every node's edges. Reads without locks: the caller guarantees
  // that no writer runs (the engine pauses writes, or this is a forked copy,
  // where a vanished reader may hold a copy of a lock). LoadFrom fills an empty
  // graph.
  void SaveTo(persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadFrom(persist::Decoder& in);
  TimeMs half_life_ms() const { return half_life_ms_; }

 private:
  struct Edge {
    Node to;
    DecayedValue weight;
  };
  static constexpr size_t kShards = 64;
  struct Shard {
    mutable absl::Mutex mu;
    absl::flat_hash_map<Node, std::vector<Edge>> from ABSL_GUARDED_BY(mu);
  };

  const size_t max_neighbors_;
  const TimeMs half_life_ms_;
  std::array<Shard, kShards> shards_;
};

}  // namespace ranker

#endif  // RANKER_CORE_STATS_DECAYED_EDGE_GRAPH_H_
