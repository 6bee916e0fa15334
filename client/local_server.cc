#include "client/local_server.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"

namespace ranker {

absl::StatusOr<std::unique_ptr<LocalServer>> LocalServer::Start(
    const std::string& binary, std::vector<std::string> extra_flags,
    absl::Duration timeout) {
  if (access(binary.c_str(), X_OK) != 0) {
    return absl::NotFoundError(
        absl::StrCat("server binary ", binary, " is not executable"));
  }
  auto server = std::unique_ptr<LocalServer>(new LocalServer());
  std::string dir =
      (std::filesystem::temp_directory_path() / "ranker_server_XXXXXX")
          .string();
  if (mkdtemp(dir.data()) == nullptr) {
    return absl::InternalError("mkdtemp failed");
  }
  server->temp_dir_ = dir;
  const std::string port_file = dir + "/port";

  std::vector<std::string> args = {binary, "--listen=127.0.0.1:0",
                                   "--port_file=" + port_file,
                                   "--log_level=warn"};
  args.insert(args.end(), extra_flags.begin(), extra_flags.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  server->pid_ = fork();
  if (server->pid_ < 0) return absl::InternalError("fork failed");
  if (server->pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    execv(argv[0], argv.data());
    _exit(127);
  }

  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
      server->pid_ = -1;
      return absl::InternalError(
          absl::StrCat(binary, " exited early with status ", status));
    }
    std::ifstream in(port_file);
    if (in >> server->port_ && server->port_ > 0) return server;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(binary, " did not write its port file within ",
                   absl::FormatDuration(timeout)));
}

std::string LocalServer::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

absl::Status LocalServer::Stop(absl::Duration grace) {
  if (pid_ <= 0) return absl::FailedPreconditionError("server not running");
  kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + grace;
  int status = 0;
  pid_t result = 0;
  while ((result = waitpid(pid_, &status, WNOHANG)) == 0 &&
         absl::Now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (result == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return absl::DeadlineExceededError(
        absl::StrCat("server did not stop within ", absl::FormatDuration(grace),
                     " of SIGTERM; killed"));
  }
  pid_ = -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(
        absl::StrCat("server stopped with wait status ", status));
  }
  return absl::OkStatus();
}

absl::Status LocalServer::Reload() {
  if (pid_ <= 0) return absl::FailedPreconditionError("server not running");
  if (kill(pid_, SIGHUP) != 0) {
    return absl::InternalError(absl::StrCat("SIGHUP: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status LocalServer::Kill() {
  if (pid_ <= 0) return absl::FailedPreconditionError("server not running");
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
    return absl::InternalError(absl::StrCat("server ended with wait status ",
                                            status,
                                            " before SIGKILL reached it"));
  }
  return absl::OkStatus();
}

LocalServer::~LocalServer() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (!temp_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir_, ignored);
  }
}

}  // namespace ranker
