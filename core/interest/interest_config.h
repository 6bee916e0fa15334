// How events turn into interest: the half-lives of the two speeds, their caps,
// and the weight of each event type. Documented in docs/architecture.md.
#ifndef RANKER_CORE_INTEREST_INTEREST_CONFIG_H_
#define RANKER_CORE_INTEREST_INTEREST_CONFIG_H_

#include <array>
#include <cstddef>

#include "core/types.h"

namespace ranker {

struct InterestConfig {
  // Long-term interest is stable (days); instant interest follows the
  // session (minutes).
  TimeMs long_term_half_life_ms = 14 * kMsPerDay;
  TimeMs instant_half_life_ms = 30 * kMsPerMinute;
  size_t long_term_max_tags = 128;
  size_t instant_max_tags = 48;

  // Interest added to each of the product's tags (times the tag's weight), per
  // event type, in EventType order. not_interested is negative.
  std::array<double, kEventTypeCount> event_weights = {
      0.0,   // impression: exposure alone says nothing about interest
      1.0,   // click
      0.5,   // dwell, scaled by dwell_ms / dwell_full_ms (at most 1)
      1.5,   // like
      2.0,   // share
      2.0,   // favorite
      3.0,   // add_to_cart
      4.0,   // purchase
      -4.0,  // not_interested
  };
  double dwell_full_ms = 30'000;
  // The content form the event came through scales its whole update (tags,
  // content tags, creator affinity), in ContentForm order. A live stream is
  // a real-time session the viewer chose to stay in, with a host
  // demonstrating the product and answering questions, so acting there says
  // more than the same act elsewhere (live commerce converts better than
  // feed video). A short video is the feed's baseline. A product card in a
  // shelf or a search result is browsed with little context and acting on it
  // is cheap, so it says less about lasting interest. An unknown form is
  // neutral, so that callers who do not report forms are not penalised.
  std::array<double, kContentFormCount> content_form_factors = {
      1.0,   // unknown
      1.0,   // short video
      1.25,  // live stream
      0.8,   // product card
  };
  // Content tags of the event (the video's topics) count this much relative
  // to a product tag of weight 1.
  double content_tag_factor = 0.5;
  // Instant interest reacts more strongly to one event than long-term does.
  double long_term_rate = 1.0;
  double instant_rate = 2.0;

  // Creator affinity: how much the user engages with each creator's
  // content, decaying like long-term interest (a creator one follows is a
  // lasting taste, not a session's), capped to the strongest creators.
  TimeMs creator_half_life_ms = 14 * kMsPerDay;
  size_t max_creators = 32;
  // Form affinity: how much the user engages through each content form
  // (before the form's factor, so that no form is favoured by construction),
  // decaying like long-term interest.
  TimeMs form_half_life_ms = 14 * kMsPerDay;

  size_t max_recent_products = 50;
  size_t max_purchases = 200;
  size_t max_dismissed = 200;
  // Products added to the cart and not bought since (the oldest forgotten
  // first beyond the cap); a cart older than cart_memory_ms no longer counts.
  size_t max_carted = 100;
  TimeMs cart_memory_ms = 30 * kMsPerDay;
  // Impressions without engagement are counted per product (at most this
  // many products, the stalest forgotten first); an impression more than
  // impression_memory_ms after the previous one starts the count afresh.
  size_t max_impression_records = 500;
  TimeMs impression_memory_ms = kMsPerDay;

  // Feed commerce tolerance (CommerceHistory): how fast reactions to
  // products in the feed are forgotten, and how many silent skips one
  // not_interested is worth.
  TimeMs commerce_half_life_ms = 7 * kMsPerDay;
  double not_interested_as_skips = 5.0;

  double EventWeight(EventType type) const {
    return event_weights[static_cast<int>(type)];
  }
  double ContentFormFactor(ContentForm form) const {
    return content_form_factors[static_cast<int>(form)];
  }
};

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_INTEREST_CONFIG_H_
