// One user's state: long-term and instant interest, creator and content form
// affinity, recent products, purchases, products carted and not bought,
// dismissed products, impressions without engagement and how the user reacts
// to commerce in the feed. Updated by events, read by the pipeline through a
// ProfileView copied at request time. The rules (half-lives, caps, event
// weights) come from the InterestConfig passed to each call, not stored per
// profile.
#ifndef RANKER_CORE_INTEREST_USER_PROFILE_H_
#define RANKER_CORE_INTEREST_USER_PROFILE_H_

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/catalog/product.h"
#include "core/decayed_value.h"
#include "core/event_counts.h"
#include "core/interest/commerce_history.h"
#include "core/interest/interest_config.h"
#include "core/interest/interest_vector.h"
#include "core/packed_arrays.h"
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

// Memory: one heap allocation for all the lists (PackedArrays) beside a
// 104-byte object, so that a user with a few dozen interest tags and a few
// products of each kind costs well under a kilobyte. Every decayed quantity
// (both interest speeds, creator and form affinity, commerce evidence) is
// stored as of one reference time per profile (DecayReference), moved to the
// latest event's time once the shortest half-life's scale would pass 2^24,
// which also drops the interest entries that decayed to nothing
// (kNegligibleInterest). The product lists are sorted by product; the
// interest lists are in insertion order, found by a vector scan (FindKey).
class UserProfile {
 public:
  UserProfile() = default;

  void Apply(const ProfileEvent& event, const InterestConfig& config);
  ProfileView View(TimeMs now, const InterestConfig& config) const;

  TimeMs last_event_time() const { return last_event_time_; }
  const EventTypeCounts& event_counts() const { return event_counts_; }
  // Bytes allocated for the lists (memory accounting).
  size_t list_bytes() const { return lists_.capacity_bytes(); }

  // Snapshots: everything learned (what the config sets is not stored).
  // Every decayed value is written with the reference time as its time;
  // LoadFrom reads any times (one per value in older snapshots) and takes
  // the latest as the reference time.
  void SaveTo(persist::Encoder& out) const;
  absl::Status LoadFrom(persist::Decoder& in, const InterestConfig& config);

 private:
  // A product and a time (purchase, cart, dismissal).
  struct ProductTime {
    ProductIdx product;
    PackedTime time;
  };
  // 12 bytes: the count saturates at 65,535 (fatigue_impressions is at most
  // 1,000) and the time is kept to 48 bits (+-4,000 years of milliseconds).
  struct ImpressionRecord {
    ProductIdx product;
    uint16_t count;
    int16_t last_high;
    uint32_t last_low;

    TimeMs last() const {
      return static_cast<TimeMs>(
          (static_cast<uint64_t>(static_cast<int64_t>(last_high)) << 32) |
          last_low);
    }
    void set_last(TimeMs time) {
      last_high = static_cast<int16_t>(time >> 32);
      last_low = static_cast<uint32_t>(static_cast<uint64_t>(time));
    }
  };
  // The lists, by index into lists_.
  enum List : size_t {
    kLongTerm,
    kInstant,
    kCreators,   // InterestEntry keyed by CreatorId
    kRecent,     // most recent last
    kPurchases,  // the rest sorted by product
    kCarted,
    kDismissed,
    kImpressions,
  };
  using Lists =
      PackedArrays<InterestEntry, InterestEntry, InterestEntry, ProductIdx,
                   ProductTime, ProductTime, ProductTime, ImpressionRecord>;

  // Moves the reference time to `when` when the scales would grow too large.
  void MaybeRebase(TimeMs when, const InterestConfig& config);
  template <size_t kList>
  void AddInterest(uint32_t key, double amount, size_t max_entries);
  // Records `product` at `when` in a product-time list, dropping the oldest
  // entry beyond `cap`.
  template <size_t kList>
  void RecordCapped(ProductIdx product, TimeMs when, size_t cap);
  // The position of `product` in a sorted list, and whether it is there.
  template <size_t kList>
  std::pair<size_t, bool> Find(ProductIdx product) const;
  void RecordImpression(ProductIdx product, TimeMs when,
                        const InterestConfig& config);
  void RecordCart(ProductIdx product, TimeMs when,
                  const InterestConfig& config);
  void RecordPurchase(ProductIdx product, TimeMs when,
                      const InterestConfig& config);
  void RecordRecent(ProductIdx product, const InterestConfig& config);
  // Reads a saved product-time list into an empty list.
  template <size_t kList>
  absl::Status LoadTimes(persist::Decoder& in, absl::string_view name);

  DecayReference reference_;
  TimeMs last_event_time_ = 0;
  // Every event applied, by type, exact (DescribeUser; the crash test checks
  // them against what clients saw acknowledged). Part of the profile's
  // persistent state: a snapshot must save and restore it.
  EventTypeCounts event_counts_{};
  // By content form, as of reference_; kUnknown (never raised) has none.
  std::array<float, kContentFormCount - 1> forms_{};
  CommerceHistory commerce_;  // as of reference_
  Lists lists_;
};

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_USER_PROFILE_H_
