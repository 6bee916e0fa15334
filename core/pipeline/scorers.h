// Stage 5: scorers. Each sets its score parts (signal × weight from the
// RankingConfig); the candidate's score is the sum of all parts.
#ifndef RANKER_CORE_PIPELINE_SCORERS_H_
#define RANKER_CORE_PIPELINE_SCORERS_H_

#include "core/pipeline/stages.h"

namespace ranker {

// Interest match at both speeds and with the current context: cosine
// similarity of the interest and the product's tags.
class InterestMatchScorer : public Scorer {
 public:
  absl::string_view name() const override { return "interest_match"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// Predicted click and purchase: smoothed rates, as log-ratios to their priors
// so that a product without evidence scores 0 and evidence moves it up or
// down.
class EngagementRateScorer : public Scorer {
 public:
  absl::string_view name() const override { return "engagement_rate"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// Decayed popularity, log-scaled relative to the most popular candidate.
class PopularityScorer : public Scorer {
 public:
  absl::string_view name() const override { return "popularity"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// The session signals: each session retriever's score relative to the best
// score that retriever gave in this request, in [0, 1].
class SessionScorer : public Scorer {
 public:
  absl::string_view name() const override { return "session"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// Shop governance: a product of a shop with quality score q in [0, 1] gets
// shop_quality × (q - 1), 0 for the best shops and for shops nobody scored.
class ShopQualityScorer : public Scorer {
 public:
  absl::string_view name() const override { return "shop_quality"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// Popularity debiasing of the crowd signals: session neighbours and
// co-engagement are votes of other people, so they favour what many people
// already saw. Each is divided by (1 + decayed popularity)^popularity_debias
// and scaled to the request's best again; the part is the difference this
// makes to their two parts (negative for the popular, positive for the tail),
// 0 when the exponent is 0.
class PopularityDebiasScorer : public Scorer {
 public:
  absl::string_view name() const override { return "popularity_debias"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// The exploration retriever's score (adjacent-interest strength) relative to
// the best it gave in this request, in [0, 1], times its weight.
class ExplorationScorer : public Scorer {
 public:
  absl::string_view name() const override { return "exploration"; }
  void Score(const RequestState& state,
             std::vector<Candidate>& candidates) const override;
};

// The smoothed rate (successes + prior × strength) / (trials + strength).
double SmoothedRate(double successes, double trials, double prior,
                    double strength);

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_SCORERS_H_
