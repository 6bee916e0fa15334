// The files of a write-ahead log directory: segments named
// "wal-<first sequence, 20 digits>.log", so that name order is log order.
#ifndef RANKER_CORE_PERSIST_WAL_SEGMENTS_H_
#define RANKER_CORE_PERSIST_WAL_SEGMENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ranker::persist {

struct WalSegment {
  uint64_t first_sequence = 0;  // from the name
  std::string path;
};

std::string SegmentFileName(uint64_t first_sequence);

// The number in a file name "<prefix><20 digits><suffix>" (segments and
// snapshots are named so), or nullopt for any other name.
std::optional<uint64_t> ParseNumberedFileName(absl::string_view name,
                                              absl::string_view prefix,
                                              absl::string_view suffix);

// The directory's segments in log order; other files are ignored. An absent
// directory has none.
absl::StatusOr<std::vector<WalSegment>> ListSegments(const std::string& dir);

// Deletes the segments all of whose records come before `needed_sequence`
// (a snapshot covers them); the last segment is always kept, since the writer
// continues it. Returns how many were deleted.
absl::StatusOr<size_t> DeleteSegmentsBefore(const std::string& dir,
                                            uint64_t needed_sequence);

// Makes the directory (and its parents) if missing.
absl::Status CreateDirectories(const std::string& dir);

// fsync(2) on the directory, so that a created or renamed file's entry is
// durable.
absl::Status SyncDirectory(const std::string& dir);

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_WAL_SEGMENTS_H_
