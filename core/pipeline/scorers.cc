#include "core/pipeline/scorers.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/container/flat_hash_map.h"

namespace ranker {

double SmoothedRate(double successes, double trials, double prior,
                    double strength) {
  const double denominator = trials + strength;
  if (denominator <= 0.0) return prior;
  return std::clamp((successes + prior * strength) / denominator, 0.0, 1.0);
}

void InterestMatchScorer::Score(const RequestState& state,
                                std::vector<Candidate>& candidates) const {
  const RankingConfig& config = state.config;
  // The three interests' weights of a tag in one map: one lookup per
  // product tag instead of three. The same arithmetic as
  // SparseInterest::Match, so the same cosines to the last bit.
  constexpr int kLongTerm = 0, kInstant = 1, kContext = 2;
  const SparseInterest* interests[] = {&state.long_term, &state.instant,
                                       &state.context};
  absl::flat_hash_map<TagId, std::array<float, 3>> weights;
  for (int i = 0; i < 3; ++i) {
    for (const TagWeight& tw : interests[i]->by_weight()) {
      weights[tw.tag][i] = tw.weight;
    }
  }
  // The first stage to read each candidate's product: at a large catalog
  // the product and its tag list are dependent cache misses. Asked for
  // a few candidates ahead, the misses overlap instead of queueing.
  constexpr size_t kProductAhead = 16, kTagsAhead = 8;
  const size_t n = candidates.size();
  for (size_t k = 0; k < n; ++k) {
    if (k + kProductAhead < n) {
      // Both lines a Product's hot fields span (the later scorers read the
      // second: windows, creators).
      const char* product =
          reinterpret_cast<const char*>(candidates[k + kProductAhead].item);
      __builtin_prefetch(product);
      __builtin_prefetch(product + 64);
    }
    if (k + kTagsAhead < n) {
      __builtin_prefetch(candidates[k + kTagsAhead].item->tags.data());
    }
    Candidate& c = candidates[k];
    std::array<double, 3> dot{};
    for (const TagWeight& tw : c.item->tags) {
      if (auto it = weights.find(tw.tag); it != weights.end()) {
        for (int i = 0; i < 3; ++i) {
          dot[i] += static_cast<double>(it->second[i]) * tw.weight;
        }
      }
    }
    auto cosine = [&](int i) {
      const double norm = interests[i]->norm();
      if (norm == 0.0 || c.item->tag_norm == 0.0f) return 0.0;
      return dot[i] / (norm * c.item->tag_norm);
    };
    c.SetPart(ScorePart::kLongTermMatch,
              config.long_term_match * cosine(kLongTerm));
    c.SetPart(ScorePart::kInstantMatch,
              config.instant_match * cosine(kInstant));
    c.SetPart(ScorePart::kContextMatch,
              config.context_match * cosine(kContext));
  }
}

void EngagementRateScorer::Score(const RequestState& state,
                                 std::vector<Candidate>& candidates) const {
  const RankingConfig& config = state.config;
  // A service that never saw an impression (or a purchase) has no evidence
  // for that rate: the part stays 0 rather than reading absence as failure.
  const bool click_evidence = state.resources.stats->has_impressions();
  const bool purchase_evidence = state.resources.stats->has_purchases();
  for (Candidate& c : candidates) {
    // Callers do not always log impressions, and a click without a logged
    // impression says nothing about the rate: only clicks up to the logged
    // impressions count, so a caller that logs none leaves the prior (part 0)
    // instead of turning raw click counts into a popularity bonus.
    const double shown = c.counts.impressions;
    const double click_rate =
        SmoothedRate(std::min(c.counts.clicks, shown), shown,
                     config.click_rate_prior, config.prior_strength);
    const double purchase_rate = SmoothedRate(
        c.counts.purchases, std::max(c.counts.clicks, c.counts.purchases),
        config.purchase_rate_prior, config.prior_strength);
    // Rates of exactly 0 are possible with no prior strength; keep logs finite.
    constexpr double kFloor = 1e-6;
    c.SetPart(ScorePart::kClickRate,
              click_evidence
                  ? config.click_rate * std::log(std::max(click_rate, kFloor) /
                                                 config.click_rate_prior)
                  : 0.0);
    c.SetPart(ScorePart::kPurchaseRate,
              purchase_evidence ? config.purchase_rate *
                                      std::log(std::max(purchase_rate, kFloor) /
                                               config.purchase_rate_prior)
                                : 0.0);
  }
}

void PopularityScorer::Score(const RequestState& state,
                             std::vector<Candidate>& candidates) const {
  double max_popularity = 0.0;
  for (const Candidate& c : candidates) {
    max_popularity = std::max(max_popularity, c.counts.popularity);
  }
  const double scale = std::log1p(max_popularity);
  for (Candidate& c : candidates) {
    const double signal =
        scale > 0.0 ? std::log1p(std::max(0.0, c.counts.popularity)) / scale
                    : 0.0;
    c.SetPart(ScorePart::kPopularity, state.config.popularity * signal);
  }
}

namespace {

// Each candidate's retrieval score from `source` scaled by `factor(c)` and
// divided by the best such score of the request: in [0, 1], all 0 when the
// source proposed nothing.
template <typename Factor>
std::vector<double> RelativeSourceScores(
    const std::vector<Candidate>& candidates, Source source, Factor factor) {
  std::vector<double> relative(candidates.size(), 0.0);
  double best = 0.0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    relative[i] = candidates[i].source_score(source) * factor(candidates[i]);
    best = std::max(best, relative[i]);
  }
  for (double& r : relative) r = best > 0.0 ? r / best : 0.0;
  return relative;
}

std::vector<double> RelativeSourceScores(
    const std::vector<Candidate>& candidates, Source source) {
  return RelativeSourceScores(candidates, source,
                              [](const Candidate&) { return 1.0; });
}

}  // namespace

