// All user profiles, sharded by a hash of the user id so that concurrent
// events and requests for different users rarely touch the same lock, and
// critical sections stay short (an update or a copy of one profile).
//
// Bounded memory: with a user cap, each shard holds at most its share of
// the cap, and a new user in a full shard evicts the shard's profile idle
// the longest (the oldest last event time; ties by user id). Eviction
// depends only on the sequence of Apply calls (event times, apply order and
// a hash that is the same in every process), never on the wall clock, so
// replaying the write-ahead log rebuilds the same profiles. With an archive
// attached (a state directory), an evicted profile goes there and comes back
// at the user's next event (a request reads it from the archive without
// bringing it back, since only writes change the store); without one, an
// evicted user starts again from an empty profile.
#ifndef RANKER_CORE_INTEREST_PROFILE_STORE_H_
#define RANKER_CORE_INTEREST_PROFILE_STORE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/btree_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/interest/interest_config.h"
#include "core/interest/profile_archive.h"
#include "core/interest/user_profile.h"
#include "core/log_throttle.h"
#include "core/persist/encoding.h"

namespace ranker {

class ProfileStore {
 public:
  // `max_users` 0: no cap. With a cap smaller than `shard_count`, the store
  // uses `max_users` shards so that every shard can hold one profile.
  explicit ProfileStore(InterestConfig config, size_t shard_count = 64,
                        size_t max_users = 0);

  // Applies one event to the user's profile, creating the profile if needed
  // (evicting the shard's longest idle profile when the shard is full).
  void Apply(absl::string_view user_id, const ProfileEvent& event);
  // The user's profile as of `now`; an empty view (known == false) for a user
  // never seen.
  ProfileView View(absl::string_view user_id, TimeMs now) const;
  size_t user_count() const;  // in memory

  // Evicted profiles go to `archive` from now on (null: they are dropped).
  // Must outlive the store; attach before the first Apply.
  void AttachArchive(ProfileArchive* archive) { archive_ = archive; }
  const ProfileArchive* archive() const { return archive_; }

  // Snapshots, one frame per shard. SaveShardTo reads without the shard's
  // lock: the caller guarantees that no Apply runs (the engine pauses writes,
  // or this is a forked copy, where a vanished reader may hold a copy of the
  // lock). LoadUsersFrom adds the users of one saved shard, wherever they
  // hash now (shard count and hash seed may differ between processes).
  size_t shard_count() const { return shards_.size(); }
  void SaveShardTo(size_t shard,
                   persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadUsersFrom(persist::Decoder& in);
  // Profiles evicted to make room for new users since construction.
  uint64_t evicted_count() const {
    return evicted_.load(std::memory_order_relaxed);
  }
  size_t max_users() const { return max_users_; }
  const InterestConfig& config() const { return config_; }

 private:
  // (last event time, user id), the id being the key of `users` (a node
  // map: keys never move): ordered so that the first is evicted first.
  struct IdleKey {
    TimeMs last_event_time;
    const std::string* user_id;
  };
  struct IdleOrder {
    bool operator()(const IdleKey& a, const IdleKey& b) const {
      return a.last_event_time != b.last_event_time
                 ? a.last_event_time < b.last_event_time
                 : *a.user_id < *b.user_id;
    }
  };

  struct Shard {
    mutable absl::Mutex mu;
    // A node map: one pointer per slot and the (id, profile) pair in its own
    // node, which also keeps the id in place for idle_order.
    absl::node_hash_map<std::string, UserProfile> users ABSL_GUARDED_BY(mu);
    // Once the shard has been full (`ordered`): one key per user of
    // `users`, which is how eviction finds the longest idle one; code that
    // adds or removes users (or changes a last event time) outside Apply
    // must keep it in step. Empty before (no cost until eviction starts:
    // the shard orders its users when it first needs to evict one, the same
    // order it would have kept all along).
    absl::btree_set<IdleKey, IdleOrder> idle_order ABSL_GUARDED_BY(mu);
    bool ordered ABSL_GUARDED_BY(mu) = false;
    size_t capacity = 0;  // 0: no cap
  };
  Shard& ShardFor(absl::string_view user_id) const;
  // The user's archived profile (taken out of the archive), or a new one.
  UserProfile Restore(absl::string_view user_id);
  // Removes the shard's longest idle profile (into the archive, if any).
  void EvictOne(Shard& shard) ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);
  // Adds `profile` for `user_id`, which the shard must not hold, evicting
  // the longest idle profile first when the shard is full, and keeps
  // idle_order in step. The one way users enter a shard.
  using Entry = std::pair<const std::string, UserProfile>;
  Entry& Insert(Shard& shard, absl::string_view user_id, UserProfile profile)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);

  const InterestConfig config_;
  const size_t max_users_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<uint64_t> evicted_{0};
  ProfileArchive* archive_ = nullptr;
  LogThrottle archive_error_log_{absl::Minutes(1)};
  LogThrottle eviction_log_{absl::Minutes(1)};
};

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_PROFILE_STORE_H_
