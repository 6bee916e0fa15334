// Decayed per-product statistics learned from events: impressions, clicks,
// carts, purchases and a popularity mass. Sharded by product index; each
// counter halves every `half_life_ms`, so yesterday's hit fades unless people
// keep engaging with it.
//
// Memory: 56 bytes a product (five floats and the exact counts), in an array
// per shard grown by an eighth at a time. The counters of a shard are stored
// as of one reference time (DecayReference), moved forward every 24
// half-lives (72 days by default) with the shard's lock held.
#ifndef RANKER_CORE_STATS_ITEM_STATS_H_
#define RANKER_CORE_STATS_ITEM_STATS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/decayed_value.h"
#include "core/event_counts.h"
#include "core/persist/encoding.h"
#include "core/types.h"

namespace ranker {

struct StatsConfig {
  TimeMs half_life_ms = 3 * kMsPerDay;
  // Popularity mass each event type adds, in EventType order.
  std::array<double, kEventTypeCount> popularity_weights = {
      0.0,   // impression
      1.0,   // click
      0.5,   // dwell
      1.0,   // like
      2.0,   // share
      2.0,   // favorite
      3.0,   // add_to_cart
      5.0,   // purchase
      -1.0,  // not_interested
  };
  // The popular list is recomputed at most this often.
  TimeMs popular_refresh_ms = 1000;
};

// Decayed counts of one product at one moment.
struct ItemCounts {
  double impressions = 0;
  double clicks = 0;
  double carts = 0;
  double purchases = 0;
  double popularity = 0;
};

class ItemStatsStore {
 public:
  explicit ItemStatsStore(StatsConfig config = {});

  void Record(ProductIdx product, EventType type, TimeMs when);
  ItemCounts CountsAt(ProductIdx product, TimeMs now) const;
  // CountsAt of every product of `products` into out[i] (same length): one
  // lock and one decay factor per shard instead of per product, which is
  // what a request's item feature fetch of a thousand candidates costs.
  void CountsAt(std::span<const ProductIdx> products, TimeMs now,
                std::span<ItemCounts> out) const;
  // Every event recorded for `product`, by type, exact (not decayed); zeros
  // for a product without events.
  EventTypeCounts LifetimeCounts(ProductIdx product) const;
  // The most popular products (positive popularity only) as of `now`, best
  // first: at least the first `count` when that many exist. The list is
  // refreshed at most every popular_refresh_ms and may be longer than `count`
  // (it keeps the longest length asked for); callers take a prefix.
  std::shared_ptr<const std::vector<ProductIdx>> Popular(TimeMs now,
                                                         size_t count) const;
  const StatsConfig& config() const { return config_; }
  // Whether any impression / purchase was ever logged: a rate is only
  // evidence when its denominator or numerator is logged at all.
  bool has_impressions() const {
    return has_impressions_.load(std::memory_order_relaxed);
  }
  bool has_purchases() const {
    return has_purchases_.load(std::memory_order_relaxed);
  }
  // Every event recorded, of any type: the sum of all products' lifetime
  // counts (which saturate per type and product; this total does not), kept
  // as a running total so that reporting it costs nothing at a million
  // products (DescribeService). LoadFrom restores it from the counts.
  uint64_t total_events() const {
    return total_events_.load(std::memory_order_relaxed);
  }

  // Snapshots: every product's counters in index order. Reads without locks:
  // the caller guarantees that no writer runs (the engine pauses writes, or
  // this is a forked copy, where a vanished reader may hold a copy of a lock).
  // LoadFrom fills an empty store.
  void SaveTo(persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  // Decayed counters as of the shard's reference time.
  struct Counters {
    float impressions = 0, clicks = 0, carts = 0, purchases = 0, popularity = 0;
    // Exact lifetime counts by type (DescribeProduct, the crash test). Part
    // of the store's persistent state: a snapshot must save and restore it.
    EventTypeCounts lifetime{};
  };
  // The counts as of a time `decay` scales the shard's reference values to.
  static ItemCounts Decayed(const Counters& c, double decay);
  static constexpr size_t kShards = 64;
  struct Shard {
    mutable absl::Mutex mu;
    DecayReference reference ABSL_GUARDED_BY(mu);
    // Indexed by product / kShards.
    std::vector<Counters> counters ABSL_GUARDED_BY(mu);
  };
  // Moves the shard's reference time to `when` when a scale would grow too
  // large (or the shard has none yet).
  void MaybeRebase(Shard& shard, TimeMs when) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);
  std::shared_ptr<const std::vector<ProductIdx>> ComputePopular(
      TimeMs now, size_t count) const;

  const StatsConfig config_;
  std::array<Shard, kShards> shards_;
  std::atomic<bool> has_impressions_{false};
  std::atomic<bool> has_purchases_{false};
  std::atomic<uint64_t> total_events_{0};

  mutable absl::Mutex popular_mu_;
  mutable std::shared_ptr<const std::vector<ProductIdx>> popular_
      ABSL_GUARDED_BY(popular_mu_);
  mutable TimeMs popular_computed_at_ ABSL_GUARDED_BY(popular_mu_) = 0;
  mutable size_t popular_count_ ABSL_GUARDED_BY(popular_mu_) = 0;
};

}  // namespace ranker

#endif  // RANKER_CORE_STATS_ITEM_STATS_H_
