#include "core/persist/forked_task.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ranker::persist {
namespace {

// Writes all of `bytes`, ignoring errors: the parent treats a short report
// as a child that failed.
void WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return;
    done += static_cast<size_t>(wrote);
  }
}

[[noreturn]] void RunChild(pid_t parent, int report_fd,
                           absl::FunctionRef<absl::Status()> work) {
  // A snapshot of a server that is gone is of no use, and a lingering
  // writer would race the restarted server in the same directory.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(2);
  // Keep only the standard streams and the report pipe.
  if (report_fd > 3) ::close_range(3, report_fd - 1, 0);
  ::close_range(report_fd + 1, UINT_MAX, 0);
  const absl::Status status = work();
  // "<code> <message>": the parent rebuilds the status.
  WriteAll(report_fd, absl::StrCat(static_cast<int>(status.code()), " ",
                                   status.message()));
  ::close(report_fd);
  // _exit: no destructors or atexit handlers of the parent's objects.
  ::_exit(status.ok() ? 0 : 1);
}

}  // namespace

absl::StatusOr<ForkedTask> ForkedTask::Start(
    absl::FunctionRef<absl::Status()> work) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return absl::InternalError(
        absl::StrCat("pipe for a forked task: ", std::strerror(errno)));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int error = errno;
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return absl::ResourceExhaustedError(
        absl::StrCat("fork: ", std::strerror(error)));
  }
  if (pid == 0) {
    ::close(pipe_fds[0]);
    RunChild(parent, pipe_fds[1], work);
  }
  ::close(pipe_fds[1]);
  return ForkedTask(pid, pipe_fds[0]);
}

ForkedTask::ForkedTask(ForkedTask&& other) noexcept
    : pid_(other.pid_), report_fd_(other.report_fd_) {
  other.pid_ = -1;
  other.report_fd_ = -1;
}

ForkedTask::~ForkedTask() {
  if (pid_ > 0) Wait().IgnoreError();
}

absl::Status ForkedTask::Wait(absl::Duration timeout) {
  if (pid_ <= 0) return absl::FailedPreconditionError("no child to wait for");
  std::string report;
  char buffer[512];
  const absl::Time deadline = absl::Now() + timeout;
  bool timed_out = false;
  while (true) {
    // The pipe reaches end of file when the child exits (or closes it).
    pollfd readable{report_fd_, POLLIN, 0};
    const absl::Duration left = deadline - absl::Now();
    const int wait_ms = timeout == absl::InfiniteDuration()
                            ? -1
                            : static_cast<int>(std::clamp<int64_t>(
                                  absl::ToInt64Milliseconds(left), 0, 60'000));
    const int ready = ::poll(&readable, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      if (absl::Now() < deadline) continue;
      ::kill(pid_, SIGKILL);
      timed_out = true;
      break;
    }
    const ssize_t got = ::read(report_fd_, buffer, sizeof(buffer));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    report.append(buffer, static_cast<size_t>(got));
  }
  ::close(report_fd_);
  report_fd_ = -1;
  int wait_status = 0;
  pid_t waited;
  do {
    waited = ::waitpid(pid_, &wait_status, 0);
  } while (waited < 0 && errno == EINTR);
  const pid_t pid = pid_;
  pid_ = -1;
  if (timed_out) {
    return absl::DeadlineExceededError(
        absl::StrCat("child ", pid, " still running after ",
                     absl::FormatDuration(timeout), "; killed"));
  }
  if (waited < 0) {
    return absl::InternalError(
        absl::StrCat("waitpid ", pid, ": ", std::strerror(errno)));
  }
  if (WIFSIGNALED(wait_status)) {
    return absl::InternalError(absl::StrCat("child ", pid, " killed by signal ",
                                            WTERMSIG(wait_status)));
  }
  const std::pair<std::string, std::string> parts =
      absl::StrSplit(report, absl::MaxSplits(' ', 1));
  int code = 0;
  if (!absl::SimpleAtoi(parts.first, &code) || code < 0 ||
      code > static_cast<int>(absl::StatusCode::kUnauthenticated)) {
    return absl::InternalError(
        absl::StrCat("child ", pid, " exited with status ",
                     WEXITSTATUS(wait_status), " without a report"));
  }
  return absl::Status(static_cast<absl::StatusCode>(code), parts.second);
}

}  // namespace ranker::persist
