#include "core/pipeline/commerce_density_reranker.h"

#include <algorithm>
#include <cmath>

#include "core/interest/commerce_history.h"

namespace ranker {

std::optional<CommerceDensity> CommerceDensityFor(const RequestState& state) {
  const RecommendRequest& request = state.request;
  if (request.scene != Scene::kFeed || request.content_slots <= 0) {
    return std::nullopt;
  }
  const RankingConfig& config = state.config;
  CommerceDensity density;
  density.tolerance = CommerceTolerance(state.profile.commerce,
                                        config.commerce_engagement_prior,
                                        config.commerce_prior_strength);
  // Rounded down: the share is a ceiling the page never exceeds.
  density.max_products = static_cast<int>(std::floor(
      request.content_slots * config.feed_commerce_share * density.tolerance +
      1e-9));
  density.min_score =
      config.feed_min_score +
      config.feed_intolerance_threshold * (1.0 - density.tolerance);
  return density;
}

void CommerceDensityReranker::Rerank(const RequestState& state,
                                     std::vector<Candidate>& ranked) const {
  const std::optional<CommerceDensity> density = CommerceDensityFor(state);
  if (!density.has_value()) return;
  std::erase_if(
      ranked, [&](const Candidate& c) { return c.score < density->min_score; });
  if (ranked.size() > static_cast<size_t>(density->max_products)) {
    ranked.resize(density->max_products);
  }
}

}  // namespace ranker
