#include "core/pipeline/ranking_config.h"

#include <array>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace ranker {
namespace {

constexpr double kMaxWeight = 1000.0;
constexpr double kMaxQuota = 5000.0;

constexpr auto kKnobs = std::to_array<RankingKnob>({
    {"long_term_match", &RankingConfig::long_term_match, -kMaxWeight,
     kMaxWeight, "weight of the long-term interest match"},
    {"instant_match", &RankingConfig::instant_match, -kMaxWeight, kMaxWeight,
     "weight of the instant (session) interest match"},
    {"context_match", &RankingConfig::context_match, -kMaxWeight, kMaxWeight,
     "weight of the match with the content being watched"},
    {"click_rate", &RankingConfig::click_rate, -kMaxWeight, kMaxWeight,
     "weight of the smoothed click-through rate (relative to its prior)"},
    {"purchase_rate", &RankingConfig::purchase_rate, -kMaxWeight, kMaxWeight,
     "weight of the smoothed purchase rate (relative to its prior)"},
    {"popularity", &RankingConfig::popularity, -kMaxWeight, kMaxWeight,
     "weight of log-scaled decayed popularity"},
    {"session_neighbors", &RankingConfig::session_neighbors, -kMaxWeight,
     kMaxWeight, "weight of the session-neighbourhood score"},
    {"co_engagement", &RankingConfig::co_engagement, -kMaxWeight, kMaxWeight,
     "weight of the co-engagement score"},
    {"session_repeat", &RankingConfig::session_repeat, -kMaxWeight, kMaxWeight,
     "weight of the session's own products (0: not retrieved again)"},
    {"shop_quality", &RankingConfig::shop_quality, -kMaxWeight, kMaxWeight,
     "demotion of a product by its shop's quality: -weight x (1 - quality)"},
    {"value", &RankingConfig::value, -kMaxWeight, kMaxWeight,
     "weight of log(price / the candidates' median price); 1 with "
     "purchase_rate 1 ranks by expected revenue"},
    {"repurchase_due", &RankingConfig::repurchase_due, -kMaxWeight, kMaxWeight,
     "weight of a bought consumable whose repurchase cycle is due"},
    {"cart", &RankingConfig::cart, -kMaxWeight, kMaxWeight,
     "weight of a product carted and not bought (fading with age)"},
    {"live_now", &RankingConfig::live_now, -kMaxWeight, kMaxWeight,
     "boost of a product whose live stream is on now"},
    {"campaign", &RankingConfig::campaign, -kMaxWeight, kMaxWeight,
     "boost of a product whose campaign is running now"},
    {"creator", &RankingConfig::creator, -kMaxWeight, kMaxWeight,
     "weight of the user's affinity with the product's creators (relative to "
     "the user's strongest creator)"},
    {"content_form", &RankingConfig::content_form, -kMaxWeight, kMaxWeight,
     "weight of the user's engagement through the product's content forms "
     "(relative to the user's most used form)"},
    {"popularity_debias", &RankingConfig::popularity_debias, 0.0, 4.0,
     "exponent beta: session-neighbour and co-engagement signals are divided "
     "by "
     "(1 + popularity)^beta"},
    {"exploration", &RankingConfig::exploration, -kMaxWeight, kMaxWeight,
     "weight of the adjacent-interest (exploration) score"},
    {"click_rate_prior", &RankingConfig::click_rate_prior, 1e-6, 1.0,
     "prior click-through rate of a product without evidence"},
    {"purchase_rate_prior", &RankingConfig::purchase_rate_prior, 1e-6, 1.0,
     "prior purchase-per-click rate of a product without evidence"},
    {"prior_strength", &RankingConfig::prior_strength, 0.0, 1e6,
     "pseudo-observations behind each prior"},
    {"instant_interest_quota", &RankingConfig::instant_interest_quota, 0,
     kMaxQuota, "candidates from instant-interest tags"},
    {"long_term_interest_quota", &RankingConfig::long_term_interest_quota, 0,
     kMaxQuota, "candidates from long-term-interest tags"},
    {"context_tags_quota", &RankingConfig::context_tags_quota, 0, kMaxQuota,
     "candidates from the content being watched and recent products"},
    {"popular_quota", &RankingConfig::popular_quota, 0, kMaxQuota,
     "candidates from the popular fallback"},
    {"storefront_quota", &RankingConfig::storefront_quota, 0, kMaxQuota,
     "candidates from the storefront's shop"},
    {"interest_tags_used", &RankingConfig::interest_tags_used, 1, 64,
     "strongest tags each interest retrieves by"},
    {"postings_per_tag", &RankingConfig::postings_per_tag, 1, 100000,
     "products read per tag in tag recall, strongest first (bounds the "
     "work per request at any catalog size)"},
    {"session_neighbors_quota", &RankingConfig::session_neighbors_quota, 0,
     kMaxQuota, "candidates from neighbour sessions"},
    {"co_engagement_quota", &RankingConfig::co_engagement_quota, 0, kMaxQuota,
     "candidates from co-engagement with the session's products"},
    {"live_now_quota", &RankingConfig::live_now_quota, 0, kMaxQuota,
     "candidates from live-now products matching the user's interests"},
    {"exploration_quota", &RankingConfig::exploration_quota, 0, kMaxQuota,
     "candidates from tags adjacent to the user's interests"},
    {"session_position_decay", &RankingConfig::session_position_decay, 0.01,
     1000, "how fast older session products lose weight (positions)"},
    {"neighbor_candidates", &RankingConfig::neighbor_candidates, 1, 10000,
     "most recent sessions sampled per session product"},
    {"neighbor_sessions", &RankingConfig::neighbor_sessions, 1, 5000,
     "most similar neighbour sessions used"},
    {"neighbor_position_decay", &RankingConfig::neighbor_position_decay, 0.01,
     1000,
     "how fast a neighbour's products lose weight away from the shared "
     "one (positions)"},
    {"neighbor_idf_exponent", &RankingConfig::neighbor_idf_exponent, 0, 10,
     "how much rare shared products outweigh common ones (0: not at all)"},
    {"session_products_used", &RankingConfig::session_products_used, 1, 100,
     "most recent session products that drive co-engagement"},
    {"fatigue_impressions", &RankingConfig::fatigue_impressions, 1, 1000,
     "impressions without engagement after which a product rests"},
    {"fatigue_cooldown_hours", &RankingConfig::fatigue_cooldown_hours, 0,
     24 * 365, "how long a fatigued product rests after its last showing"},
    {"repurchase_due_share", &RankingConfig::repurchase_due_share, 0, 3,
     "share of its repurchase cycle after which a bought consumable is due "
     "(before: not offered)"},
    {"repurchase_quota", &RankingConfig::repurchase_quota, 0, kMaxQuota,
     "candidates from the user's due consumables"},
    {"cart_memory_days", &RankingConfig::cart_memory_days, 0.01, 30,
     "days over which a cart's signal fades to 0 (the profile keeps 30)"},
    {"category_max_share", &RankingConfig::category_max_share, 0.0, 1.0,
     "largest share of the list from one category"},
    {"shop_max_share", &RankingConfig::shop_max_share, 0.0, 1.0,
     "largest share of the list from one shop"},
    {"feed_commerce_share", &RankingConfig::feed_commerce_share, 0.0, 1.0,
     "largest share of a feed page's content slots that hold products"},
    {"feed_min_score", &RankingConfig::feed_min_score, -kMaxWeight, kMaxWeight,
     "score a product needs to enter the feed for a tolerant user"},
    {"feed_intolerance_threshold", &RankingConfig::feed_intolerance_threshold,
     0.0, kMaxWeight,
     "extra score needed in the feed per unit of missing commerce tolerance"},
    {"commerce_engagement_prior", &RankingConfig::commerce_engagement_prior,
     1e-6, 1.0, "engagements per product shown in the feed of an average user"},
    {"commerce_prior_strength", &RankingConfig::commerce_prior_strength, 0.0,
     1e6, "pseudo-impressions behind the commerce engagement prior"},
    {"shop_quality_floor", &RankingConfig::shop_quality_floor, 0.0, 1.0,
     "in the feed, shops below this quality score are not shown (0: off)"},
    {"exploration_slots", &RankingConfig::exploration_slots, 0, 200,
     "places kept for products only exploration found"},
    {"long_tail_share", &RankingConfig::long_tail_share, 0.0, 1.0,
     "largest share of the list reserved for low-exposure matching products"},
    {"long_tail_max_impressions", &RankingConfig::long_tail_max_impressions,
     0.0, 1e9, "decayed impressions below which a product is low-exposure"},
    {"long_tail_max_engagement", &RankingConfig::long_tail_max_engagement, 0.0,
     1e9,
     "decayed engagement mass below which a product is low-exposure, when "
     "no impression was ever logged"},
    {"long_tail_min_match", &RankingConfig::long_tail_min_match, 0.0,
     kMaxWeight, "least sum of personal score parts for a long-tail promotion"},
});

}  // namespace

std::span<const RankingKnob> RankingKnobs() { return kKnobs; }

size_t KnobCount(double value, size_t at_least) {
  const double floor = std::floor(value);
  return floor > static_cast<double>(at_least) ? static_cast<size_t>(floor)
                                               : at_least;
}

absl::Status RankingConfig::Set(absl::string_view name, double value) {
  return SetNamed(name, value, absl::StrCat("weight_overrides[", name, "]"));
}

absl::Status RankingConfig::SetNamed(absl::string_view name, double value,
                                     absl::string_view field) {
  for (const RankingKnob& knob : kKnobs) {
    if (knob.name != name) continue;
    if (!std::isfinite(value)) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": must be a finite number"));
    }
    if (value < knob.min || value > knob.max) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": must be in [", knob.min, ", ", knob.max, "], got ", value));
    }
    this->*knob.field = value;
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": unknown ranking knob"));
}

}  // namespace ranker
