#include "core/persist/snapshot_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/persist/encoding.h"
#include "core/persist/wal_record.h"
#include "core/persist/wal_segments.h"

namespace ranker::persist {
namespace {

constexpr absl::string_view kPrefix = "snapshot-";
constexpr absl::string_view kSuffix = ".snap";
constexpr absl::string_view kTempMarker = ".snap.tmp-";
constexpr absl::string_view kMagic = "interest-ranker snapshot";
// Frames are written out once this much is buffered, so a large state is
// never held twice in memory.
constexpr size_t kFlushBytes = size_t{4} << 20;

absl::Status ErrnoError(absl::string_view what, const std::string& path) {
  return absl::InternalError(
      absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open", path);
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof(buffer));
    if (got < 0) {
      if (errno == EINTR) continue;
      absl::Status status = ErrnoError("cannot read", path);
      ::close(fd);
      return status;
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<size_t>(got));
  }
  ::close(fd);
  return bytes;
}

absl::Status Damaged(const std::string& path, absl::string_view problem) {
  return absl::DataLossError(
      absl::StrCat("snapshot ", path, ": ", problem,
                   " (a damaged or unfinished snapshot is never loaded)"));
}

}  // namespace

std::string SnapshotFileName(uint64_t sequence) {
  return absl::StrFormat("snapshot-%020d.snap", sequence);
}

absl::StatusOr<std::vector<SnapshotFileInfo>> ListSnapshots(
    const std::string& dir) {
  std::vector<SnapshotFileInfo> snapshots;
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) return snapshots;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::optional<uint64_t> sequence = ParseNumberedFileName(
        entry.path().filename().string(), kPrefix, kSuffix);
    if (sequence.has_value()) {
      snapshots.push_back({*sequence, entry.path().string()});
    }
  }
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot list ", dir, ": ", error.message()));
  }
  std::sort(snapshots.begin(), snapshots.end(),
            [](const SnapshotFileInfo& a, const SnapshotFileInfo& b) {
              return a.sequence > b.sequence;
            });
  return snapshots;
}

absl::Status RemoveTemporarySnapshots(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) return absl::OkStatus();
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (!absl::StrContains(entry.path().filename().string(), kTempMarker)) {
      continue;
    }
    std::error_code remove_error;
    std::filesystem::remove(entry.path(), remove_error);
    if (remove_error) {
      return absl::InternalError(absl::StrCat("cannot delete ",
                                              entry.path().string(), ": ",
                                              remove_error.message()));
    }
  }
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot list ", dir, ": ", error.message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<SnapshotWriter>> SnapshotWriter::Create(
    const std::string& dir, uint64_t sequence, TimeMs created_ms) {
  if (auto s = CreateDirectories(dir); !s.ok()) return s;
  // The pid keeps a forked writer and its parent (or two processes that
  // wrongly share the directory) from writing into one temporary file.
  const std::string temp_path =
      absl::StrCat(dir, "/", SnapshotFileName(sequence), ".tmp-", ::getpid());
  const int fd =
      ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("cannot create", temp_path);
  auto writer = std::unique_ptr<SnapshotWriter>(
      new SnapshotWriter(dir, sequence, temp_path, fd));
  Encoder header;
  header.PutString(kMagic);
  header.PutVarint(kSnapshotFormatVersion);
  header.PutVarint(sequence);
  header.PutSigned(created_ms);
  writer->WriteFrame(SnapshotSection::kHeader, header.bytes());
  return writer;
}

SnapshotWriter::SnapshotWriter(std::string dir, uint64_t sequence,
                               std::string temp_path, int fd)
    : dir_(std::move(dir)),
      sequence_(sequence),
      temp_path_(std::move(temp_path)),
      fd_(fd) {}

SnapshotWriter::~SnapshotWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_path_.c_str());
}

void SnapshotWriter::WriteFrame(SnapshotSection section,
                                absl::string_view payload) {
  if (!error_.ok()) return;
  if (payload.size() > kMaxRecordPayloadBytes) {
    error_ = absl::ResourceExhaustedError(
        absl::StrCat("snapshot frame of ", payload.size(),
                     " bytes is above the frame limit"));
    return;
  }
  AppendFrame(frames_++, static_cast<uint8_t>(section), payload, buffer_);
  if (buffer_.size() >= kFlushBytes) Flush();
}

