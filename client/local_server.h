// A ranker_server child process on a free port, for tools and tests that
// need a real server of their own (ranker_eval, the end-to-end tests):
// started with --listen=127.0.0.1:0 and a port file, stopped with SIGTERM
// like an operator would.
#ifndef RANKER_CLIENT_LOCAL_SERVER_H_
#define RANKER_CLIENT_LOCAL_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace ranker {

class LocalServer {
 public:
  // Runs `binary --listen=127.0.0.1:0 --port_file=<tmp> --log_level=warn
  // <extra_flags>` and waits (up to `timeout`) for its port file. The child
  // is killed if this process dies.
  static absl::StatusOr<std::unique_ptr<LocalServer>> Start(
      const std::string& binary, std::vector<std::string> extra_flags = {},
      absl::Duration timeout = absl::Seconds(30));
  ~LocalServer();  // SIGKILL if Stop() was not called

  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  // "127.0.0.1:<port>".
  std::string address() const;

  // SIGTERM, then waits up to `grace` for the exit (SIGKILL after). Close
  // every channel to the server first: an idle connection delays a graceful
  // shutdown. INTERNAL unless the server exited with status 0.
  absl::Status Stop(absl::Duration grace = absl::Seconds(20));

  // SIGKILL, as a crash would: no shutdown code runs. Waits for the exit;
  // INTERNAL unless the server died of that signal.
  absl::Status Kill();

  // SIGHUP: the server re-reads its reloadable files (tokens, ranking
  // configuration). Returns once the signal is sent, not once it is handled.
  absl::Status Reload();

 private:
  LocalServer() = default;

  pid_t pid_ = -1;
  int port_ = 0;
  std::string temp_dir_;
};

}  // namespace ranker

#endif  // RANKER_CLIENT_LOCAL_SERVER_H_
