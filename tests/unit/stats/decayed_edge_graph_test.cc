#include "core/stats/decayed_edge_graph.h"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/persist/state_encoding.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kEdgeHalfLife = 1000;
constexpr TimeMs kEdgeT0 = 1'700'000'000'000;

using GraphNode = DecayedEdgeGraph::Node;

std::map<GraphNode, double> EdgeShares(const DecayedEdgeGraph& graph,
                                       GraphNode from, TimeMs now = kEdgeT0) {
  std::map<GraphNode, double> shares;
  graph.ForEachNeighbor(
      from, now, [&](GraphNode to, double share) { shares[to] = share; });
  return shares;
}

std::string GraphBytes(const DecayedEdgeGraph& graph) {
  persist::Encoder out;
  graph.SaveTo(out);
  return out.Take();
}

TEST(DecayedEdgeGraph, SharesAreWeightsOverTheNodesTotal) {
  DecayedEdgeGraph graph(10, kEdgeHalfLife);
  graph.AddEdge(1, 2, 3.0, kEdgeT0);
  graph.AddEdge(1, 3, 1.0, kEdgeT0);
  graph.AddEdge(1, 2, 1.0, kEdgeT0);
  const auto shares = EdgeShares(graph, 1);
  EXPECT_DOUBLE_EQ(shares.at(2), 0.8);
  EXPECT_DOUBLE_EQ(shares.at(3), 0.2);
  EXPECT_TRUE(EdgeShares(graph, 2).empty());
  EXPECT_TRUE(EdgeShares(graph, 1'000'000).empty());  // beyond every node slot
  EXPECT_EQ(graph.edge_count(), 2u);
  EXPECT_EQ(graph.node_count(), 1u);
}

TEST(DecayedEdgeGraph, OlderWeightsCountLessByTheirAge) {
  DecayedEdgeGraph graph(10, kEdgeHalfLife);
  graph.AddEdge(1, 2, 1.0, kEdgeT0);
  graph.AddEdge(1, 3, 1.0,
                kEdgeT0 + 2 * kEdgeHalfLife);  // 2 is worth 1/4 by then
  const auto shares = EdgeShares(graph, 1, kEdgeT0 + 5 * kEdgeHalfLife);
  EXPECT_NEAR(shares.at(2), 0.25 / 1.25, 1e-6);
  EXPECT_NEAR(shares.at(3), 1.0 / 1.25, 1e-6);
}

TEST(DecayedEdgeGraph, ALateUpdateCountsAsOfItsOwnTime) {
  DecayedEdgeGraph graph(10, kEdgeHalfLife);
  graph.AddEdge(1, 2, 1.0, kEdgeT0 + kEdgeHalfLife);
  graph.AddEdge(1, 3, 1.0, kEdgeT0);  // arrives late: half of 2 already
  const auto shares = EdgeShares(graph, 1, kEdgeT0 + kEdgeHalfLife);
  EXPECT_NEAR(shares.at(2), 1.0 / 1.5, 1e-6);
  EXPECT_NEAR(shares.at(3), 0.5 / 1.5, 1e-6);
}

TEST(DecayedEdgeGraph, ABatchEqualsOneUpdateAtATime) {
  DecayedEdgeGraph one(3, kEdgeHalfLife);
  DecayedEdgeGraph batch(3, kEdgeHalfLife);
  std::vector<DecayedEdgeGraph::EdgeUpdate> updates;
  for (GraphNode to = 10; to < 30; ++to) {
    updates.push_back({1, to, 1.0 + to % 7});
    updates.push_back({2, to, 2.0});
    updates.push_back({2, to + 1, 0.5});
  }
  for (const auto& u : updates) one.AddEdge(u.from, u.to, u.weight, kEdgeT0);
  batch.AddEdges(updates, kEdgeT0);
  EXPECT_EQ(GraphBytes(one), GraphBytes(batch));
}

TEST(DecayedEdgeGraph, PruningKeepsTheHeaviestAndBoundsTheNode) {
  DecayedEdgeGraph graph(2, kEdgeHalfLife);
  graph.AddEdge(1, 100, 50.0, kEdgeT0);
  graph.AddEdge(1, 101, 40.0, kEdgeT0);
  for (GraphNode to = 0; to < 20; ++to) {
    graph.AddEdge(1, to, 1.0, kEdgeT0);
    EXPECT_LE(graph.edge_count(), 4u);  // 2 x max_neighbors at most
  }
  const auto shares = EdgeShares(graph, 1);
  EXPECT_EQ(shares.count(100), 1u);
  EXPECT_EQ(shares.count(101), 1u);
}

TEST(DecayedEdgeGraph, PruningKeepsTheFirstOfEqualWeightsInOrder) {
  // Six edges of weight 1 but 14 (1.5); the seventh makes the node prune
  // to 3: 14, then the first two of the equal ones.
  DecayedEdgeGraph graph(3, kEdgeHalfLife);
  for (GraphNode to = 10; to < 16; ++to) {
    graph.AddEdge(1, to, to == 14 ? 1.5 : 1.0, kEdgeT0);
  }
  graph.AddEdge(1, 16, 1.0, kEdgeT0);
  const auto shares = EdgeShares(graph, 1);
  ASSERT_EQ(shares.size(), 3u);
  EXPECT_EQ(shares.count(10), 1u);
  EXPECT_EQ(shares.count(11), 1u);
  EXPECT_EQ(shares.count(14), 1u);
}

