// Starts the real ranker_server binary on a free port for end-to-end tests
// and stops it with SIGTERM, the way an operator would.
#ifndef RANKER_TESTS_E2E_SERVER_PROCESS_H_
#define RANKER_TESTS_E2E_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"

namespace ranker::testing {

class ServerProcess {
 public:
  // Starts `binary` with --listen=127.0.0.1:0, --port_file and `extra_flags`,
  // and waits until it serves. The binary defaults to RANKER_SERVER_BINARY.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      std::vector<std::string> extra_flags,
      std::string binary = RANKER_SERVER_BINARY);
  ~ServerProcess();

  std::string address() const;
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Sends SIGTERM and returns the exit code (-1 if it died of a signal).
  int Stop();

 private:
  ServerProcess() = default;

  pid_t pid_ = -1;
  int port_ = 0;
  std::string temp_dir_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_SERVER_PROCESS_H_
