#include "core/stats/item_stats.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "core/dense_slot.h"
#include "core/persist/state_encoding.h"

namespace ranker {

ItemStatsStore::ItemStatsStore(StatsConfig config)
    : config_(std::move(config)) {}

void ItemStatsStore::MaybeRebase(Shard& shard, TimeMs when) const {
  const TimeMs half_life = config_.half_life_ms;
  if (!shard.reference.NeedsRebase(when, half_life)) return;
  const double factor = DecayFactor(when - shard.reference.ref, half_life);
  for (Counters& c : shard.counters) {
    for (float* value :
         {&c.impressions, &c.clicks, &c.carts, &c.purchases, &c.popularity}) {
      *value = static_cast<float>(*value * factor);
    }
  }
  shard.reference.ref = when;
}

void ItemStatsStore::Record(ProductIdx product, EventType type, TimeMs when) {
  Shard& shard = shards_[product % kShards];
  const size_t slot = product / kShards;
  if (type == EventType::kImpression && !has_impressions()) {
    has_impressions_.store(true, std::memory_order_relaxed);
  }
  if (type == EventType::kPurchase && !has_purchases()) {
    has_purchases_.store(true, std::memory_order_relaxed);
  }
  total_events_.fetch_add(1, std::memory_order_relaxed);
  absl::MutexLock lock(&shard.mu);
  MaybeRebase(shard, when);
  Counters& c = DenseSlot(shard.counters, slot);
  CountEvent(c.lifetime, type);
  const double scale = shard.reference.ScaleAt(when, config_.half_life_ms);
  auto add = [](float& counter, double amount) {
    counter = static_cast<float>(counter + amount);
  };
  switch (type) {
    case EventType::kImpression:
      add(c.impressions, scale);
      break;
    case EventType::kClick:
      add(c.clicks, scale);
      break;
    case EventType::kAddToCart:
      add(c.carts, scale);
      break;
    case EventType::kPurchase:
      add(c.purchases, scale);
      break;
    default:
      break;
  }
  const double mass = config_.popularity_weights[static_cast<int>(type)];
  if (mass != 0.0) add(c.popularity, mass * scale);
}

void ItemStatsStore::SaveTo(persist::Encoder& out) const {
  out.PutBool(has_impressions());
  out.PutBool(has_purchases());
  size_t products = 0;
  for (size_t s = 0; s < kShards; ++s) {
    const size_t slots = shards_[s].counters.size();
    if (slots > 0) products = std::max(products, (slots - 1) * kShards + s + 1);
  }
  out.PutVarint(products);
  const Counters none;
  for (size_t product = 0; product < products; ++product) {
    const Shard& shard = shards_[product % kShards];
    const size_t slot = product / kShards;
    const Counters& c =
        slot < shard.counters.size() ? shard.counters[slot] : none;
    // Each counter as a decayed value at the shard's reference time.
    for (float value :
         {c.impressions, c.clicks, c.carts, c.purchases, c.popularity}) {
      persist::PutDecayed(out, DecayedValue{value, shard.reference.ref});
    }
    persist::PutCounts(out, c.lifetime);
  }
}

absl::Status ItemStatsStore::LoadFrom(persist::Decoder& in) {
  bool impressions = false;
  bool purchases = false;
  RANKER_RETURN_IF_ERROR(in.GetBool(impressions, "has impressions"));
  RANKER_RETURN_IF_ERROR(in.GetBool(purchases, "has purchases"));
  has_impressions_.store(impressions, std::memory_order_relaxed);
  has_purchases_.store(purchases, std::memory_order_relaxed);
  size_t products = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(products, "item stats"));
  // Two passes: the first finds each shard's latest saved time, its
  // reference time (one time per shard in snapshots written with reference
  // times, which then load bit for bit; one per value in older ones).
  std::array<TimeMs, kShards> latest{};
  std::array<bool, kShards> any{};
  const persist::Decoder start = in;
  for (size_t product = 0; product < products; ++product) {
    const size_t s = product % kShards;
    for (int i = 0; i < 5; ++i) {
      DecayedValue value;
      RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, value, "item counter"));
      latest[s] = any[s] ? std::max(latest[s], value.at) : value.at;
      any[s] = true;
    }
    EventTypeCounts counts;
    RANKER_RETURN_IF_ERROR(persist::GetCounts(in, counts, "item counts"));
  }
  in = start;
  for (size_t s = 0; s < kShards; ++s) {
    absl::MutexLock lock(&shards_[s].mu);
    if (any[s]) shards_[s].reference.ref = latest[s];
    if (products > s) {
      shards_[s].counters.reserve((products - s + kShards - 1) / kShards);
    }
  }
  for (size_t product = 0; product < products; ++product) {
    Shard& shard = shards_[product % kShards];
    const size_t slot = product / kShards;
    absl::MutexLock lock(&shard.mu);
    Counters& c = DenseSlot(shard.counters, slot);
    for (float* counter :
         {&c.impressions, &c.clicks, &c.carts, &c.purchases, &c.popularity}) {
      DecayedValue value;
      RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, value, "item counter"));
      *counter =
          static_cast<float>(value.value * shard.reference.ScaleAt(
                                               value.at, config_.half_life_ms));
    }
    RANKER_RETURN_IF_ERROR(persist::GetCounts(in, c.lifetime, "item counts"));
    // Not a section of its own: the total is derived from the counts, so
    // snapshots written before it existed restore it too.
    total_events_.fetch_add(TotalEvents(c.lifetime), std::memory_order_relaxed);
  }
  return absl::OkStatus();
}

