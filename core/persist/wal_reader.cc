#include "core/persist/wal_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/persist/encoding.h"
#include "core/persist/wal_record.h"
#include "core/persist/wal_segments.h"
#include "spdlog/spdlog.h"

namespace ranker::persist {
namespace {

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InternalError(absl::StrCat("cannot open ", path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return absl::InternalError(absl::StrCat("cannot read ", path));
  return std::move(bytes).str();
}

absl::Status TruncateFile(const std::string& path, uint64_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::InternalError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  int result = ::ftruncate(fd, static_cast<off_t>(size));
  if (result == 0) result = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (result != 0) {
    return absl::InternalError(
        absl::StrCat("cannot truncate ", path, ": ", std::strerror(saved)));
  }
  return absl::OkStatus();
}

// A torn write can only damage the end of the log. Damage followed by a whole
// record at the offset the damaged record's length points to is not a torn
// tail but a corrupt record in the middle.
bool IntactRecordFollows(absl::string_view bytes, size_t offset) {
  if (bytes.size() - offset < kRecordHeaderBytes) return false;
  const uint64_t length = LoadLittleEndian32(bytes.data() + offset);
  const uint64_t next = offset + kRecordHeaderBytes + length;
  if (next >= bytes.size()) return false;
  return ParseRecord(bytes.substr(next)).ok();
}

}  // namespace

absl::StatusOr<WalReplayResult> ReplayWal(const std::string& dir,
                                          const WalReplayOptions& options,
                                          const WalRecordCallback& callback) {
  absl::StatusOr<std::vector<WalSegment>> segments = ListSegments(dir);
  if (!segments.ok()) return segments.status();
  WalReplayResult result;
  result.next_sequence = options.after_sequence + 1;
  result.segments = segments->size();
  if (segments->empty()) return result;
  // Records must start at or before the first one a snapshot lacks.
  if (segments->front().first_sequence > options.after_sequence + 1) {
    return absl::DataLossError(absl::StrCat(
        "write-ahead log in ", dir, " starts at sequence ",
        segments->front().first_sequence, " but records from ",
        options.after_sequence + 1, " are needed: segments are missing"));
  }
  uint64_t expected = segments->front().first_sequence;
  for (size_t s = 0; s < segments->size(); ++s) {
    const WalSegment& segment = (*segments)[s];
    const bool last = s + 1 == segments->size();
    // A segment wholly at or below after_sequence is skipped unread: the
    // next one's name says where it ends.
    if (!last &&
        (*segments)[s + 1].first_sequence <= options.after_sequence + 1 &&
        (*segments)[s + 1].first_sequence >= segment.first_sequence) {
      result.records_skipped +=
          (*segments)[s + 1].first_sequence - segment.first_sequence;
      expected = (*segments)[s + 1].first_sequence;
      continue;
    }
    if (segment.first_sequence != expected) {
      return absl::DataLossError(absl::StrCat(
          segment.path, ": named for sequence ", segment.first_sequence,
          " but the log continues at ", expected));
    }
    absl::StatusOr<std::string> bytes = ReadWholeFile(segment.path);
    if (!bytes.ok()) return bytes.status();
    const absl::string_view data(*bytes);
    size_t offset = 0;
    while (offset < data.size()) {
      absl::StatusOr<RecordView> record = ParseRecord(data.substr(offset));
      if (!record.ok()) {
        if (!last || IntactRecordFollows(data, offset)) {
          return absl::DataLossError(absl::StrCat(
              segment.path, " offset ", offset, ": corrupt record (",
              record.status().message(),
              ") in the middle of the write-ahead log; refusing to skip it. "
              "Restore the file from a backup or move the log aside."));
        }
        if (!options.truncate_damaged_tail) {
          return absl::DataLossError(
              absl::StrCat(segment.path, " offset ", offset, ": damaged tail (",
                           record.status().message(), ")"));
        }
        spdlog::warn(
            "write-ahead log {}: damaged tail at offset {} ({}), cutting {} "
            "bytes (a write the crash interrupted; never acknowledged under "
            "fsync=always)",
            segment.path, offset, std::string(record.status().message()),
            data.size() - offset);
        if (auto s = TruncateFile(segment.path, offset); !s.ok()) return s;
        result.truncated_file = segment.path;
        result.truncated_offset = offset;
        result.truncated_bytes = data.size() - offset;
        break;
      }
      if (record->sequence != expected) {
        return absl::DataLossError(absl::StrCat(
            segment.path, " offset ", offset, ": sequence ", record->sequence,
            " where ", expected, " was expected"));
      }
      if (record->sequence <= options.after_sequence) {
        ++result.records_skipped;
      } else {
        absl::Status applied = callback(
            WalRecord{record->sequence, record->kind, record->payload});
        if (!applied.ok()) {
          return absl::Status(
              applied.code(),
              absl::StrCat(segment.path, " offset ", offset, ", sequence ",
                           record->sequence, ": ", applied.message()));
        }
        ++result.records_replayed;
      }
      ++expected;
      offset += record->size;
    }
  }
  result.next_sequence = std::max(expected, options.after_sequence + 1);
  return result;
}

}  // namespace ranker::persist
