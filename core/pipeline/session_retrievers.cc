#include "core/pipeline/session_retrievers.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "absl/container/flat_hash_map.h"

namespace ranker {

std::vector<double> SessionPositionWeights(size_t session_length,
                                           double decay) {
  std::vector<double> weights(session_length);
  for (size_t i = 0; i < session_length; ++i) {
    weights[i] = std::exp(-static_cast<double>(session_length - 1 - i) / decay);
  }
  return weights;
}

void CoEngagementRetriever::Retrieve(RequestState& state) const {
  const size_t quota = KnobCount(state.config.co_engagement_quota);
  if (state.session_products.empty() || quota == 0) return;
  const size_t used = std::min(state.session_products.size(),
                               KnobCount(state.config.session_products_used));
  const std::span<const ProductIdx> recent(state.session_products.end() - used,
                                           state.session_products.end());
  const std::vector<double> weights =
      SessionPositionWeights(used, state.config.session_position_decay);
  absl::flat_hash_map<ProductIdx, double> scores;
  for (size_t i = 0; i < used; ++i) {
    state.resources.co_engagement->ForEachNeighbor(
        recent[i], state.now, [&](ProductIdx next, double share) {
          scores[next] += weights[i] * share;
        });
  }
  state.AddBest(Source::kCoEngagement, quota, scores);
}

void SessionRepeatRetriever::Retrieve(RequestState& state) const {
  if (state.session_products.empty() || state.config.session_repeat == 0.0) {
    return;
  }
  const std::vector<double> weights = SessionPositionWeights(
      state.session_products.size(), state.config.session_position_decay);
  absl::flat_hash_map<ProductIdx, double> scores;
  for (size_t i = 0; i < weights.size(); ++i) {
    scores[state.session_products[i]] += weights[i];
  }
  state.AddBest(Source::kSessionRepeat, scores.size(), scores);
}

void SessionNeighborRetriever::Retrieve(RequestState& state) const {
  const RankingConfig& config = state.config;
  const size_t quota = KnobCount(config.session_neighbors_quota);
  if (state.session_products.empty() || quota == 0) return;

  // The current session: each distinct product at its most recent position.
  const size_t length =
      std::min(state.session_products.size(), kMaxSessionProducts);
  const std::span<const ProductIdx> session(
      state.session_products.end() - length, state.session_products.end());
  const std::vector<double> position_weights =
      SessionPositionWeights(length, config.session_position_decay);
  absl::flat_hash_map<ProductIdx, double> session_weight;
  for (size_t i = 0; i < length; ++i) {
    session_weight[session[i]] = position_weights[i];  // later wins
  }

  // Overlap of every sampled neighbour with the weighted current session,
  // and the neighbour's most recent shared product (the strongest weight).
  struct Overlap {
    double weight = 0.0;
    double strongest = 0.0;
    ProductIdx shared = 0;
  };
  absl::flat_hash_map<SessionId, Overlap> overlaps;
  const SessionIndex::Reader reader(*state.resources.sessions);
  // The user's own session is in the index too; it is not its own neighbour.
  const std::optional<SessionId> own =
      reader.Find(SessionKey(state.request.user_id, state.request.session_id));
  const size_t per_product = KnobCount(config.neighbor_candidates);
  for (auto& [product, weight] : session_weight) {
    if (config.neighbor_idf_exponent > 0.0) {
      weight *= std::pow(reader.InverseSessionFrequency(product),
                         config.neighbor_idf_exponent);
    }
  }
  for (const auto& entry : session_weight) {
    // Named copies, not structured bindings: clang before 16 cannot capture
    // a binding in a lambda (the fuzz build uses Debian's clang 14).
    const ProductIdx product = entry.first;
    const double weight = entry.second;
    reader.ForEachSessionWith(product, per_product, [&](SessionId id) {
      if (id == own) return true;
      Overlap& overlap = overlaps[id];
      overlap.weight += weight;
      if (weight > overlap.strongest) {
        overlap.strongest = weight;
        overlap.shared = product;
      }
      return true;
    });
  }

  // Similarity: weighted overlap / sqrt(|current| × |neighbour|).
  std::vector<std::pair<double, SessionId>> neighbors;
  neighbors.reserve(overlaps.size());
  const double current_norm =
      std::sqrt(static_cast<double>(session_weight.size()));
  // Each overlapping session's record is a likely cache miss: asked for
  // kAhead sessions before it is read.
  constexpr int kAhead = 8;
  auto ahead = overlaps.begin();
  for (int i = 0; i < kAhead && ahead != overlaps.end(); ++i, ++ahead) {
    reader.Prefetch(ahead->first);
  }
  for (const auto& [id, overlap] : overlaps) {
    if (ahead != overlaps.end()) {
      reader.Prefetch(ahead->first);
      ++ahead;
    }
    const double neighbor_length =
        static_cast<double>(reader.Products(id).size());
    neighbors.emplace_back(
        overlap.weight / (current_norm * std::sqrt(neighbor_length)), id);
  }
  const size_t keep =
      std::min(KnobCount(config.neighbor_sessions), neighbors.size());
  std::partial_sort(neighbors.begin(), neighbors.begin() + keep,
                    neighbors.end(), [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first
                                                : a.second > b.second;
                    });

  // Each neighbour votes for its products, by distance to the shared one.
  absl::flat_hash_map<ProductIdx, double> scores;
  for (size_t n = 0; n < keep; ++n) {
    const auto& [similarity, id] = neighbors[n];
    const std::span<const ProductIdx> products = reader.Products(id);
    const ProductIdx shared = overlaps[id].shared;
    const auto shared_at = std::find(products.begin(), products.end(), shared);
    const double shared_position =
        static_cast<double>(shared_at - products.begin());
    for (size_t i = 0; i < products.size(); ++i) {
      const double distance =
          std::abs(static_cast<double>(i) - shared_position);
      scores[products[i]] +=
          similarity * std::exp(-distance / config.neighbor_position_decay);
    }
  }
  state.AddBest(Source::kSessionNeighbors, quota, scores);
}

}  // namespace ranker
