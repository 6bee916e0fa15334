#include "core/interest/profile_store.h"

#include <algorithm>
#include <utility>

#include "spdlog/spdlog.h"

namespace ranker {
namespace {

// FNV-1a: the same value in every process. absl::Hash is seeded per process,
// which would put a user in a different shard after a restart and so evict
// different profiles when the write-ahead log is replayed.
uint64_t StableHash(absl::string_view s) {
  uint64_t hash = 14695981039346656037ull;
  for (const char c : s) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

ProfileStore::ProfileStore(InterestConfig config, size_t shard_count,
                           size_t max_users)
    : config_(std::move(config)), max_users_(max_users) {
  size_t shards = std::max<size_t>(shard_count, 1);
  if (max_users > 0) shards = std::min(shards, max_users);
  shards_.reserve(shards);
  for (size_t i = 0; i < shards; ++i) {
    auto shard = std::make_unique<Shard>();
    // The cap split as evenly as it goes; the shares add up to max_users.
    if (max_users > 0) {
      shard->capacity = max_users / shards + (i < max_users % shards ? 1 : 0);
    }
    shards_.push_back(std::move(shard));
  }
}

ProfileStore::Shard& ProfileStore::ShardFor(absl::string_view user_id) const {
  return *shards_[StableHash(user_id) % shards_.size()];
}

void ProfileStore::EvictOne(Shard& shard) {
  auto oldest = shard.idle_order.begin();
  shard.users.erase(oldest->second);
  shard.idle_order.erase(oldest);
  const uint64_t evicted = evicted_.fetch_add(1, std::memory_order_relaxed) + 1;
  if (eviction_log_.Allow()) {
    spdlog::info(
        "profile store full ({} users): evicting the longest idle profiles, "
        "{} so far",
        max_users_, evicted);
  }
}

void ProfileStore::Apply(absl::string_view user_id, const ProfileEvent& event) {
  Shard& shard = ShardFor(user_id);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.users.find(user_id);
  if (it == shard.users.end()) {
    if (shard.capacity > 0 && shard.users.size() >= shard.capacity) {
      EvictOne(shard);
    }
    it = shard.users.emplace(std::string(user_id), UserProfile(config_)).first;
    if (shard.capacity > 0) {
      shard.idle_order.emplace(it->second.last_event_time(), it->first);
    }
  }
  UserProfile& profile = it->second;
  const TimeMs before = profile.last_event_time();
  profile.Apply(event, config_);
  if (shard.capacity > 0 && profile.last_event_time() != before) {
    // Re-keys the entry in place (no new string).
    auto node = shard.idle_order.extract(IdleKey(before, it->first));
    if (node.empty()) {
      shard.idle_order.emplace(profile.last_event_time(), it->first);
    } else {
      node.value().first = profile.last_event_time();
      shard.idle_order.insert(std::move(node));
    }
  }
}

ProfileView ProfileStore::View(absl::string_view user_id, TimeMs now) const {
  Shard& shard = ShardFor(user_id);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.users.find(user_id);
  if (it == shard.users.end()) return ProfileView{};
  return it->second.View(now);
}

size_t ProfileStore::user_count() const {
  size_t count = 0;
  for (const auto& shard : shards_) {
    absl::MutexLock lock(&shard->mu);
    count += shard->users.size();
  }
  return count;
}

}  // namespace ranker
