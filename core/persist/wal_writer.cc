#include "core/persist/wal_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/persist/wal_record.h"
#include "core/persist/wal_segments.h"
#include "spdlog/spdlog.h"

namespace ranker::persist {
namespace {

absl::Status ErrnoError(absl::string_view what, const std::string& path,
                        int error) {
  return absl::InternalError(absl::StrCat("write-ahead log: ", what, " ", path,
                                          ": ", std::strerror(error)));
}

// write(2) until every byte is out; a short write is not an error by itself.
absl::Status WriteAll(int fd, absl::string_view bytes,
                      const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("write to", path, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view FsyncPolicyName(FsyncPolicy policy) {
  switch (policy) {
    case FsyncPolicy::kAlways:
      return "always";
    case FsyncPolicy::kInterval:
      return "interval";
    case FsyncPolicy::kNone:
      return "none";
  }
  return "unknown";
}

absl::StatusOr<FsyncPolicy> ParseFsyncPolicy(absl::string_view text,
                                             absl::string_view field) {
  if (text == "always") return FsyncPolicy::kAlways;
  if (text == "interval") return FsyncPolicy::kInterval;
  if (text == "none") return FsyncPolicy::kNone;
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": must be always, interval or none, got '", text, "'"));
}

WalWriter::WalWriter(std::string dir, uint64_t next_sequence,
                     WalWriterOptions options)
    : dir_(std::move(dir)),
      options_(std::move(options)),
      next_sequence_(next_sequence),
      done_sequence_(next_sequence - 1) {}

absl::StatusOr<std::unique_ptr<WalWriter>> WalWriter::Open(
    const std::string& dir, uint64_t next_sequence, WalWriterOptions options) {
  if (next_sequence == 0) {
    return absl::InvalidArgumentError("next_sequence: must be at least 1");
  }
  if (options.segment_bytes == 0) {
    return absl::InvalidArgumentError("segment_bytes: must be positive");
  }
  if (options.fsync == FsyncPolicy::kInterval &&
      options.fsync_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("fsync_interval: must be positive");
  }
  if (auto s = CreateDirectories(dir); !s.ok()) return s;
  auto writer = std::unique_ptr<WalWriter>(
      new WalWriter(dir, next_sequence, std::move(options)));
  if (auto s = writer->BeginSegment(next_sequence); !s.ok()) return s;
  if (writer->options_.fsync == FsyncPolicy::kInterval) {
    writer->flusher_ = std::thread([w = writer.get()] { w->FlushLoop(); });
  }
  return writer;
}

WalWriter::~WalWriter() {
  if (absl::Status s = Close(); !s.ok()) {
    spdlog::error("closing the write-ahead log: {}", s.ToString());
  }
}

absl::StatusOr<uint64_t> WalWriter::Append(RecordKind kind,
                                           absl::string_view payload) {
  if (payload.size() > kMaxRecordPayloadBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("write-ahead log record of ", payload.size(),
                     " bytes is above the limit"));
  }
  absl::MutexLock lock(&mu_);
  if (closed_) {
    return absl::FailedPreconditionError("write-ahead log is closed");
  }
  if (!error_.ok()) return error_;
  const uint64_t sequence = next_sequence_++;
  AppendRecord(sequence, kind, payload, queue_);
  ++stats_.appends;
  while (true) {
    // Checked first: a record written before a later failure stays logged.
    if (done_sequence_ >= sequence) return sequence;
    if (!error_.ok()) return error_;
    if (writing_) {
      batch_done_.Wait(&mu_);
      continue;
    }
    // Lead: take everything queued so far (ours included) and write it.
    writing_ = true;
    if (options_.before_batch_for_test) {
      mu_.Unlock();
      options_.before_batch_for_test();
      mu_.Lock();
    }
    std::string batch;
    batch.swap(queue_);
    const uint64_t first = done_sequence_ + 1;
    const uint64_t last = next_sequence_ - 1;
    ++stats_.batches;
    mu_.Unlock();
    absl::Status written = WriteBatch(batch, first);
    mu_.Lock();
    writing_ = false;
    if (written.ok()) {
      done_sequence_ = last;
    } else if (error_.ok()) {
      spdlog::error("{}; the write-ahead log refuses further writes",
                    written.ToString());
      error_ = std::move(written);
    }
    batch_done_.SignalAll();
  }
}

absl::Status WalWriter::WriteBatch(const std::string& batch,
                                   uint64_t first_sequence) {
  if (segment_size_ >= options_.segment_bytes) {
    if (auto s = BeginSegment(first_sequence); !s.ok()) return s;
  }
  if (auto s = WriteAll(fd_, batch, segment_path_); !s.ok()) return s;
  segment_size_ += batch.size();
  switch (options_.fsync) {
    case FsyncPolicy::kAlways:
      if (!Sync(fd_)) {
        return ErrnoError("fdatasync", segment_path_, errno);
      }
      syncs_.fetch_add(1, std::memory_order_relaxed);
      break;
    case FsyncPolicy::kInterval: {
      absl::MutexLock lock(&file_mu_);
      unsynced_ = true;
      break;
    }
    case FsyncPolicy::kNone:
      break;
  }
  return absl::OkStatus();
}

absl::Status WalWriter::BeginSegment(uint64_t first_sequence) {
  const std::string path =
      absl::StrCat(dir_, "/", SegmentFileName(first_sequence));
  {
    absl::MutexLock lock(&file_mu_);
    if (fd_ >= 0) {
      // The finished segment is synced whatever the policy allows to lag:
      // only the newest segment may ever hold a torn tail.
      if (options_.fsync != FsyncPolicy::kNone) {
        if (!Sync(fd_)) return ErrnoError("fdatasync", dir_, errno);
        syncs_.fetch_add(1, std::memory_order_relaxed);
      }
      ::close(fd_);
      fd_ = -1;
    }
    const int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoError("cannot create", path, errno);
    struct stat info;
    if (::fstat(fd, &info) != 0 || info.st_size != 0) {
      ::close(fd);
      return absl::FailedPreconditionError(absl::StrCat(
          "write-ahead log: ", path,
          " already holds records; recover the directory before writing"));
    }
    fd_ = fd;
    segment_path_ = path;
    segment_size_ = 0;
    unsynced_ = false;
  }
  // The new file's directory entry must be durable before records in it are
  // acknowledged.
  if (options_.fsync != FsyncPolicy::kNone) {
    if (auto s = SyncDirectory(dir_); !s.ok()) return s;
  }
  segments_.fetch_add(1, std::memory_order_relaxed);
  return absl::OkStatus();
}

void WalWriter::FlushLoop() {
  while (
      !stop_flusher_.WaitForNotificationWithTimeout(options_.fsync_interval)) {
    absl::MutexLock lock(&file_mu_);
    if (!unsynced_ || fd_ < 0) continue;
    // Cleared first: a write landing during the sync is synced next round.
    unsynced_ = false;
    if (!Sync(fd_)) {
      Fail(ErrnoError("fdatasync", dir_, errno));
      return;
    }
    syncs_.fetch_add(1, std::memory_order_relaxed);
  }
}

void WalWriter::Fail(absl::Status status) {
  absl::MutexLock lock(&mu_);
  if (error_.ok()) {
    spdlog::error("{}; the write-ahead log refuses further writes",
                  status.ToString());
    error_ = std::move(status);
  }
  batch_done_.SignalAll();
}

bool WalWriter::Sync(int fd) {
  if (!options_.on_fsync) return ::fdatasync(fd) == 0;
  const std::chrono::steady_clock::time_point start =
      std::chrono::steady_clock::now();
  if (::fdatasync(fd) != 0) return false;
  options_.on_fsync(absl::FromChrono(std::chrono::steady_clock::now() - start));
  return true;
}

uint64_t WalWriter::last_sequence() const {
  absl::MutexLock lock(&mu_);
  return done_sequence_;
}

WalWriterStats WalWriter::stats() const {
  absl::MutexLock lock(&mu_);
  WalWriterStats stats = stats_;
  stats.syncs = syncs_.load(std::memory_order_relaxed);
  stats.segments = segments_.load(std::memory_order_relaxed);
  return stats;
}

absl::Status WalWriter::Close() {
  {
    absl::MutexLock lock(&mu_);
    if (closed_) return absl::OkStatus();
    closed_ = true;
    // Callers already queued finish their batch; then nobody leads again.
    while (writing_ || (!queue_.empty() && error_.ok())) {
      batch_done_.Wait(&mu_);
    }
    writing_ = true;
  }
  stop_flusher_.Notify();
  if (flusher_.joinable()) flusher_.join();
  absl::MutexLock lock(&file_mu_);
  if (fd_ < 0) return absl::OkStatus();
  absl::Status status;
  if (!Sync(fd_)) {
    status = ErrnoError("fdatasync", dir_, errno);
  } else {
    syncs_.fetch_add(1, std::memory_order_relaxed);
  }
  ::close(fd_);
  fd_ = -1;
  return status;
}

}  // namespace ranker::persist
