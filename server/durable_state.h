// The server's state directory (--state_dir): locks it, restores the engine
// from the newest valid snapshot and the write-ahead log after it, attaches
// the log's writer so that every later write call is logged before it is
// acknowledged, and takes snapshots in the background and at shutdown.
//
//   <state_dir>/LOCK                    one server per directory
//   <state_dir>/wal/wal-<seq>.log       the log, in segments
//   <state_dir>/snapshots/snapshot-<seq>.snap
//
// A snapshot at sequence S holds everything the log's records up to S
// built; segments wholly before the oldest kept snapshot are deleted, so
// start-up time and disk use stay bounded while traffic runs.
#ifndef RANKER_SERVER_DURABLE_STATE_H_
#define RANKER_SERVER_DURABLE_STATE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "core/engine.h"
#include "core/persist/dir_lock.h"
#include "core/persist/wal_writer.h"

namespace ranker {

struct DurableStateOptions {
  std::string state_dir;
  persist::WalWriterOptions wal;
  // A background snapshot is taken once the log holds new records and
  // either this much time passed since the last one...
  absl::Duration snapshot_interval = absl::Minutes(10);
  // ...or this many records were logged since (0: by time only).
  uint64_t snapshot_every_records = 1'000'000;
  // Finished snapshots kept (at least 1); the log is kept from the oldest
  // one on, so start-up can fall back to it if the newest is damaged.
  size_t snapshots_kept = 2;
  // A forked snapshot writer still running after this is killed.
  absl::Duration snapshot_timeout = absl::Minutes(30);
};

struct SnapshotReport {
  uint64_t sequence = 0;
  uint64_t bytes = 0;
  absl::Duration writes_paused;  // how long write calls waited
  absl::Duration total;
  bool skipped = false;  // nothing new since the last snapshot
};

// What the metrics report of the snapshots and the log
// (server/state_metrics.h).
struct DurableStatus {
  // The newest snapshot: when its state was taken (the engine's clock at the
  // snapshot point, read back from the file after a restart), its sequence
  // and size, and how long writing it took (0 for one loaded at start-up).
  absl::Time snapshot_taken = absl::InfinitePast();
  uint64_t snapshot_sequence = 0;
  uint64_t snapshot_bytes = 0;
  absl::Duration snapshot_duration;
  // Snapshots that failed since start-up (the log still holds everything).
  uint64_t snapshot_failures = 0;
  // The last record in the log, and the writer's counters.
  uint64_t log_last_sequence = 0;
  persist::WalWriterStats log;
};

class DurableState {
 public:
  // Locks the directory and restores `engine`, which must be new (no catalog
  // loaded): from the newest snapshot that verifies and the log after it; or,
  // when there is no usable snapshot, from `load_initial_catalog` and the
  // whole log. A directory without a snapshot gets one at once, so from then
  // on it holds the catalog itself. Then attaches the log's writer and starts
  // background snapshots. An error (damage in the middle of the log, a record
  // that no longer applies, the directory in use) must stop start-up:
  // serving without the state would silently lose acknowledged writes.
  static absl::StatusOr<std::unique_ptr<DurableState>> Open(
      const DurableStateOptions& options, Engine& engine,
      absl::FunctionRef<absl::Status()> load_initial_catalog);
  ~DurableState();

  // Takes a snapshot now: in a forked child that writes while traffic goes
  // on (`forked`), or in this process with writes paused throughout.
  // Deletes older snapshots and log segments no kept snapshot needs.
  absl::StatusOr<SnapshotReport> Snapshot(bool forked);

  // Stops background snapshots, writes a final snapshot in this process,
  // syncs and closes the log. Call once no write call is in flight.
  absl::Status Close();

  // Cheap and never waits for a snapshot being written: for scrapes.
  DurableStatus status() const;

 private:
  DurableState(const DurableStateOptions& options, Engine& engine);

  absl::Status Restore(absl::FunctionRef<absl::Status()> load_initial_catalog);
  absl::StatusOr<uint64_t> WriteSnapshotFile(const Engine::SnapshotPoint& point,
                                             TimeMs created_ms) const;
  absl::Status Prune();
  void SnapshotLoop();

  const DurableStateOptions options_;
  const std::string wal_dir_;
  const std::string snapshot_dir_;
  Engine& engine_;
  std::unique_ptr<persist::DirLock> lock_;
  std::unique_ptr<persist::WalWriter> wal_;

  absl::Mutex snapshot_mu_;  // one snapshot at a time
  bool have_snapshot_ ABSL_GUARDED_BY(snapshot_mu_) = false;
  uint64_t snapshot_sequence_ ABSL_GUARDED_BY(snapshot_mu_) = 0;
  absl::Time snapshot_time_ ABSL_GUARDED_BY(snapshot_mu_);

  // What status() reports of the snapshots; a leaf lock, never held while
  // waiting, unlike snapshot_mu_ (held while a snapshot is written).
  mutable absl::Mutex status_mu_;
  DurableStatus snapshots_ ABSL_GUARDED_BY(status_mu_);

  absl::Notification stop_;
  std::thread snapshot_thread_;
  bool closed_ = false;
};

}  // namespace ranker

#endif  // RANKER_SERVER_DURABLE_STATE_H_