void SnapshotWriter::Flush() {
  size_t done = 0;
  while (error_.ok() && done < buffer_.size()) {
    const ssize_t wrote =
        ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (wrote < 0) {
      if (errno == EINTR) continue;
      error_ = ErrnoError("cannot write", temp_path_);
      break;
    }
    done += static_cast<size_t>(wrote);
  }
  bytes_written_ += done;
  buffer_.clear();
}

absl::StatusOr<std::string> SnapshotWriter::Commit() {
  Encoder end;
  end.PutVarint(frames_ + 1);  // every frame, the end frame included
  WriteFrame(SnapshotSection::kEnd, end.bytes());
  Flush();
  if (!error_.ok()) return error_;
  if (::fsync(fd_) != 0) return ErrnoError("cannot fsync", temp_path_);
  ::close(fd_);
  fd_ = -1;
  const std::string path = absl::StrCat(dir_, "/", SnapshotFileName(sequence_));
  if (::rename(temp_path_.c_str(), path.c_str()) != 0) {
    return ErrnoError("cannot rename to", path);
  }
  committed_ = true;
  if (auto s = SyncDirectory(dir_); !s.ok()) return s;
  return path;
}

absl::StatusOr<SnapshotReader> SnapshotReader::Open(const std::string& path) {
  SnapshotReader reader;
  reader.path_ = path;
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  reader.bytes_ = *std::move(bytes);
  const absl::string_view data(reader.bytes_);
  size_t offset = 0;
  uint64_t frame_number = 0;
  bool ended = false;
  while (offset < data.size()) {
    if (ended) {
      return Damaged(path, absl::StrCat(data.size() - offset,
                                        " bytes after the end frame"));
    }
    absl::StatusOr<RecordView> frame = ParseRecord(data.substr(offset));
    if (!frame.ok()) {
      return Damaged(path,
                     absl::StrCat("frame ", frame_number, " at offset ", offset,
                                  ": ", frame.status().message()));
    }
    if (frame->sequence != frame_number) {
      return Damaged(path, absl::StrCat("frame ", frame->sequence, " where ",
                                        frame_number, " was expected"));
    }
    const auto section = static_cast<SnapshotSection>(frame->kind);
    const size_t payload_offset = offset + kRecordHeaderBytes;
    if (frame_number == 0) {
      if (section != SnapshotSection::kHeader) {
        return Damaged(path, "no header frame");
      }
      Decoder header(frame->payload);
      std::string magic;
      uint64_t version = 0;
      if (!header.GetString(magic, "magic").ok() || magic != kMagic) {
        return Damaged(path, "not a snapshot file (bad magic)");
      }
      if (auto s = header.GetVarint(version, "version"); !s.ok()) {
        return Damaged(path, s.message());
      }
      if (version != kSnapshotFormatVersion) {
        return absl::FailedPreconditionError(absl::StrCat(
            "snapshot ", path, " has format version ", version,
            "; this server reads version ", kSnapshotFormatVersion));
      }
      if (auto s = header.GetVarint(reader.sequence_, "sequence"); !s.ok()) {
        return Damaged(path, s.message());
      }
      if (auto s = header.GetSigned(reader.created_ms_, "created"); !s.ok()) {
        return Damaged(path, s.message());
      }
    } else if (section == SnapshotSection::kEnd) {
      Decoder end(frame->payload);
      uint64_t count = 0;
      if (!end.GetVarint(count, "frame count").ok() ||
          count != frame_number + 1) {
        return Damaged(path, "end frame does not match the frames read");
      }
      ended = true;
    } else {
      reader.frames_.push_back(
          {section, payload_offset, frame->payload.size()});
    }
    offset += frame->size;
    ++frame_number;
  }
  if (!ended) return Damaged(path, "no end frame (the write was cut short)");
  return reader;
}

bool SnapshotReader::At(SnapshotSection section) const {
  return next_ < frames_.size() && frames_[next_].section == section;
}

absl::StatusOr<absl::string_view> SnapshotReader::Next(
    SnapshotSection section) {
  if (!At(section)) {
    return Damaged(path_, absl::StrCat("section ", static_cast<int>(section),
                                       " missing or out of order"));
  }
  const Frame& frame = frames_[next_++];
  return absl::string_view(bytes_).substr(frame.offset, frame.size);
}

}  // namespace ranker::persist
