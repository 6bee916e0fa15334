// An exclusive advisory lock (flock) on "<dir>/LOCK": two servers writing one
// state directory would interleave their logs, so the second one refuses to
// start. The kernel drops the lock when the process dies, even by SIGKILL.
#ifndef RANKER_CORE_PERSIST_DIR_LOCK_H_
#define RANKER_CORE_PERSIST_DIR_LOCK_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace ranker::persist {

class DirLock {
 public:
  // Creates `dir` if missing. FAILED_PRECONDITION when another process
  // holds the lock.
  static absl::StatusOr<std::unique_ptr<DirLock>> Acquire(
      const std::string& dir);
  ~DirLock();

  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_DIR_LOCK_H_
