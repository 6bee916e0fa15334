#include "core/interest/profile_store.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "core/persist/state_encoding.h"

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

void ProfileStore::SaveShardTo(size_t shard, persist::Encoder& out) const {
  // Sorted, so that one state always gives the same bytes.
  std::vector<const std::pair<const std::string, UserProfile>*> users;
  users.reserve(shards_[shard]->users.size());
  for (const auto& entry : shards_[shard]->users) users.push_back(&entry);
  std::sort(users.begin(), users.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  out.PutVarint(users.size());
  for (const auto* user : users) {
    out.PutString(user->first);
    user->second.SaveTo(out);
  }
}

absl::Status ProfileStore::LoadUsersFrom(persist::Decoder& in) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "users"));
  std::string user_id;
  for (size_t i = 0; i < count; ++i) {
    RANKER_RETURN_IF_ERROR(in.GetString(user_id, "user id"));
    UserProfile profile(config_);
    if (absl::Status s = profile.LoadFrom(in); !s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat("user '", user_id, "': ", s.message()));
    }
    Shard& shard = ShardFor(user_id);
    absl::MutexLock lock(&shard.mu);
    if (!shard.users.try_emplace(user_id, std::move(profile)).second) {
      return absl::DataLossError(
          absl::StrCat("user '", user_id, "' saved twice"));
    }
  }
  return absl::OkStatus();
}

}  // namespace ranker
