// A ranker_server child process for one evaluation: started on a free port
// with an empty catalog, stopped with SIGTERM like an operator would.
#ifndef RANKER_CLIENT_EVAL_LOCAL_SERVER_H_
#define RANKER_CLIENT_EVAL_LOCAL_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace ranker::eval {

class LocalServer {
 public:
  // Runs `binary --catalog=none --listen=127.0.0.1:0 --port_file=<tmp>
  // --log_level=warn` and waits (up to `timeout`) for its port file. The
  // child is killed if this process dies.
  static absl::StatusOr<std::unique_ptr<LocalServer>> Start(
      const std::string& binary, absl::Duration timeout = absl::Seconds(30));
  ~LocalServer();  // SIGKILL if Stop() was not called

  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  // "127.0.0.1:<port>".
  std::string address() const;

  // SIGTERM, then waits up to `grace` for the exit (SIGKILL after). Close
  // every channel to the server first: an idle connection delays a graceful
  // shutdown. INTERNAL unless the server exited with status 0.
  absl::Status Stop(absl::Duration grace = absl::Seconds(20));

 private:
  LocalServer() = default;

  pid_t pid_ = -1;
  int port_ = 0;
  std::string temp_dir_;
};

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_LOCAL_SERVER_H_
