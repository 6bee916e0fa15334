// Appends records to a write-ahead log directory, in segment files that
// rotate at a size limit, with group commit: concurrent Append() callers queue
// their records; one of them (the leader) writes the whole queue with one
// write(2) and, under FsyncPolicy::kAlways, one fdatasync(2), then every
// caller in that batch returns. Thread-safe.
//
// An I/O error fails the batch it hit and every later Append (the file's
// state is unknown after a failed write or fsync, and retrying an fsync can
// report success for pages the kernel already dropped): restart the process,
// recovery cuts whatever was torn.
#ifndef RANKER_CORE_PERSIST_WAL_WRITER_H_
#define RANKER_CORE_PERSIST_WAL_WRITER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "core/persist/journal.h"

namespace ranker::persist {

enum class FsyncPolicy {
  kAlways,    // fdatasync before Append returns: durable on return
  kInterval,  // a background flusher fdatasyncs every interval
  kNone,      // the OS writes back when it likes
};
absl::string_view FsyncPolicyName(FsyncPolicy policy);
// "always", "interval", "none"; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<FsyncPolicy> ParseFsyncPolicy(absl::string_view text,
                                             absl::string_view field);

struct WalWriterOptions {
  FsyncPolicy fsync = FsyncPolicy::kAlways;
  absl::Duration fsync_interval = absl::Milliseconds(100);
  // A segment is closed and the next begun once it holds at least this many
  // bytes (one batch never spans two segments).
  uint64_t segment_bytes = uint64_t{64} << 20;
  // Tests: runs in the leader right before it takes the queue, unlocked.
  std::function<void()> before_batch_for_test;
  // Called with the duration of every successful fdatasync(2) of the log
  // (a batch's, the interval flusher's, a finished segment's, Close's), on
  // the thread that synced, while write calls wait for it: keep it cheap and
  // non-blocking. The server feeds its fsync latency histogram from it.
  std::function<void(absl::Duration)> on_fsync;
};

struct WalWriterStats {
  uint64_t appends = 0;   // records queued
  uint64_t batches = 0;   // write(2) calls of whole batches
  uint64_t syncs = 0;     // fdatasync(2) calls, flusher included
  uint64_t segments = 0;  // segment files begun by this writer
};

class WalWriter : public Journal {
 public:
  // Continues the log in `dir` at `next_sequence` (from recovery): begins a
  // new segment named for it (or reuses an empty one of that name).
  static absl::StatusOr<std::unique_ptr<WalWriter>> Open(
      const std::string& dir, uint64_t next_sequence, WalWriterOptions options);
  ~WalWriter() override;  // Close()s, logging an error it may report

  WalWriter(const WalWriter&) = delete;
  WalWriter& operator=(const WalWriter&) = delete;

  absl::StatusOr<uint64_t> Append(RecordKind kind,
                                  absl::string_view payload) override;
  uint64_t last_sequence() const override;

  // Stops the flusher, syncs whatever is written (whatever the policy) and
  // closes the file. Later Appends fail. Idempotent.
  absl::Status Close();

  WalWriterStats stats() const;

 private:
  WalWriter(std::string dir, uint64_t next_sequence, WalWriterOptions options);

  // Leader only (writing_ set): writes `batch`, whose first record is
  // `first_sequence`, rotating first if the segment is full.
  absl::Status WriteBatch(const std::string& batch, uint64_t first_sequence);
  // Leader or Close only: closes the current segment (synced unless
  // kNone) and opens one named for `first_sequence`.
  absl::Status BeginSegment(uint64_t first_sequence);
  void FlushLoop();
  void Fail(absl::Status status);
  // fdatasync(2) of `fd`, timed for options_.on_fsync; false with errno set
  // on failure.
  bool Sync(int fd);

  const std::string dir_;
  const WalWriterOptions options_;

  mutable absl::Mutex mu_;
  absl::CondVar batch_done_;  // signalled when a leader finishes or fails
  uint64_t next_sequence_ ABSL_GUARDED_BY(mu_);
  uint64_t done_sequence_ ABSL_GUARDED_BY(mu_);  // written (+ synced)
  std::string queue_ ABSL_GUARDED_BY(mu_);       // framed, not yet written
  bool writing_ ABSL_GUARDED_BY(mu_) = false;    // a leader is at work
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status error_ ABSL_GUARDED_BY(mu_);  // sticky
  WalWriterStats stats_ ABSL_GUARDED_BY(mu_);

  // The open segment. Changed only by the leader (or Close) while holding
  // file_mu_; the leader reads it without the lock (it is the only writer),
  // the flusher under it.
  absl::Mutex file_mu_;
  std::atomic<uint64_t> syncs_{0};
  std::atomic<uint64_t> segments_{0};
  int fd_ = -1;
  uint64_t segment_size_ = 0;  // leader only
  std::string segment_path_;   // leader only
  bool unsynced_ ABSL_GUARDED_BY(file_mu_) = false;

  absl::Notification stop_flusher_;
  std::thread flusher_;
};

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_WAL_WRITER_H_
