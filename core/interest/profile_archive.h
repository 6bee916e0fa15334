// Where the profile store puts the profiles it evicts to stay under
// --max_users: an append-only file in the state directory and an in-memory
// index (user id -> offset), so that memory holds ~50 bytes per idle user
// instead of the whole profile, and a returning user finds their interests
// again instead of starting from nothing.
//
//   record: [u32 length][u32 crc32][u64 0][u8 kind=1][user id, profile]
//
// (the write-ahead log's framing). Consistency with snapshots: the archive is
// part of the engine's state. Records are appended only while a write call
// applies (an eviction), so the file grows in log order; a snapshot stores
// the file length and the index as of its sequence, and start-up truncates
// the file to that length before replaying the log after the snapshot, which
// evicts the same profiles again in the same order and so appends the same
// bytes at the same offsets. Without a snapshot the archive starts empty.
// A profile that comes back into memory is taken out of the index (its bytes
// stay until the file is rewritten: the file only grows; see the docs).
#ifndef RANKER_CORE_INTEREST_PROFILE_ARCHIVE_H_
#define RANKER_CORE_INTEREST_PROFILE_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/interest/interest_config.h"
#include "core/interest/user_profile.h"
#include "core/persist/encoding.h"

namespace ranker {

class ProfileArchive {
 public:
  // Opens (creating) the archive file at `path`, its directory created too.
  static absl::StatusOr<std::unique_ptr<ProfileArchive>> Open(
      const std::string& path);
  ~ProfileArchive();
  ProfileArchive(const ProfileArchive&) = delete;
  ProfileArchive& operator=(const ProfileArchive&) = delete;

  // Appends `profile` as `user_id`'s and indexes it.
  absl::Status Put(absl::string_view user_id, const UserProfile& profile);
  // The archived profile of `user_id`, if any (read from the file; the
  // record's checksum is verified). DATA_LOSS for a damaged record.
  absl::StatusOr<std::optional<UserProfile>> Get(
      absl::string_view user_id, const InterestConfig& config) const;
  // Forgets `user_id` (the profile went back into memory).
  void Erase(absl::string_view user_id);
  size_t size() const;
  uint64_t file_bytes() const;

  // Empties the archive: the state starts without a snapshot.
  absl::Status Reset();
  // Makes what the index points at durable (before a snapshot that refers
  // to it is committed). Opens the file anew, so a forked child whose
  // inherited descriptors were closed can call it.
  absl::Status Sync() const;

  // Snapshots: the file length and the index. SaveTo takes no lock (only
  // appends change them, and those run with writes applying, which a
  // snapshot excludes). LoadFrom truncates the file to the saved length.
  void SaveTo(persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  ProfileArchive(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), file_bytes_(size) {}
  absl::Status TruncateLocked(uint64_t size) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string path_;
  const int fd_;
  mutable absl::Mutex mu_;
  uint64_t file_bytes_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, uint64_t> offsets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace ranker

#endif  // RANKER_CORE_INTEREST_PROFILE_ARCHIVE_H_
