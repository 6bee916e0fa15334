#include "server/durable_state.h"

#include <utility>

#include "absl/time/clock.h"
#include "core/persist/wal_reader.h"
#include "spdlog/spdlog.h"

namespace ranker {

absl::StatusOr<std::unique_ptr<DurableState>> DurableState::Open(
    const DurableStateOptions& options, Engine& engine) {
  auto state = std::unique_ptr<DurableState>(new DurableState());
  absl::StatusOr<std::unique_ptr<persist::DirLock>> lock =
      persist::DirLock::Acquire(options.state_dir);
  if (!lock.ok()) return lock.status();
  state->lock_ = *std::move(lock);

  const std::string wal_dir = options.state_dir + "/wal";
  const absl::Time start = absl::Now();
  absl::StatusOr<persist::WalReplayResult> replayed = persist::ReplayWal(
      wal_dir, {},
      [&](const persist::WalRecord& record) { return engine.Replay(record); });
  if (!replayed.ok()) return replayed.status();
  spdlog::info(
      "replayed {} write-ahead log records ({} segments) from {} in {} ms",
      replayed->records_replayed, replayed->segments, wal_dir,
      absl::ToInt64Milliseconds(absl::Now() - start));

  absl::StatusOr<std::unique_ptr<persist::WalWriter>> wal =
      persist::WalWriter::Open(wal_dir, replayed->next_sequence, options.wal);
  if (!wal.ok()) return wal.status();
  state->wal_ = *std::move(wal);
  engine.AttachJournal(state->wal_.get());
  return state;
}

}  // namespace ranker
