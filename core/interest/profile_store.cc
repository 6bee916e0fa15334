#include "core/interest/profile_store.h"

#include <utility>

#include "absl/hash/hash.h"

namespace ranker {

ProfileStore::ProfileStore(InterestConfig config, size_t shard_count)
    : config_(std::move(config)) {
  shards_.reserve(shard_count == 0 ? 1 : shard_count);
  for (size_t i = 0; i < std::max<size_t>(shard_count, 1); ++i) {
    shards_.push_back(std::make_unique<Shard>());
  }
}

ProfileStore::Shard& ProfileStore::ShardFor(absl::string_view user_id) const {
  return *shards_[absl::HashOf(user_id) % shards_.size()];
}

void ProfileStore::Apply(absl::string_view user_id, const ProfileEvent& event) {
  Shard& shard = ShardFor(user_id);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.users.find(user_id);
  if (it == shard.users.end()) {
    it = shard.users.emplace(std::string(user_id), UserProfile(config_)).first;
  }
  it->second.Apply(event, config_);
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
