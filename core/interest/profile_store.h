// All user profiles, sharded by a hash of the user id so that concurrent
// events and requests for different users rarely touch the same lock, and
// critical sections stay short (an update or a copy of one profile).
#ifndef RANKER_CORE_INTEREST_PROFILE_STORE_H_
#define RANKER_CORE_INTEREST_PROFILE_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/interest/interest_config.h"
#include "core/interest/user_profile.h"
#include "core/persist/encoding.h"

namespace ranker {

class ProfileStore {
 public:
  explicit ProfileStore(InterestConfig config, size_t shard_count = 64);

  // Applies one event to the user's profile, creating the profile if needed.
  void Apply(absl::string_view user_id, const ProfileEvent& event);
  // The user's profile as of `now`; an empty view (known == false) for a user
  // never seen.
  ProfileView View(absl::string_view user_id, TimeMs now) const;
  size_t user_count() const;

  // Snapshots, one frame per shard. SaveShardTo reads without the shard's
  // lock: the caller guarantees that no Apply runs (the engine pauses writes,
  // or this is a forked copy, where a vanished reader may hold a copy of the
  // lock). LoadUsersFrom adds the users of one saved shard, wherever they
  // hash now (shard count and hash seed may differ between processes).
  size_t shard_count() const { return shards_.size(); }
  void SaveShardTo(size_t shard,
                   persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadUsersFrom(persist::Decoder& in);
  const InterestConfig& config() const { return config_; }

 private:
  struct Shard {
    mutable absl::Mutex mu;
    absl::flat_hash_map<std::string, UserProfile> users ABSL_GUARDED_BY(mu);
  };
  Shard& ShardFor(absl::string_view user_id) const;

  const InterestConfig config_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_PROFILE_STORE_H_