void SessionScorer::Score(const RequestState& state,
                          std::vector<Candidate>& candidates) const {
  const struct {
    Source source;
    ScorePart part;
    double weight;
  } signals[] = {
      {Source::kSessionNeighbors, ScorePart::kSessionNeighbors,
       state.config.session_neighbors},
      {Source::kCoEngagement, ScorePart::kCoEngagement,
       state.config.co_engagement},
      {Source::kSessionRepeat, ScorePart::kSessionRepeat,
       state.config.session_repeat},
  };
  for (const auto& signal : signals) {
    const std::vector<double> relative =
        RelativeSourceScores(candidates, signal.source);
    for (size_t i = 0; i < candidates.size(); ++i) {
      candidates[i].SetPart(signal.part, signal.weight * relative[i]);
    }
  }
}

void ShopQualityScorer::Score(const RequestState& state,
                              std::vector<Candidate>& candidates) const {
  for (Candidate& c : candidates) {
    // Written as q - 1 so that a perfect shop scores +0, not -0.
    const double quality = state.shops.Of(c.item->shop_idx).quality;
    c.SetPart(ScorePart::kShopQuality,
              state.config.shop_quality * (quality - 1.0));
  }
}

void PopularityDebiasScorer::Score(const RequestState& state,
                                   std::vector<Candidate>& candidates) const {
  const double beta = state.config.popularity_debias;
  std::vector<double> change(candidates.size(), 0.0);
  if (beta != 0.0) {
    const struct {
      Source source;
      double weight;
    } signals[] = {
        {Source::kSessionNeighbors, state.config.session_neighbors},
        {Source::kCoEngagement, state.config.co_engagement},
    };
    auto discount = [beta](const Candidate& c) {
      return std::pow(1.0 + std::max(0.0, c.counts.popularity), -beta);
    };
    for (const auto& signal : signals) {
      const std::vector<double> plain =
          RelativeSourceScores(candidates, signal.source);
      const std::vector<double> debiased =
          RelativeSourceScores(candidates, signal.source, discount);
      for (size_t i = 0; i < candidates.size(); ++i) {
        change[i] += signal.weight * (debiased[i] - plain[i]);
      }
    }
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    candidates[i].SetPart(ScorePart::kPopularityDebias, change[i]);
  }
}

void ExplorationScorer::Score(const RequestState& state,
                              std::vector<Candidate>& candidates) const {
  const std::vector<double> relative =
      RelativeSourceScores(candidates, Source::kExploration);
  for (size_t i = 0; i < candidates.size(); ++i) {
    candidates[i].SetPart(ScorePart::kExploration,
                          state.config.exploration * relative[i]);
  }
}

}  // namespace ranker
