// Recovery: reads a write-ahead log directory in sequence order and hands each
// record to a callback (the Engine's replay).
//
// Every record's length and checksum are checked and sequence numbers must be
// contiguous. Damage at the tail of the LAST segment is what a crash during a
// write leaves behind: it is logged (file and offset) and the file is
// truncated there, so the next writer appends after the last whole record.
// Damage anywhere else (an earlier segment, or a bad record followed by a
// valid one) is an error: recovery stops, nothing is skipped silently.
#ifndef RANKER_CORE_PERSIST_WAL_READER_H_
#define RANKER_CORE_PERSIST_WAL_READER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ranker::persist {

struct WalRecord {
  uint64_t sequence = 0;
  uint8_t kind = 0;  // a RecordKind value unless written by a newer version
  absl::string_view payload;  // valid during the callback only
};

struct WalReplayOptions {
  // Records up to and including this sequence are already reflected (a
  // snapshot); they are checked but not handed to the callback.
  uint64_t after_sequence = 0;
  // Cut a damaged tail of the last segment (recovery). False: report it as
  // an error and leave the files alone (inspection tools, tests).
  bool truncate_damaged_tail = true;
};

struct WalReplayResult {
  uint64_t next_sequence = 1;  // what the writer continues with
  size_t segments = 0;
  size_t records_replayed = 0;  // handed to the callback
  size_t records_skipped = 0;   // at or below after_sequence
  // Set when a damaged tail was cut: where, and how many bytes went.
  std::string truncated_file;
  uint64_t truncated_offset = 0;
  uint64_t truncated_bytes = 0;
};

using WalRecordCallback = std::function<absl::Status(const WalRecord&)>;

// Replays `dir` (an absent or empty directory is an empty log). Errors:
// DATA_LOSS naming the file, offset and problem for damage that is not a torn
// tail or for a gap in the sequence; the callback's error, prefixed with the
// record's sequence, stops replay too.
absl::StatusOr<WalReplayResult> ReplayWal(const std::string& dir,
                                          const WalReplayOptions& options,
                                          const WalRecordCallback& callback);

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_WAL_READER_H_
