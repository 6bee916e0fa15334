#include "server/durable_state.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/persist/forked_task.h"
#include "core/persist/snapshot_file.h"
#include "core/persist/wal_reader.h"
#include "core/persist/wal_segments.h"
#include "spdlog/spdlog.h"

namespace ranker {

DurableState::DurableState(const DurableStateOptions& options, Engine& engine)
    : options_(options),
      wal_dir_(options.state_dir + "/wal"),
      snapshot_dir_(options.state_dir + "/snapshots"),
      engine_(engine) {}

absl::StatusOr<std::unique_ptr<DurableState>> DurableState::Open(
    const DurableStateOptions& options, Engine& engine,
    absl::FunctionRef<absl::Status()> load_initial_catalog) {
  auto state = std::unique_ptr<DurableState>(new DurableState(options, engine));
  absl::StatusOr<std::unique_ptr<persist::DirLock>> lock =
      persist::DirLock::Acquire(options.state_dir);
  if (!lock.ok()) return lock.status();
  state->lock_ = *std::move(lock);
  if (auto s = state->Restore(load_initial_catalog); !s.ok()) return s;
  bool have_snapshot = false;
  {
    absl::MutexLock lock(&state->snapshot_mu_);
    have_snapshot = state->have_snapshot_;
  }
  if (!have_snapshot) {
    // From now on the directory holds the catalog: --catalog is not needed
    // to restore it again.
    absl::StatusOr<SnapshotReport> first = state->Snapshot(/*forked=*/false);
    if (!first.ok()) return first.status();
  }
  state->snapshot_thread_ =
      std::thread([s = state.get()] { s->SnapshotLoop(); });
  return state;
}

absl::Status DurableState::Restore(
    absl::FunctionRef<absl::Status()> load_initial_catalog) {
  if (auto s = persist::RemoveTemporarySnapshots(snapshot_dir_); !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<persist::SnapshotFileInfo>> snapshots =
      persist::ListSnapshots(snapshot_dir_);
  if (!snapshots.ok()) return snapshots.status();
  absl::StatusOr<std::unique_ptr<ProfileArchive>> archive =
      ProfileArchive::Open(options_.state_dir + "/profiles/evicted.archive");
  if (!archive.ok()) return archive.status();
  const absl::Time start = absl::Now();
  std::optional<persist::SnapshotReader> reader;
  for (const persist::SnapshotFileInfo& snapshot : *snapshots) {
    absl::StatusOr<persist::SnapshotReader> opened =
        persist::SnapshotReader::Open(snapshot.path);
    if (opened.ok()) {
      reader.emplace(*std::move(opened));
      break;
    }
    // Only a file that fails verification is passed over; its log records
    // are still there, since segments are kept from the oldest snapshot on.
    spdlog::error("{}; trying an older snapshot", opened.status().ToString());
  }
  uint64_t after_sequence = 0;
  if (!reader.has_value()) {
    // The whole log is replayed: it evicts (and archives) again from the
    // start.
    if (auto s = (*archive)->Reset(); !s.ok()) return s;
  }
  // The snapshot's archive section cuts the file back to its length.
  engine_.AttachProfileArchive(*std::move(archive));
  if (reader.has_value()) {
    if (auto s = engine_.LoadSnapshot(*reader); !s.ok()) return s;
    after_sequence = reader->sequence();
    EngineCounts counts = engine_.Counts();
    spdlog::info(
        "loaded snapshot {} (sequence {}, {} bytes: {} products, {} users) in "
        "{} ms; --catalog is not read once the state directory has a snapshot",
        reader->path(), after_sequence, reader->size_bytes(), counts.products,
        counts.users, absl::ToInt64Milliseconds(absl::Now() - start));
    {
      absl::MutexLock lock(&status_mu_);
      snapshots_.snapshot_taken = absl::FromUnixMillis(reader->created_ms());
      snapshots_.snapshot_sequence = after_sequence;
      snapshots_.snapshot_bytes = reader->size_bytes();
    }
    absl::MutexLock lock(&snapshot_mu_);
    have_snapshot_ = true;
    snapshot_sequence_ = after_sequence;
    snapshot_time_ = absl::Now();
  } else {
    if (!snapshots->empty()) {
      spdlog::error(
          "no snapshot in {} verifies; restoring from --catalog and the whole "
          "log",
          snapshot_dir_);
    }
    if (auto s = load_initial_catalog(); !s.ok()) return s;
  }

  const absl::Time replay_start = absl::Now();
  persist::WalReplayOptions replay_options;
  replay_options.after_sequence = after_sequence;
  absl::StatusOr<persist::WalReplayResult> replayed = persist::ReplayWal(
      wal_dir_, replay_options,
      [&](const persist::WalRecord& record) { return engine_.Replay(record); });
  if (!replayed.ok()) return replayed.status();
  spdlog::info(
      "replayed {} write-ahead log records after sequence {} ({} segments) "
      "from {} in {} ms",
      replayed->records_replayed, after_sequence, replayed->segments, wal_dir_,
      absl::ToInt64Milliseconds(absl::Now() - replay_start));

  absl::StatusOr<std::unique_ptr<persist::WalWriter>> wal =
      persist::WalWriter::Open(wal_dir_, replayed->next_sequence, options_.wal);
  if (!wal.ok()) return wal.status();
  wal_ = *std::move(wal);
  engine_.AttachJournal(wal_.get());
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> DurableState::WriteSnapshotFile(
    const Engine::SnapshotPoint& point, TimeMs created_ms) const {
  absl::StatusOr<std::unique_ptr<persist::SnapshotWriter>> writer =
      persist::SnapshotWriter::Create(snapshot_dir_, point.sequence,
                                      created_ms);
  if (!writer.ok()) return writer.status();
  engine_.SaveSnapshot(point, **writer);
  if (auto s = engine_.SyncProfileArchive(); !s.ok()) return s;
  absl::StatusOr<std::string> path = (*writer)->Commit();
  if (!path.ok()) return path.status();
  return (*writer)->bytes_written();
}

absl::StatusOr<SnapshotReport> DurableState::Snapshot(bool forked) {
  absl::MutexLock snapshot_lock(&snapshot_mu_);
  const absl::Time start = absl::Now();
  const TimeMs created_ms = engine_.Now();
  SnapshotReport report;
  std::optional<persist::ForkedTask> task;
  absl::Status status =
      engine_.WithWritesPaused([&](const Engine::SnapshotPoint& point) {
        report.sequence = point.sequence;
        if (have_snapshot_ && point.sequence == snapshot_sequence_) {
          report.skipped = true;
          return absl::OkStatus();
        }
        if (!forked) {
          absl::StatusOr<uint64_t> bytes = WriteSnapshotFile(point, created_ms);
          if (!bytes.ok()) return bytes.status();
          report.bytes = *bytes;
          return absl::OkStatus();
        }
        // The child's copy of the engine is frozen at the point; writes resume
        // here as soon as it exists.
        absl::StatusOr<persist::ForkedTask> started =
            persist::ForkedTask::Start([&]() -> absl::Status {
              return WriteSnapshotFile(point, created_ms).status();
            });
        if (!started.ok()) return started.status();
        task.emplace(*std::move(started));
        return absl::OkStatus();
      });
  report.writes_paused = absl::Now() - start;
  if (status.ok() && task.has_value()) {
    status = task->Wait(options_.snapshot_timeout);
  }
  if (!status.ok()) {
    absl::MutexLock lock(&status_mu_);
    ++snapshots_.snapshot_failures;
    return absl::Status(status.code(),
                        absl::StrCat("snapshot at sequence ", report.sequence,
                                     ": ", status.message()));
  }
  report.total = absl::Now() - start;
  if (report.skipped) return report;
  if (forked) {
    // The child counted its bytes; read the size from its file.
    std::error_code error;
    report.bytes = std::filesystem::file_size(
        absl::StrCat(snapshot_dir_, "/",
                     persist::SnapshotFileName(report.sequence)),
        error);
  }
  have_snapshot_ = true;
  snapshot_sequence_ = report.sequence;
  snapshot_time_ = absl::Now();
  {
    absl::MutexLock lock(&status_mu_);
    snapshots_.snapshot_taken = absl::FromUnixMillis(created_ms);
    snapshots_.snapshot_sequence = report.sequence;
    snapshots_.snapshot_bytes = report.bytes;
    snapshots_.snapshot_duration = report.total;
  }
  spdlog::info(
      "snapshot at sequence {}: {} bytes in {} ms ({}; writes paused {} ms)",
      report.sequence, report.bytes, absl::ToInt64Milliseconds(report.total),
      forked ? "forked writer" : "in process",
      absl::ToInt64Milliseconds(report.writes_paused));
  if (absl::Status pruned = Prune(); !pruned.ok()) {
    // The new snapshot stands; old files only cost disk until next time.
    spdlog::warn("pruning old snapshots and log segments: {}",
                 pruned.ToString());
  }
  return report;
}

DurableStatus DurableState::status() const {
  DurableStatus status;
  {
    absl::MutexLock lock(&status_mu_);
    status = snapshots_;
  }
  // Set in Open before the state is handed out; only its counters change.
  status.log_last_sequence = wal_->last_sequence();
  status.log = wal_->stats();
  return status;
}

absl::Status DurableState::Prune() {
  absl::StatusOr<std::vector<persist::SnapshotFileInfo>> snapshots =
      persist::ListSnapshots(snapshot_dir_);
  if (!snapshots.ok()) return snapshots.status();
  const size_t kept = std::max<size_t>(options_.snapshots_kept, 1);
  if (snapshots->empty()) return absl::OkStatus();
  for (size_t i = kept; i < snapshots->size(); ++i) {
    std::error_code error;
    std::filesystem::remove((*snapshots)[i].path, error);
    if (error) {
      return absl::InternalError(absl::StrCat(
          "cannot delete ", (*snapshots)[i].path, ": ", error.message()));
    }
  }
  const size_t oldest_kept = std::min(kept, snapshots->size()) - 1;
  absl::StatusOr<size_t> deleted = persist::DeleteSegmentsBefore(
      wal_dir_, (*snapshots)[oldest_kept].sequence + 1);
  if (!deleted.ok()) return deleted.status();
  if (*deleted > 0) {
    spdlog::info("deleted {} write-ahead log segments covered by snapshots",
                 *deleted);
  }
  return absl::OkStatus();
}

void DurableState::SnapshotLoop() {
  while (!stop_.WaitForNotificationWithTimeout(absl::Seconds(1))) {
    bool due = false;
    {
      absl::MutexLock lock(&snapshot_mu_);
      const uint64_t new_records = wal_->last_sequence() - snapshot_sequence_;
      due = new_records > 0 &&
            (absl::Now() - snapshot_time_ >= options_.snapshot_interval ||
             (options_.snapshot_every_records > 0 &&
              new_records >= options_.snapshot_every_records));
    }
    if (!due) continue;
    absl::StatusOr<SnapshotReport> report = Snapshot(/*forked=*/true);
    if (!report.ok()) {
      // The log still holds everything; the next attempt comes at the next
      // interval (not at once, so a persistent failure does not spin).
      spdlog::error("background {}", report.status().ToString());
      absl::MutexLock lock(&snapshot_mu_);
      snapshot_time_ = absl::Now();
    }
  }
}

absl::Status DurableState::Close() {
  if (closed_) return absl::OkStatus();
  closed_ = true;
  stop_.Notify();
  if (snapshot_thread_.joinable()) snapshot_thread_.join();
  absl::StatusOr<SnapshotReport> final_snapshot = Snapshot(/*forked=*/false);
  absl::Status closed = wal_->Close();
  if (!final_snapshot.ok()) return final_snapshot.status();
  return closed;
}

DurableState::~DurableState() {
  if (!closed_) {
    stop_.Notify();
    if (snapshot_thread_.joinable()) snapshot_thread_.join();
  }
}

}  // namespace ranker
