// A directed graph over dense ids (products, tags) whose edge weights decay
// with a half-life, each node keeping only its strongest `max_neighbors`
// outgoing edges. Sharded by source node, one mutex per shard, so writers of
// different nodes never wait for each other. The building block of the
// co-engagement graph (products) and of tag co-occurrence (tags).
//
// Memory: 8 bytes an edge (target, weight) and 16 bytes a source node, in a
// dense array per shard (node / kShards). Every weight is stored as of one
// reference time for the whole graph (DecayReference), so an edge holds no
// time of its own and a batch of updates at one moment costs one exp2; the
// reference moves forward, rescaling every edge, once per 24 half-lives of
// event time (two years at the default 30 days). Each node's edges are two
// parallel arrays in one allocation, targets then weights, so that finding
// an edge scans packed 32-bit targets (FindU32).
#ifndef RANKER_CORE_STATS_DECAYED_EDGE_GRAPH_H_
#define RANKER_CORE_STATS_DECAYED_EDGE_GRAPH_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "absl/base/thread_annotations.h"
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

  // One weight to add to the edge from → to.
  struct EdgeUpdate {
    Node from;
    Node to;
    double weight;
  };

  DecayedEdgeGraph(size_t max_neighbors, TimeMs half_life_ms);

  // Adds `weight` (as of `when`) to the edge from → to, creating it if new.
  void AddEdge(Node from, Node to, double weight, TimeMs when);
  // Applies `updates` in order, all as of `when`: the same result as one
  // AddEdge each, with one lock per run of updates from the same node.
  void AddEdges(std::span<const EdgeUpdate> updates, TimeMs when);

  // Calls `visit(to, share)` for every outgoing edge of `from`, where share =
  // edge weight / total outgoing weight (a transition probability), in no
  // particular order. Nothing for a node without edges.
  void ForEachNeighbor(Node from, TimeMs now,
                       absl::FunctionRef<void(Node, double)> visit) const;

  size_t max_neighbors() const { return max_neighbors_; }
  // Edges and nodes with edges, for tests and memory accounting.
  size_t edge_count() const;
  size_t node_count() const;

  // Snapshots: every node's edges, each edge's weight as a decayed value
  // (weight, time). Reads without locks: the caller guarantees that no
  // writer runs (the engine pauses writes, or this is a forked copy, where a
  // vanished reader may hold a copy of a lock). LoadFrom fills an empty
  // graph, from any saved times (snapshots written before the shared
  // reference time had one per edge).
  void SaveTo(persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadFrom(persist::Decoder& in);
  TimeMs half_life_ms() const { return half_life_ms_; }

 private:
  // A node's outgoing edges: `capacity` targets then `capacity` weights, in
  // one allocation growing by half. From kIndexFrom edges on (the hot tags
  // and products, whose lists are long and updated most) the allocation
  // also holds an index: an open-addressing table of 16-bit positions, a
  // third larger than the list at least, so that finding a target is a
  // probe or two instead of a scan.
  class EdgeList {
   public:
    EdgeList() = default;
    ~EdgeList();
    EdgeList(EdgeList&& other) noexcept;
    EdgeList& operator=(EdgeList&& other) noexcept;
    EdgeList(const EdgeList&) = delete;
    EdgeList& operator=(const EdgeList&) = delete;

    size_t size() const { return size_; }
    const uint32_t* targets() const { return data_; }
    const float* weights() const {
      return reinterpret_cast<const float*>(data_ + capacity_);
    }
    float* weights() { return reinterpret_cast<float*>(data_ + capacity_); }
    // Adds `amount` to the edge to `to`, appending it when new.
    void Add(Node to, double amount);
    // Keeps the `keep` heaviest edges (in their current order).
    void KeepHeaviest(size_t keep);
    void Scale(double factor);
    size_t capacity() const { return capacity_; }
    // Bytes allocated (memory accounting).
    size_t allocated_bytes() const { return Bytes(capacity_); }

    static constexpr uint32_t kIndexFrom = 64;

   private:
    // Index slots for a capacity (0: no index).
    static uint32_t IndexSlots(uint32_t capacity);
    static size_t Bytes(uint32_t capacity) {
      return 2 * size_t{capacity} * sizeof(uint32_t) +
             IndexSlots(capacity) * sizeof(uint16_t);
    }
    uint16_t* index() {
      return reinterpret_cast<uint16_t*>(data_ + 2 * capacity_);
    }
    const uint16_t* index() const {
      return reinterpret_cast<const uint16_t*>(data_ + 2 * capacity_);
    }
    // The position of `to`, or size() when absent.
    size_t Find(Node to) const;
    void IndexPosition(size_t position);
    void RebuildIndex();
    void Grow();

    uint32_t* data_ = nullptr;
    uint32_t size_ = 0;
    uint32_t capacity_ = 0;
  };

  static constexpr size_t kShards = 64;
  struct Shard {
    mutable absl::Mutex mu;
    // Indexed by node / kShards.
    std::vector<EdgeList> nodes ABSL_GUARDED_BY(mu);
  };
  EdgeList& ListFor(Shard& shard, Node from)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);
  // Moves the reference time forward to `when` when a scale would grow too
  // large.
  void MaybeRebase(TimeMs when) ABSL_LOCKS_EXCLUDED(ref_mu_);

  const size_t max_neighbors_;
  const TimeMs half_life_ms_;
  // Held shared by writers while they add, exclusively to rebase; taken
  // before any shard's mutex. Readers need no reference: shares are ratios.
  mutable absl::Mutex ref_mu_;
  DecayReference reference_ ABSL_GUARDED_BY(ref_mu_);
  std::array<Shard, kShards> shards_;
};

}  // namespace ranker

#endif  // RANKER_CORE_STATS_DECAYED_EDGE_GRAPH_H_
