#include "core/interest/profile_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/persist/state_encoding.h"
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
  auto user = shard.users.find(*oldest->user_id);
  if (archive_ != nullptr) {
    const absl::Status archived = archive_->Put(user->first, user->second);
    if (!archived.ok() && archive_error_log_.Allow()) {
      spdlog::error("evicting a profile without archiving it: {}",
                    archived.ToString());
    }
  }
  shard.idle_order.erase(oldest);
  shard.users.erase(user);
  const uint64_t evicted = evicted_.fetch_add(1, std::memory_order_relaxed) + 1;
  if (eviction_log_.Allow()) {
    spdlog::info(
        "profile store full ({} users): evicting the longest idle profiles, "
        "{} so far",
        max_users_, evicted);
  }
}

ProfileStore::Entry& ProfileStore::Insert(Shard& shard,
                                          absl::string_view user_id,
                                          UserProfile profile) {
  if (shard.capacity > 0 && shard.users.size() >= shard.capacity) {
    if (!shard.ordered) {
      // The shard is full for the first time: from now on every new user
      // evicts one, so its users are put in idle order, once.
      for (const Entry& entry : shard.users) {
        shard.idle_order.insert({entry.second.last_event_time(), &entry.first});
      }
      shard.ordered = true;
    }
    EvictOne(shard);
  }
  auto it = shard.users.emplace(std::string(user_id), std::move(profile)).first;
  if (shard.ordered) {
    shard.idle_order.insert({it->second.last_event_time(), &it->first});
  }
  return *it;
}

void ProfileStore::Apply(absl::string_view user_id, const ProfileEvent& event) {
  Shard& shard = ShardFor(user_id);
  absl::MutexLock lock(&shard.mu);
  auto found = shard.users.find(user_id);
  Entry& entry = found != shard.users.end()
                     ? *found
                     : Insert(shard, user_id, Restore(user_id));
  UserProfile& profile = entry.second;
  const TimeMs before = profile.last_event_time();
  profile.Apply(event, config_);
  if (shard.ordered && profile.last_event_time() != before) {
    // Re-keys the entry: the user's key is found by its old time.
    shard.idle_order.erase({before, &entry.first});
    shard.idle_order.insert({profile.last_event_time(), &entry.first});
  }
}

ProfileView ProfileStore::View(absl::string_view user_id, TimeMs now) const {
  {
    Shard& shard = ShardFor(user_id);
    absl::MutexLock lock(&shard.mu);
    auto it = shard.users.find(user_id);
    if (it != shard.users.end()) return it->second.View(now, config_);
  }
  if (archive_ == nullptr) return ProfileView{};
  absl::StatusOr<std::optional<UserProfile>> archived =
      archive_->Get(user_id, config_);
  if (!archived.ok() || !archived->has_value()) return ProfileView{};
  return (*archived)->View(now, config_);
}

UserProfile ProfileStore::Restore(absl::string_view user_id) {
  if (archive_ != nullptr) {
    absl::StatusOr<std::optional<UserProfile>> archived =
        archive_->Get(user_id, config_);
    if (archived.ok() && archived->has_value()) {
      archive_->Erase(user_id);
      return **std::move(archived);
    }
    if (!archived.ok() && archive_error_log_.Allow()) {
      spdlog::error("user '{}' starts afresh: {}", std::string(user_id),
                    archived.status().ToString());
    }
  }
  return UserProfile();
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
    UserProfile profile;
    if (absl::Status s = profile.LoadFrom(in, config_); !s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat("user '", user_id, "': ", s.message()));
    }
    Shard& shard = ShardFor(user_id);
    absl::MutexLock lock(&shard.mu);
    if (shard.users.contains(user_id)) {
      return absl::DataLossError(
          absl::StrCat("user '", user_id, "' saved twice"));
    }
    // A snapshot saved under a larger --max_users keeps what fits, evicting
    // as the log replay would.
    Insert(shard, user_id, std::move(profile));
  }
  return absl::OkStatus();
}

}  // namespace ranker
