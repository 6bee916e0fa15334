// Stage 6: long-tail exposure. Ranking by evidence starves what has little
// of it: a new or niche product that is never shown never earns the clicks
// that would rank it. This reranker reserves up to long_tail_share of the
// list (rounded down) for low-exposure products that match the user, and
// chooses among them by Thompson sampling of their click rate, so the
// outcome of showing them (impressions, clicks) steers the next choice.
//
// Low exposure: fewer than long_tail_max_impressions decayed impressions;
// when the service has never logged an impression (a caller that only
// reports engagement, or a replayed dataset) the decayed engagement mass
// (popularity) stands in for exposure: less than long_tail_max_engagement.
// Matching the user: the personal score parts (interest and context match,
// session neighbours, co-engagement, their popularity debiasing,
// exploration) sum to at least long_tail_min_match.
// Choice: each eligible product outside the head draws a click rate from
// Beta(clicks + prior·k, impressions − clicks + (1 − prior)·k) (prior =
// click_rate_prior, k = prior_strength); the draws times the match pick the
// products, which take the last places of the head, best first. Eligible
// products already in the head count against the share.
//
// The draws are deterministic per request: the generator is seeded from the
// user id, the session id and the request time (Seed()), so a test (or an
// engineer replaying a request) sees the same list twice.
#ifndef RANKER_CORE_PIPELINE_LONG_TAIL_EXPOSURE_RERANKER_H_
#define RANKER_CORE_PIPELINE_LONG_TAIL_EXPOSURE_RERANKER_H_

#include <cstdint>
#include <random>

#include "core/pipeline/stages.h"

namespace ranker {

class LongTailExposureReranker : public Reranker {
 public:
  absl::string_view name() const override { return "long_tail_exposure"; }
  void Rerank(const RequestState& state,
              std::vector<Candidate>& ranked) const override;

  // FNV-1a over user id, session id and request time.
  static uint64_t Seed(const RequestState& state);
  // Sum of the candidate's personal score parts.
  static double PersonalMatch(const Candidate& c);
  // A draw from Beta(a, b) (a, b > 0) through two gamma draws.
  static double SampleBeta(double a, double b, std::mt19937_64& rng);
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_LONG_TAIL_EXPOSURE_RERANKER_H_
