// The ranking knobs: score weights, retrieval quotas and rerank caps, each
// with a name, a default, an allowed range and a line of documentation. The
// names are the public vocabulary of per-request overrides
// (RecommendProductsRequest.weight_overrides) and of docs/ranking.md.
#ifndef RANKER_CORE_PIPELINE_RANKING_CONFIG_H_
#define RANKER_CORE_PIPELINE_RANKING_CONFIG_H_

#include <cstddef>
#include <span>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace ranker {

// The session knobs' defaults were chosen on a validation split carved from
// Diginetica's training sessions (docs/evaluation.md), never on its test file.
struct RankingConfig {
  // Score weights: each score part is its signal times its weight.
  double long_term_match = 1.0;  // cosine(long-term interest, product tags)
  double instant_match = 2.0;    // cosine(instant interest, product tags)
  double context_match = 1.5;    // cosine(content being watched, product tags)
  double click_rate = 1.0;       // smoothed click-through rate / prior
  double purchase_rate = 0.5;    // smoothed purchase-per-click rate / prior
  double popularity = 0.02;      // log-scaled decayed popularity
  double session_neighbors = 1.0;  // session-kNN score / the request's best
  double co_engagement = 0.15;     // co-engagement score / the request's best
  double session_repeat = 1.2;     // the session's own products, by recency
  // Shop governance: a product scores -shop_quality × (1 - its shop's quality
  // score), so a 0.2-quality shop's product loses 1.6 against a 1.0 shop's.
  double shop_quality = 2.0;
  // The objective: click_rate × log pCTR + purchase_rate × log pCVR + value ×
  // log price is log(pCTR^a × pCVR^b × price^c). Click-oriented: (1, 0, 0);
  // GMV-oriented (expected revenue per impression): (1, 1, 1). The default
  // sits between and leaves price out until a deployment shows it pays.
  double value = 0.0;           // log(price / the candidates' median price)
  double repurchase_due = 1.0;  // a bought consumable whose cycle is due
  double cart = 3.0;            // carted and not bought, fading with age
  // Content-form boosts (FACT): added on top of interest, never instead of
  // it, so each stays below a strong interest match (instant_match is 2).
  double live_now = 0.5;  // the product's live stream is on now
  double campaign = 0.3;  // its campaign is running now
  double creator = 0.8;   // affinity with its creators / the user's strongest
  double content_form = 0.25;  // the user's engagement through its forms
  // Popularity debiasing: the session-neighbour and co-engagement signals
  // (votes of other people, which favour what many people saw) are divided
  // by (1 + popularity)^popularity_debias before they are scaled to the
  // request's best; the score part is the change this makes.
  double popularity_debias = 0.25;
  double exploration = 0.3;  // adjacent-interest score / the request's best

  // Smoothing: rates start at the prior and move with evidence; `strength` is
  // how many pseudo-observations the prior is worth.
  double click_rate_prior = 0.05;
  double purchase_rate_prior = 0.02;
  double prior_strength = 20.0;

  // Retrieval quotas (candidates per source) and breadth.
  double instant_interest_quota = 200;
  double long_term_interest_quota = 200;
  double context_tags_quota = 150;
  double popular_quota = 100;
  double storefront_quota = 500;
  double interest_tags_used = 8;  // strongest tags each interest retrieves by
  // Postings read per tag, strongest first: bounds a tag's recall work at
  // any catalog size (a tag of a million-product catalog may have 100,000).
  double postings_per_tag = 250;
  double session_neighbors_quota = 200;
  double co_engagement_quota = 200;
  double live_now_quota = 50;     // live-now products matching the interests
  double exploration_quota = 20;  // products from tags adjacent to interests

  // Session retrieval (STAN-style): a session product p positions from the
  // end weighs exp(-p / session_position_decay); neighbour sessions are
  // sampled among the `neighbor_candidates` most recent sessions sharing each
  // session product, the `neighbor_sessions` most similar are used, and a
  // product d positions away from the shared one in a neighbour weighs
  // exp(-d / neighbor_position_decay).
  double session_position_decay = 2.0;
  double neighbor_candidates = 1000;
  double neighbor_sessions = 100;
  double neighbor_position_decay = 4.0;
  // Shared products count idf^neighbor_idf_exponent times (idf = log(1 +
  // sessions / sessions with the product)): rare shared products say more.
  double neighbor_idf_exponent = 0.5;
  double session_products_used = 5;  // most recent ones drive co-engagement

  // Impression fatigue: a product shown this many times without engagement
  // is not shown again until fatigue_cooldown_hours after the last showing.
  double fatigue_impressions = 3;
  double fatigue_cooldown_hours = 24;

  // Conversion: a consumable bought less than repurchase_due_share × its
  // cycle ago is not offered; once due, up to repurchase_quota of the user's
  // due consumables are retrieved. A cart's signal fades linearly to 0 over
  // cart_memory_days.
  double repurchase_due_share = 0.8;
  double repurchase_quota = 20;
  double cart_memory_days = 14;

  // Rerank: at most this share of the returned list from one category / shop
  // (rounded up, at least 1). Relaxed only when nothing else is left.
  double category_max_share = 0.3;
  double shop_max_share = 0.2;

  // Feed commerce density (CommerceDensityReranker, FEED requests that give
  // content_slots): at most feed_commerce_share of the slots hold products,
  // scaled down by the user's commerce tolerance t in [0, 1] (their smoothed
  // engagement per product shown relative to commerce_engagement_prior, with
  // commerce_prior_strength pseudo-impressions); a product must score at
  // least feed_min_score + feed_intolerance_threshold × (1 − t).
  double feed_commerce_share = 0.25;
  double feed_min_score = 0.0;
  double feed_intolerance_threshold = 1.0;
  double commerce_engagement_prior = 0.1;
  double commerce_prior_strength = 10.0;
  // In the feed, products of shops whose quality score is below this are not
  // shown at all (0: off). Storefronts show their own shop regardless.
  double shop_quality_floor = 0.0;
  // Exploration slots: up to this many places at the end of the list's head
  // go to the best products only the exploration retriever found.
  double exploration_slots = 1;

  // Long-tail exposure: up to long_tail_share of the list (rounded down)
  // goes to low-exposure products (fewer decayed impressions than
  // long_tail_max_impressions; when no impression was ever logged, less
  // decayed engagement mass than long_tail_max_engagement) whose personal
  // score parts sum to at least long_tail_min_match, chosen by Thompson
  // sampling of their click rate.
  double long_tail_share = 0.1;
  double long_tail_max_impressions = 50;
  double long_tail_max_engagement = 5;
  double long_tail_min_match = 0.05;

  // Sets the knob called `name`; INVALID_ARGUMENT naming the knob when the
  // name is unknown or the value non-finite or out of range.
  absl::Status Set(absl::string_view name, double value);
  // The same, errors naming `field` (a file and its key, say) instead of
  // weight_overrides[name].
  absl::Status SetNamed(absl::string_view name, double value,
                        absl::string_view field);
};

// A knob's metadata, for validation and documentation.
struct RankingKnob {
  absl::string_view name;
  double RankingConfig::*field;
  double min;
  double max;
  absl::string_view doc;
};
std::span<const RankingKnob> RankingKnobs();

// A count-valued knob (quota, neighbours, ...) as a count: rounded down,
// never below `at_least`.
size_t KnobCount(double value, size_t at_least = 0);

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_RANKING_CONFIG_H_