ItemCounts ItemStatsStore::Decayed(const Counters& c, double decay) {
  return {c.impressions * decay, c.clicks * decay, c.carts * decay,
          c.purchases * decay, c.popularity * decay};
}

ItemCounts ItemStatsStore::CountsAt(ProductIdx product, TimeMs now) const {
  const Shard& shard = shards_[product % kShards];
  const size_t slot = product / kShards;
  absl::MutexLock lock(&shard.mu);
  if (slot >= shard.counters.size()) return {};
  return Decayed(shard.counters[slot],
                 DecayFactor(now - shard.reference.ref, config_.half_life_ms));
}

void ItemStatsStore::CountsAt(std::span<const ProductIdx> products, TimeMs now,
                              std::span<ItemCounts> out) const {
  // Positions grouped by shard (a counting sort), then each shard read
  // under one lock.
  std::array<uint32_t, kShards + 1> starts{};
  for (ProductIdx product : products) ++starts[product % kShards + 1];
  for (size_t s = 0; s < kShards; ++s) starts[s + 1] += starts[s];
  std::vector<uint32_t> by_shard(products.size());
  std::array<uint32_t, kShards> next;
  std::copy(starts.begin(), starts.end() - 1, next.begin());
  for (size_t i = 0; i < products.size(); ++i) {
    by_shard[next[products[i] % kShards]++] = static_cast<uint32_t>(i);
  }
  for (size_t s = 0; s < kShards; ++s) {
    if (starts[s] == starts[s + 1]) continue;
    const Shard& shard = shards_[s];
    absl::MutexLock lock(&shard.mu);
    const double decay =
        DecayFactor(now - shard.reference.ref, config_.half_life_ms);
    for (uint32_t k = starts[s]; k < starts[s + 1]; ++k) {
      const uint32_t i = by_shard[k];
      const size_t slot = products[i] / kShards;
      if (slot >= shard.counters.size()) {
        out[i] = {};
        continue;
      }
      out[i] = Decayed(shard.counters[slot], decay);
    }
  }
}

EventTypeCounts ItemStatsStore::LifetimeCounts(ProductIdx product) const {
  const Shard& shard = shards_[product % kShards];
  const size_t slot = product / kShards;
  absl::MutexLock lock(&shard.mu);
  if (slot >= shard.counters.size()) return {};
  return shard.counters[slot].lifetime;
}

std::shared_ptr<const std::vector<ProductIdx>> ItemStatsStore::ComputePopular(
    TimeMs now, size_t count) const {
  std::vector<std::pair<float, ProductIdx>> scored;
  for (size_t s = 0; s < kShards; ++s) {
    absl::MutexLock lock(&shards_[s].mu);
    const auto& counters = shards_[s].counters;
    const double decay =
        DecayFactor(now - shards_[s].reference.ref, config_.half_life_ms);
    for (size_t slot = 0; slot < counters.size(); ++slot) {
      const double popularity = counters[slot].popularity * decay;
      if (popularity > 0) {
        scored.emplace_back(static_cast<float>(popularity),
                            static_cast<ProductIdx>(slot * kShards + s));
      }
    }
  }
  const size_t keep = std::min(count, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first
                                                : a.second < b.second;
                    });
  auto popular = std::make_shared<std::vector<ProductIdx>>();
  popular->reserve(keep);
  for (size_t i = 0; i < keep; ++i) popular->push_back(scored[i].second);
  return popular;
}

std::shared_ptr<const std::vector<ProductIdx>> ItemStatsStore::Popular(
    TimeMs now, size_t count) const {
  absl::MutexLock lock(&popular_mu_);
  if (popular_ == nullptr || popular_count_ < count ||
      now - popular_computed_at_ >= config_.popular_refresh_ms ||
      now < popular_computed_at_) {
    // Keep the longest length asked for, so callers asking for different
    // lengths do not force a recomputation each.
    popular_count_ = std::max(count, popular_count_);
    popular_ = ComputePopular(now, popular_count_);
    popular_computed_at_ = now;
  }
  return popular_;
}

}  // namespace ranker
