#include "tests/e2e/server_process.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"

namespace ranker::testing {

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    std::vector<std::string> extra_flags, std::string binary) {
  auto process = std::unique_ptr<ServerProcess>(new ServerProcess());
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "ranker_e2e_XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) {
    return absl::InternalError("mkdtemp failed");
  }
  process->temp_dir_ = dir_template;
  const std::string port_file = process->temp_dir_ + "/port";

  std::vector<std::string> args = {binary, "--listen=127.0.0.1:0",
                                   "--port_file=" + port_file,
                                   "--log_level=warn"};
  args.insert(args.end(), extra_flags.begin(), extra_flags.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  process->pid_ = fork();
  if (process->pid_ < 0) return absl::InternalError("fork failed");
  if (process->pid_ == 0) {
    // Never outlive a test that crashed.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    execv(argv[0], argv.data());
    _exit(127);
  }

  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(process->pid_, &status, WNOHANG) == process->pid_) {
      process->pid_ = -1;
      return absl::InternalError(
          absl::StrCat(binary, " exited early with status ", status));
    }
    std::ifstream in(port_file);
    if (in >> process->port_ && process->port_ > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (process->port_ <= 0) {
    return absl::DeadlineExceededError("server did not write its port file");
  }
  process->channel_ = grpc::CreateChannel(process->address(),
                                          grpc::InsecureChannelCredentials());
  if (!process->channel_->WaitForConnected(std::chrono::system_clock::now() +
                                           std::chrono::seconds(10))) {
    return absl::UnavailableError("cannot connect to the server");
  }
  return process;
}

std::string ServerProcess::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  // An idle client connection does not answer the server's graceful-GOAWAY
  // ping, which would hold shutdown for seconds; callers drop their stubs
  // first and we drop our channel.
  channel_.reset();
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (!temp_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir_, ignored);
  }
}

}  // namespace ranker::testing
