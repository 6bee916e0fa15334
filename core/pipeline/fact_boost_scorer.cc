#include "core/pipeline/fact_boost_scorer.h"

#include <algorithm>
#include <span>

#include "absl/container/flat_hash_map.h"

namespace ranker {
namespace {

// The user's creator affinities, each divided by the strongest of its sign so
// that a strong dislike does not shrink the boost of the favourite creator.
absl::flat_hash_map<CreatorId, double> NormalisedAffinity(
    const ProfileView& profile) {
  double strongest_liked = 0.0;
  double strongest_rejected = 0.0;
  for (const CreatorAffinity& a : profile.creators) {
    strongest_liked = std::max(strongest_liked, static_cast<double>(a.weight));
    strongest_rejected =
        std::max(strongest_rejected, -static_cast<double>(a.weight));
  }
  absl::flat_hash_map<CreatorId, double> normalised;
  for (const CreatorAffinity& a : profile.creators) {
    const double scale = a.weight > 0.0f ? strongest_liked : strongest_rejected;
    if (scale > 0.0) normalised[a.creator] = a.weight / scale;
  }
  return normalised;
}

// The user's engagement through the best of `forms`, relative to the user's
// most used form, in [0, 1].
double FormSignal(const ProfileView& profile, ContentFormMask forms) {
  float most_used = 0.0f;
  float best = 0.0f;
  for (int f = 0; f < kContentFormCount; ++f) {
    const float affinity = std::max(0.0f, profile.form_affinity[f]);
    most_used = std::max(most_used, affinity);
    if (forms & FormBit(static_cast<ContentForm>(f))) {
      best = std::max(best, affinity);
    }
  }
  return most_used > 0.0f ? static_cast<double>(best) / most_used : 0.0;
}

}  // namespace

void FactBoostScorer::Score(const RequestState& state,
                            std::vector<Candidate>& candidates) const {
  const RankingConfig& config = state.config;
  const absl::flat_hash_map<CreatorId, double> affinity =
      NormalisedAffinity(state.profile);
  for (Candidate& c : candidates) {
    const Product& product = *c.item;
    c.SetPart(ScorePart::kLiveNow,
              product.LiveAt(state.now) ? config.live_now : 0.0);
    c.SetPart(ScorePart::kCampaign,
              product.CampaignAt(state.now) ? config.campaign : 0.0);
    // The product is as close to the user as its closest creator; creators
    // the user never met count as neutral.
    double best = 0.0;
    bool first = true;
    // A user without creator affinities scores every creator as neutral:
    // the product's creator list, a cache miss of its own, is not read.
    const std::span<const CreatorId> creators =
        affinity.empty() ? std::span<const CreatorId>()
                         : std::span<const CreatorId>(product.creators);
    for (CreatorId creator : creators) {
      auto it = affinity.find(creator);
      const double value = it == affinity.end() ? 0.0 : it->second;
      best = first ? value : std::max(best, value);
      first = false;
    }
    c.SetPart(ScorePart::kCreator, config.creator * best);
    c.SetPart(
        ScorePart::kContentForm,
        config.content_form * FormSignal(state.profile, product.content_forms));
  }
}

}  // namespace ranker
