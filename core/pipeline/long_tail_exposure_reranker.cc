#include "core/pipeline/long_tail_exposure_reranker.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "core/pipeline/head_slots.h"

namespace ranker {
namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

void Mix(uint64_t& hash, absl::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= kFnvPrime;
  }
  // A separator, so ("ab", "c") and ("a", "bc") differ.
  hash ^= 0xff;
  hash *= kFnvPrime;
}

// Beta parameters never reach 0 (a prior strength of 0 is allowed).
constexpr double kMinBetaParameter = 1e-3;

}  // namespace

uint64_t LongTailExposureReranker::Seed(const RequestState& state) {
  uint64_t hash = kFnvOffset;
  Mix(hash, state.request.user_id);
  Mix(hash, state.request.session_id);
  char time[sizeof(TimeMs)];
  for (size_t i = 0; i < sizeof(TimeMs); ++i) {
    time[i] =
        static_cast<char>((static_cast<uint64_t>(state.now) >> (8 * i)) & 0xff);
  }
  Mix(hash, absl::string_view(time, sizeof(time)));
  return hash;
}

double LongTailExposureReranker::PersonalMatch(const Candidate& c) {
  return c.part(ScorePart::kLongTermMatch) + c.part(ScorePart::kInstantMatch) +
         c.part(ScorePart::kContextMatch) +
         c.part(ScorePart::kSessionNeighbors) +
         c.part(ScorePart::kCoEngagement) +
         c.part(ScorePart::kPopularityDebias) + c.part(ScorePart::kExploration);
}

double LongTailExposureReranker::SampleBeta(double a, double b,
                                            std::mt19937_64& rng) {
  const double x = std::gamma_distribution<double>(a, 1.0)(rng);
  const double y = std::gamma_distribution<double>(b, 1.0)(rng);
  return x + y > 0.0 ? x / (x + y) : a / (a + b);
}

void LongTailExposureReranker::Rerank(const RequestState& state,
                                      std::vector<Candidate>& ranked) const {
  const RankingConfig& config = state.config;
  const size_t count = static_cast<size_t>(std::max(state.request.count, 0));
  const size_t slots = static_cast<size_t>(
      std::floor(config.long_tail_share * static_cast<double>(count) + 1e-9));
  const size_t head = std::min(count, ranked.size());
  if (slots == 0 || ranked.size() <= head) return;

  const bool impressions_logged = state.resources.stats->has_impressions();
  auto eligible = [&](const Candidate& c) {
    const bool low_exposure =
        impressions_logged
            ? c.counts.impressions < config.long_tail_max_impressions
            : c.counts.popularity < config.long_tail_max_engagement;
    return low_exposure && PersonalMatch(c) >= config.long_tail_min_match;
  };
  const size_t present =
      std::count_if(ranked.begin(), ranked.begin() + head, eligible);
  if (present >= slots) return;

  std::mt19937_64 rng(Seed(state));
  const double prior = config.click_rate_prior;
  const double strength = config.prior_strength;
  struct Draw {
    double value;  // sampled click rate × personal match
    double rate;   // sampled click rate
    size_t position;
  };
  std::vector<Draw> draws;
  for (size_t i = head; i < ranked.size(); ++i) {
    const Candidate& c = ranked[i];
    if (!eligible(c)) continue;
    const double shown = c.counts.impressions;
    const double clicks = std::min(c.counts.clicks, shown);
    const double rate = SampleBeta(
        std::max(clicks + prior * strength, kMinBetaParameter),
        std::max(shown - clicks + (1.0 - prior) * strength, kMinBetaParameter),
        rng);
    draws.push_back({rate * PersonalMatch(c), rate, i});
  }
  const size_t take = std::min(
      {slots - present, draws.size(), DisplaceableInHead(ranked, head)});
  std::partial_sort(draws.begin(), draws.begin() + take, draws.end(),
                    [](const Draw& a, const Draw& b) {
                      return a.value != b.value ? a.value > b.value
                                                : a.position < b.position;
                    });
  std::vector<size_t> picks;
  for (size_t k = 0; k < take; ++k) {
    picks.push_back(draws[k].position);
    if (state.request.debug) {
      ranked[draws[k].position].rerank_notes.push_back(absl::StrFormat(
          "moved up: long-tail exposure (sampled ctr %.3f)", draws[k].rate));
    }
  }
  PromoteIntoHead(ranked, head, picks);
}

}  // namespace ranker
