#include "core/stats/decayed_edge_graph.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <new>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "core/dense_slot.h"
#include "core/find_u32.h"
#include "core/persist/state_encoding.h"

namespace ranker {
DecayedEdgeGraph::EdgeList::~EdgeList() {
  if (data_ != nullptr) ::operator delete(data_);
}

DecayedEdgeGraph::EdgeList::EdgeList(EdgeList&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

DecayedEdgeGraph::EdgeList& DecayedEdgeGraph::EdgeList::operator=(
    EdgeList&& other) noexcept {
  if (this != &other) {
    EdgeList gone(std::move(*this));
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

uint32_t DecayedEdgeGraph::EdgeList::IndexSlots(uint32_t capacity) {
  if (capacity < kIndexFrom || capacity >= UINT16_MAX) return 0;
  // A power of two, at least a third more than the capacity: at most 3/4
  // full.
  uint32_t slots = 1;
  while (slots < capacity + capacity / 3) slots *= 2;
  return slots;
}

namespace {

uint32_t EdgeSlot(uint32_t to, uint32_t slots) {
  // The high half of a 64-bit multiplicative hash: every bit of `to` counts.
  return static_cast<uint32_t>((to * 0x9E3779B97F4A7C15ull) >> 32) &
         (slots - 1);
}

}  // namespace

size_t DecayedEdgeGraph::EdgeList::Find(Node to) const {
  const uint32_t slots = IndexSlots(capacity_);
  if (slots == 0) return FindU32(data_, size_, to);
  const uint16_t* table = index();
  for (uint32_t slot = EdgeSlot(to, slots);; slot = (slot + 1) & (slots - 1)) {
    const uint16_t entry = table[slot];
    if (entry == 0) return size_;
    if (data_[entry - 1] == to) return entry - 1;
  }
}

void DecayedEdgeGraph::EdgeList::IndexPosition(size_t position) {
  const uint32_t slots = IndexSlots(capacity_);
  uint16_t* table = index();
  uint32_t slot = EdgeSlot(data_[position], slots);
  while (table[slot] != 0) slot = (slot + 1) & (slots - 1);
  table[slot] = static_cast<uint16_t>(position + 1);
}

void DecayedEdgeGraph::EdgeList::RebuildIndex() {
  const uint32_t slots = IndexSlots(capacity_);
  if (slots == 0) return;
  std::memset(index(), 0, slots * sizeof(uint16_t));
  for (size_t i = 0; i < size_; ++i) IndexPosition(i);
}

void DecayedEdgeGraph::EdgeList::Grow() {
  const uint32_t capacity = std::max<uint32_t>(4, capacity_ + capacity_ / 2);
  auto* data = static_cast<uint32_t*>(::operator new(Bytes(capacity)));
  if (size_ > 0) {
    std::memcpy(data, data_, size_ * sizeof(uint32_t));
    std::memcpy(data + capacity, weights(), size_ * sizeof(float));
  }
  EdgeList gone(std::move(*this));
  data_ = data;
  size_ = gone.size_;
  capacity_ = capacity;
  RebuildIndex();
}

void DecayedEdgeGraph::EdgeList::Add(Node to, double amount) {
  const size_t at = Find(to);
  if (at < size_) {
    float& weight = weights()[at];
    weight = static_cast<float>(weight + amount);
    return;
  }
  if (size_ == capacity_) Grow();
  data_[size_] = to;
  weights()[size_] = static_cast<float>(amount);
  if (IndexSlots(capacity_) > 0) IndexPosition(size_);
  ++size_;
}

void DecayedEdgeGraph::EdgeList::KeepHeaviest(size_t keep) {
  if (size_ <= keep) return;
  float* w = weights();
  if (keep > 0) {
    // The keep-th heaviest weight: every edge above it stays, and the first
    // ones (in list order) at it until `keep` are kept.
    absl::InlinedVector<float, 256> sorted(w, w + size_);
    std::nth_element(sorted.begin(), sorted.begin() + (keep - 1), sorted.end(),
                     std::greater<float>());
    const float threshold = sorted[keep - 1];
    size_t at_threshold = keep;
    for (size_t i = 0; i < size_; ++i) at_threshold -= w[i] > threshold;
    size_t kept = 0;
    for (size_t i = 0; i < size_; ++i) {
      const bool above = w[i] > threshold;
      const bool tie = !above && w[i] == threshold && at_threshold > 0;
      if (!above && !tie) continue;
      at_threshold -= tie;
      data_[kept] = data_[i];
      w[kept] = w[i];
      ++kept;
    }
  }
  size_ = static_cast<uint32_t>(keep);
  RebuildIndex();
}

void DecayedEdgeGraph::EdgeList::Scale(double factor) {
  float* w = weights();
  for (size_t i = 0; i < size_; ++i) w[i] = static_cast<float>(w[i] * factor);
}

DecayedEdgeGraph::DecayedEdgeGraph(size_t max_neighbors, TimeMs half_life_ms)
    : max_neighbors_(max_neighbors), half_life_ms_(half_life_ms) {}

DecayedEdgeGraph::EdgeList& DecayedEdgeGraph::ListFor(Shard& shard, Node from) {
  return DenseSlot(shard.nodes, from / kShards);
}

void DecayedEdgeGraph::MaybeRebase(TimeMs when) {
  {
    absl::ReaderMutexLock lock(&ref_mu_);
    if (!reference_.NeedsRebase(when, half_life_ms_)) return;
  }
  absl::MutexLock lock(&ref_mu_);
  if (!reference_.NeedsRebase(when, half_life_ms_)) return;
  const double factor = DecayFactor(when - reference_.ref, half_life_ms_);
  for (Shard& shard : shards_) {
    absl::MutexLock shard_lock(&shard.mu);
    for (EdgeList& list : shard.nodes) list.Scale(factor);
  }
  reference_.ref = when;
}

void DecayedEdgeGraph::AddEdge(Node from, Node to, double weight, TimeMs when) {
  const EdgeUpdate update{from, to, weight};
  AddEdges({&update, 1}, when);
}

void DecayedEdgeGraph::AddEdges(std::span<const EdgeUpdate> updates,
                                TimeMs when) {
  if (updates.empty()) return;
  MaybeRebase(when);
  absl::ReaderMutexLock ref_lock(&ref_mu_);
  const double scale = reference_.ScaleAt(when, half_life_ms_);
  // Prune in chunks: keep the strongest max_neighbors once twice as many
  // have accumulated, so that adding stays amortised O(1).
  const size_t prune_above = 2 * max_neighbors_;
  for (size_t i = 0; i < updates.size();) {
    const Node from = updates[i].from;
    Shard& shard = shards_[from % kShards];
    absl::MutexLock lock(&shard.mu);
    EdgeList& edges = ListFor(shard, from);
    for (; i < updates.size() && updates[i].from == from; ++i) {
      edges.Add(updates[i].to, updates[i].weight * scale);
      if (edges.size() > prune_above) edges.KeepHeaviest(max_neighbors_);
    }
  }
}

void DecayedEdgeGraph::ForEachNeighbor(
    Node from, TimeMs now, absl::FunctionRef<void(Node, double)> visit) const {
  const Shard& shard = shards_[from % kShards];
  absl::MutexLock lock(&shard.mu);
  const size_t slot = from / kShards;
  if (slot >= shard.nodes.size()) return;
  const EdgeList& edges = shard.nodes[slot];
  // Every weight is stored as of the same reference time, so the shares are
  // the same at any `now`.
  const float* weights = edges.weights();
  double total = 0.0;
  for (size_t i = 0; i < edges.size(); ++i) total += weights[i];
  if (total <= 0.0) return;
  for (size_t i = 0; i < edges.size(); ++i) {
    visit(edges.targets()[i], weights[i] / total);
  }
}

size_t DecayedEdgeGraph::edge_count() const {
  size_t edges = 0;
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    for (const EdgeList& list : shard.nodes) edges += list.size();
  }
  return edges;
}

size_t DecayedEdgeGraph::node_count() const {
  size_t nodes = 0;
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    for (const EdgeList& list : shard.nodes) nodes += list.size() > 0;
  }
  return nodes;
}

void DecayedEdgeGraph::SaveTo(persist::Encoder& out) const {
  // By node, so that one state always gives the same bytes.
  size_t end = 0;  // one past the largest node with a slot
  size_t nodes = 0;
  for (size_t s = 0; s < kShards; ++s) {
    const std::vector<EdgeList>& slots = shards_[s].nodes;
    for (size_t slot = 0; slot < slots.size(); ++slot) {
      if (slots[slot].size() == 0) continue;
      ++nodes;
      end = std::max(end, slot * kShards + s + 1);
    }
  }
  out.PutVarint(nodes);
  for (size_t from = 0; from < end; ++from) {
    const std::vector<EdgeList>& slots = shards_[from % kShards].nodes;
    const size_t slot = from / kShards;
    if (slot >= slots.size() || slots[slot].size() == 0) continue;
    const EdgeList& edges = slots[slot];
    out.PutVarint(from);
    out.PutVarint(edges.size());
    for (size_t i = 0; i < edges.size(); ++i) {
      out.PutVarint(edges.targets()[i]);
      persist::PutDecayed(out,
                          DecayedValue{edges.weights()[i], reference_.ref});
    }
  }
}

absl::Status DecayedEdgeGraph::LoadFrom(persist::Decoder& in) {
  // Two passes: the first finds the latest saved time, which becomes the
  // reference time (every time is the same one in a snapshot written with
  // a reference time, and then every weight loads bit for bit).
  struct Edges {
    Node from;
    std::vector<std::pair<Node, DecayedValue>> edges;
  };
  size_t nodes = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(nodes, "graph nodes"));
  std::vector<Edges> saved;
  saved.reserve(nodes);
  bool any = false;
  TimeMs latest = 0;
  for (size_t i = 0; i < nodes; ++i) {
    Edges& node = saved.emplace_back();
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, node.from, "graph node"));
    size_t count = 0;
    RANKER_RETURN_IF_ERROR(in.GetCount(count, "graph edges"));
    node.edges.resize(count);
    for (auto& [to, weight] : node.edges) {
      RANKER_RETURN_IF_ERROR(persist::GetU32(in, to, "edge target"));
      RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, weight, "edge"));
      latest = any ? std::max(latest, weight.at) : weight.at;
      any = true;
    }
  }
  absl::MutexLock ref_lock(&ref_mu_);
  if (any) reference_.ref = latest;
  for (const Edges& node : saved) {
    Shard& shard = shards_[node.from % kShards];
    absl::MutexLock lock(&shard.mu);
    EdgeList& edges = ListFor(shard, node.from);
    if (edges.size() > 0) return absl::DataLossError("graph node saved twice");
    for (const auto& [to, weight] : node.edges) {
      edges.Add(to,
                weight.value * reference_.ScaleAt(weight.at, half_life_ms_));
    }
  }
  return absl::OkStatus();
}

}  // namespace ranker
