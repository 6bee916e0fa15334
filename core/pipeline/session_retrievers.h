// Candidate sources driven by the current session's products (the instant
// interest at item level): what people engaged with next, and what similar
// sessions went on to.
#ifndef RANKER_CORE_PIPELINE_SESSION_RETRIEVERS_H_
#define RANKER_CORE_PIPELINE_SESSION_RETRIEVERS_H_

#include <vector>

#include "core/pipeline/stages.h"

namespace ranker {

// Weights of the session's products by position, most recent = 1:
// exp(-(positions from the end) / decay), oldest first like the session.
std::vector<double> SessionPositionWeights(size_t session_length, double decay);

// Co-engagement of recent products: score(c) = Σ over the last
// session_products_used products s of weight(s) × P(c follows s), from the
// CoEngagementIndex. Keeps the co_engagement_quota best.
class CoEngagementRetriever : public Retriever {
 public:
  absl::string_view name() const override {
    return SourceName(Source::kCoEngagement);
  }
  void Retrieve(RequestState& state) const override;
};

// The session's own products again, weighted by how recently and how often
// they came up (people return to what they just looked at: comparing,
// deciding). Its score part is off by default outside tuned deployments.
class SessionRepeatRetriever : public Retriever {
 public:
  absl::string_view name() const override {
    return SourceName(Source::kSessionRepeat);
  }
  void Retrieve(RequestState& state) const override;
};

// Session-neighbourhood retrieval in the spirit of STAN (Garg et al. 2019):
// sessions sharing the current session's products, weighted by overlap with
// position-weighted current products, normalised by both lengths; the
// neighbor_sessions most similar vote for their products, each weighted by
// its distance to the shared product. Work is bounded by
// neighbor_candidates sessions per session product.
class SessionNeighborRetriever : public Retriever {
 public:
  // Only the most recent session products are matched against neighbours.
  static constexpr size_t kMaxSessionProducts = 20;

  absl::string_view name() const override {
    return SourceName(Source::kSessionNeighbors);
  }
  void Retrieve(RequestState& state) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_SESSION_RETRIEVERS_H_