TEST(DecayedEdgeGraph, LongListsFindTheirEdgesThroughTheIndex) {
  // 500 targets, each added a few times in a scrambled order: past
  // kIndexFrom the list is indexed, and every addition still lands on its
  // target's edge.
  DecayedEdgeGraph graph(1000, kEdgeHalfLife);
  std::map<GraphNode, double> expected;
  double total = 0;
  for (uint32_t i = 0; i < 2000; ++i) {
    const GraphNode to = (i * 7919u) % 500 * 1'000'003u;  // far-apart ids
    const double weight = 1.0 + (i % 3);
    graph.AddEdge(1, to, weight, kEdgeT0);
    expected[to] += weight;
    total += weight;
  }
  EXPECT_EQ(graph.edge_count(), 500u);
  const auto shares = EdgeShares(graph, 1);
  ASSERT_EQ(shares.size(), 500u);
  for (const auto& [to, weight] : expected) {
    EXPECT_NEAR(shares.at(to), weight / total, 1e-9) << to;
  }
}

TEST(DecayedEdgeGraph, AnIndexedListStaysRightAcrossPrunes) {
  DecayedEdgeGraph graph(100, kEdgeHalfLife);
  // Target t weighs t: pruning keeps the heaviest. Then the kept ones are
  // added to again, which must find them, not append duplicates.
  for (GraphNode to = 1; to <= 1000; ++to) {
    graph.AddEdge(1, to, to, kEdgeT0);
    ASSERT_LE(graph.edge_count(), 200u);
  }
  const auto before = EdgeShares(graph, 1);
  const size_t kept = before.size();
  for (const auto& [to, share] : before) graph.AddEdge(1, to, 1.0, kEdgeT0);
  EXPECT_EQ(graph.edge_count(), kept);
  EXPECT_EQ(before.count(1000), 1u);
  EXPECT_EQ(before.count(1), 0u);
}

TEST(DecayedEdgeGraph, RebasingTheReferenceTimeKeepsTheShares) {
  // Far more than DecayReference::kMaxHalfLives apart: the stored weights
  // are rebased on the way, and decay to 2^-40 of what they were.
  DecayedEdgeGraph graph(10, kEdgeHalfLife);
  graph.AddEdge(1, 2, 1.0, kEdgeT0);
  graph.AddEdge(1, 3, 1.0, kEdgeT0 + 10 * kEdgeHalfLife);
  graph.AddEdge(1, 3, 1.0, kEdgeT0 + 20 * kEdgeHalfLife);
  graph.AddEdge(1, 4, 3.0, kEdgeT0 + 30 * kEdgeHalfLife);
  graph.AddEdge(1, 5, 1.0, kEdgeT0 + 40 * kEdgeHalfLife);
  const auto shares = EdgeShares(graph, 1, kEdgeT0 + 40 * kEdgeHalfLife);
  const double w3 = std::exp2(-30.0) + std::exp2(-20.0);
  const double w4 = 3.0 * std::exp2(-10.0);
  const double total = std::exp2(-40.0) + w3 + w4 + 1.0;
  EXPECT_NEAR(shares.at(3), w3 / total, 1e-9);
  EXPECT_NEAR(shares.at(4), w4 / total, 1e-9);
  EXPECT_NEAR(shares.at(5), 1.0 / total, 1e-9);
}

TEST(DecayedEdgeGraph, SnapshotsRoundTripBitForBit) {
  DecayedEdgeGraph graph(4, kEdgeHalfLife);
  for (GraphNode from = 0; from < 200; from += 3) {
    for (GraphNode to = 0; to < 12; ++to) {
      graph.AddEdge(from, to, 0.1 * (to + 1),
                    kEdgeT0 + static_cast<TimeMs>(to) * 137);
    }
  }
  const std::string bytes = GraphBytes(graph);
  DecayedEdgeGraph loaded(4, kEdgeHalfLife);
  persist::Decoder in(bytes);
  ASSERT_TRUE(loaded.LoadFrom(in).ok());
  EXPECT_TRUE(in.done());
  EXPECT_EQ(GraphBytes(loaded), bytes);
  EXPECT_EQ(EdgeShares(loaded, 3), EdgeShares(graph, 3));
}

TEST(DecayedEdgeGraph, LoadsSnapshotsWithATimePerEdge) {
  // The encoding of snapshots written before the shared reference time:
  // each edge's weight as of its own last update.
  persist::Encoder out;
  out.PutVarint(1);  // nodes
  out.PutVarint(7);  // from
  out.PutVarint(2);  // edges
  out.PutVarint(8);
  persist::PutDecayed(out, DecayedValue{4.0f, kEdgeT0});
  out.PutVarint(9);
  persist::PutDecayed(out, DecayedValue{1.0f, kEdgeT0 + 2 * kEdgeHalfLife});
  DecayedEdgeGraph graph(10, kEdgeHalfLife);
  persist::Decoder in(out.bytes());
  ASSERT_TRUE(graph.LoadFrom(in).ok());
  const auto shares = EdgeShares(graph, 7, kEdgeT0 + 2 * kEdgeHalfLife);
  EXPECT_DOUBLE_EQ(shares.at(8), 0.5);  // 4 two half-lives ago: 1
  EXPECT_DOUBLE_EQ(shares.at(9), 0.5);
}

TEST(DecayedEdgeGraph, ANodeSavedTwiceIsDamage) {
  persist::Encoder out;
  out.PutVarint(2);
  for (int i = 0; i < 2; ++i) {
    out.PutVarint(7);
    out.PutVarint(1);
    out.PutVarint(8);
    persist::PutDecayed(out, DecayedValue{1.0f, kEdgeT0});
  }
  DecayedEdgeGraph graph(10, kEdgeHalfLife);
  persist::Decoder in(out.bytes());
  EXPECT_EQ(graph.LoadFrom(in).code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace ranker
