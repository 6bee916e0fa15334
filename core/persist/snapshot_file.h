// A snapshot file: the engine's whole state as of one write-ahead log
// sequence, so that start-up loads it and replays only the log after it.
//
// Layout: a sequence of frames in the write-ahead log's record framing
// ([u32 length][u32 crc32][u64 frame number][u8 section][payload]), numbered
// from 0: a header frame (magic, format version, log sequence, creation
// time), the state's frames in a fixed section order, and an end frame
// holding the frame count. A file is written under a temporary name, synced
// and renamed, so a finished name always holds a whole file; on reading,
// every frame's checksum and the end frame are verified before any byte is
// decoded, so a damaged snapshot is refused whole (start-up then falls back
// to an older one) instead of being half applied.
#ifndef RANKER_CORE_PERSIST_SNAPSHOT_FILE_H_
#define RANKER_CORE_PERSIST_SNAPSHOT_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/types.h"

namespace ranker::persist {

// The sections of a snapshot, in file order. Numbers are stored: never
// renumber, only append (and bump kSnapshotFormatVersion when the encoding of
// a section changes).
enum class SnapshotSection : uint8_t {
  kHeader = 0,
  kTags = 1,
  kCatalog = 2,
  kProfiles = 3,  // one frame per profile-store shard
  kItemStats = 4,
  kSessions = 5,
  kCoEngagement = 6,
  kTagCooccurrence = 7,
  kProfileArchive = 8,  // only with an archive (a state directory)
  kEnd = 255,
};

inline constexpr uint32_t kSnapshotFormatVersion = 1;

// "snapshot-<sequence, 20 digits>.snap": name order is sequence order.
std::string SnapshotFileName(uint64_t sequence);

struct SnapshotFileInfo {
  uint64_t sequence = 0;  // from the name
  std::string path;
};

// The finished snapshots in `dir`, newest first (temporary files of an
// interrupted write are not listed). An absent directory has none.
absl::StatusOr<std::vector<SnapshotFileInfo>> ListSnapshots(
    const std::string& dir);

// Deletes what an interrupted write left behind ("*.snap.tmp-*").
absl::Status RemoveTemporarySnapshots(const std::string& dir);

class SnapshotWriter {
 public:
  // Starts a snapshot of the state as of log sequence `sequence` in `dir`
  // (created if missing), under a temporary name.
  static absl::StatusOr<std::unique_ptr<SnapshotWriter>> Create(
      const std::string& dir, uint64_t sequence, TimeMs created_ms);
  ~SnapshotWriter();  // removes the temporary file unless committed

  SnapshotWriter(const SnapshotWriter&) = delete;
  SnapshotWriter& operator=(const SnapshotWriter&) = delete;

  // Appends one frame. Errors are sticky: Commit reports the first.
  void WriteFrame(SnapshotSection section, absl::string_view payload);
  // Writes the end frame, syncs the file, renames it to its final name and
  // syncs the directory. Returns the final path.
  absl::StatusOr<std::string> Commit();

  uint64_t sequence() const { return sequence_; }
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  SnapshotWriter(std::string dir, uint64_t sequence, std::string temp_path,
                 int fd);
  void Flush();

  const std::string dir_;
  const uint64_t sequence_;
  const std::string temp_path_;
  int fd_;
  uint64_t frames_ = 0;
  uint64_t bytes_written_ = 0;
  std::string buffer_;  // framed bytes not yet written
  absl::Status error_;
  bool committed_ = false;
};

class SnapshotReader {
 public:
  // Reads and verifies the whole file: DATA_LOSS naming the file and the
  // problem for a bad magic, an unknown version, a damaged or missing frame.
  static absl::StatusOr<SnapshotReader> Open(const std::string& path);

  uint64_t sequence() const { return sequence_; }
  TimeMs created_ms() const { return created_ms_; }
  const std::string& path() const { return path_; }
  size_t size_bytes() const { return bytes_.size(); }

  // Whether the next frame belongs to `section` (for repeated frames).
  bool At(SnapshotSection section) const;
  // The payload of the next frame, which must belong to `section`
  // (DATA_LOSS otherwise); valid as long as the reader.
  absl::StatusOr<absl::string_view> Next(SnapshotSection section);

 private:
  // Offsets rather than views, so that moving the reader (and its bytes)
  // keeps them valid.
  struct Frame {
    SnapshotSection section;
    size_t offset;
    size_t size;
  };
  SnapshotReader() = default;

  std::string path_;
  std::string bytes_;
  std::vector<Frame> frames_;  // state frames only (header and end excluded)
  size_t next_ = 0;
  uint64_t sequence_ = 0;
  TimeMs created_ms_ = 0;
};

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_SNAPSHOT_FILE_H_
