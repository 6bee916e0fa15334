// The server's state directory (--state_dir): locks it, replays its
// write-ahead log into the engine, and attaches a writer so that every later
// write call is logged before it is acknowledged.
#ifndef RANKER_SERVER_DURABLE_STATE_H_
#define RANKER_SERVER_DURABLE_STATE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/engine.h"
#include "core/persist/dir_lock.h"
#include "core/persist/wal_writer.h"

namespace ranker {

struct DurableStateOptions {
  std::string state_dir;  // the log lives in <state_dir>/wal
  persist::WalWriterOptions wal;
};

class DurableState {
 public:
  // Locks the directory, replays the log into `engine` (which already holds
  // the initial catalog) and attaches the writer to it. An error (a corrupt
  // record in the middle of the log, a record that no longer applies, the
  // directory in use) must stop start-up: serving without the log's state
  // would silently lose acknowledged writes.
  static absl::StatusOr<std::unique_ptr<DurableState>> Open(
      const DurableStateOptions& options, Engine& engine);

  // Syncs and closes the log; call once no write call is in flight.
  absl::Status Close() { return wal_->Close(); }

 private:
  DurableState() = default;

  std::unique_ptr<persist::DirLock> lock_;
  std::unique_ptr<persist::WalWriter> wal_;
};

}  // namespace ranker

#endif  // RANKER_SERVER_DURABLE_STATE_H_
