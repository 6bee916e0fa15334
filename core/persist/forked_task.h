// Runs a piece of work in a forked child process: the way a snapshot is
// written in the background without stopping traffic. The child starts with
// a copy-on-write image of the parent's memory taken at the fork, so the
// parent can go on changing its state while the child reads the copy as it
// was; the parent only pauses writes for the fork itself.
//
// The child is a copy of a multi-threaded process in which only the forking
// thread survives: a lock some other thread held at the fork stays held
// forever there. So the work must take no lock another thread could have
// held (the engine's SaveSnapshot reads without locks for this reason) and
// must not log (spdlog's sinks lock). It reports through its exit status and
// a pipe instead. The child closes every inherited descriptor (the state
// directory's lock, the listening socket, log segments) and dies with its
// parent, so a killed server leaves no snapshot writer behind.
#ifndef RANKER_CORE_PERSIST_FORKED_TASK_H_
#define RANKER_CORE_PERSIST_FORKED_TASK_H_

#include <sys/types.h>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ranker::persist {

class ForkedTask {
 public:
  // Forks; the child runs `work` and exits with its status. Returns in the
  // parent as soon as the child exists.
  static absl::StatusOr<ForkedTask> Start(
      absl::FunctionRef<absl::Status()> work);

  ForkedTask(ForkedTask&& other) noexcept;
  ForkedTask& operator=(ForkedTask&&) = delete;
  ~ForkedTask();  // waits for a child not waited for yet

  // Waits for the child and returns what `work` returned (code and message
  // come back through the pipe), or INTERNAL for a child that died. A child
  // still running after `timeout` (stuck on a lock it inherited held) is
  // killed: DEADLINE_EXCEEDED.
  absl::Status Wait(absl::Duration timeout = absl::InfiniteDuration());
  pid_t pid() const { return pid_; }

 private:
  ForkedTask(pid_t pid, int report_fd) : pid_(pid), report_fd_(report_fd) {}

  pid_t pid_;
  int report_fd_;
};

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_FORKED_TASK_H_
