// One user's state: long-term and instant interest, creator and content form
// affinity, recent products, purchases, products carted and not bought,
// dismissed products, impressions without engagement and how the user reacts
// to commerce in the feed. Updated by events, read by the pipeline through a
// ProfileView copied at request time.
#ifndef RANKER_CORE_INTEREST_USER_PROFILE_H_
#define RANKER_CORE_INTEREST_USER_PROFILE_H_

#include <array>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "core/catalog/product.h"
#include "core/event_counts.h"
#include "core/interest/commerce_history.h"
#include "core/interest/interest_config.h"
#include "core/interest/interest_vector.h"
#include "core/persist/encoding.h"
#include "core/types.h"

namespace ranker {

// One event, resolved to dense ids, as the profile needs it.
struct ProfileEvent {
  ProductIdx product = 0;
  EventType type = EventType::kClick;
  TimeMs time = 0;
  int64_t dwell_ms = 0;
  std::span<const TagWeight> product_tags;
  std::span<const TagId> content_tags;
  ContentForm content_form = ContentForm::kUnknown;
  std::optional<CreatorId> creator;  // whose content showed the product
};

// How much the user engages with one creator's content (negative: rejects).
struct CreatorAffinity {
  CreatorId creator;
  float weight;
};

// Impressions of one product that the user did not engage with.
struct UnengagedImpressions {
  uint32_t count = 0;
  TimeMs last = 0;  // the latest of them
};

// What a request sees of a user: decayed weights at request time.
struct ProfileView {
  bool known = false;                     // false for a user with no events yet
  std::vector<TagWeight> long_term;       // strongest first
  std::vector<TagWeight> instant;         // strongest first
  std::vector<CreatorAffinity> creators;  // strongest first
  // Engagement through each content form (ContentForm order; kUnknown is
  // never raised).
  std::array<float, kContentFormCount> form_affinity{};
  std::vector<ProductIdx> recent_products;            // most recent last
  absl::flat_hash_map<ProductIdx, TimeMs> purchases;  // last purchase time
  // Carted and not bought since, within the cart memory: last cart time.
  absl::flat_hash_map<ProductIdx, TimeMs> carted;
  absl::flat_hash_map<ProductIdx, TimeMs> dismissed;  // not_interested time
  absl::flat_hash_map<ProductIdx, UnengagedImpressions> unengaged_impressions;
  CommerceEvidence commerce;  // reactions to products in the feed
  // Exact: every event ever applied, by type (not decayed).
  EventTypeCounts event_counts{};
  TimeMs last_event_time = 0;  // the latest event's (clamped) time
};

class UserProfile {
 public:
  explicit UserProfile(const InterestConfig& config);

  void Apply(const ProfileEvent& event, const InterestConfig& config);
  ProfileView View(TimeMs now) const;

  TimeMs last_event_time() const { return last_event_time_; }
  const EventTypeCounts& event_counts() const { return event_counts_; }

  // Snapshots: everything learned (what the config sets is not stored).
  void SaveTo(persist::Encoder& out) const;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  void RecordImpression(ProductIdx product, TimeMs when,
                        const InterestConfig& config);
  void RecordCart(ProductIdx product, TimeMs when,
                  const InterestConfig& config);
  void RecordPurchase(ProductIdx product, TimeMs when,
                      const InterestConfig& config);

  InterestVector long_term_;
  InterestVector instant_;
  InterestVector creators_;  // keyed by CreatorId instead of TagId
  std::array<DecayedValue, kContentFormCount> forms_{};
  TimeMs form_half_life_ms_;
  std::deque<ProductIdx> recent_products_;
  absl::flat_hash_map<ProductIdx, TimeMs> purchases_;
  absl::flat_hash_map<ProductIdx, TimeMs> carted_;
  absl::flat_hash_map<ProductIdx, TimeMs> dismissed_;
  absl::flat_hash_map<ProductIdx, UnengagedImpressions> unengaged_impressions_;
  CommerceHistory commerce_;
  TimeMs last_event_time_ = 0;
  TimeMs cart_memory_ms_;
  // Every event applied, by type, exact (DescribeUser; the crash test checks
  // them against what clients saw acknowledged). Part of the profile's
  // persistent state: a snapshot must save and restore it.
  EventTypeCounts event_counts_{};
};

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_USER_PROFILE_H_
