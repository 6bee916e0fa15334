// The real ranker_server binary on a free port for end-to-end tests, with a
// connected channel; stopped with SIGTERM, the way an operator would.
#ifndef RANKER_TESTS_E2E_SERVER_PROCESS_H_
#define RANKER_TESTS_E2E_SERVER_PROCESS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/local_server.h"
#include "grpcpp/grpcpp.h"

namespace ranker::testing {

class ServerProcess {
 public:
  // Starts `binary` (default RANKER_SERVER_BINARY) with `extra_flags` and
  // waits until a channel to it is connected.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      std::vector<std::string> extra_flags,
      std::string binary = RANKER_SERVER_BINARY);
  // The same, connecting with `credentials` (e.g. TLS for a server started
  // with --tls_cert_file).
  static absl::StatusOr<std::unique_ptr<ServerProcess>> StartWithCredentials(
      std::vector<std::string> extra_flags,
      std::shared_ptr<grpc::ChannelCredentials> credentials);

  std::string address() const { return server_->address(); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Drops our channel, sends SIGTERM; OK when the server exited with 0.
  absl::Status Stop();
  // Drops our channel and SIGKILLs the server (a crash); OK when it died.
  absl::Status Kill();
  // SIGHUP: the server reloads its tokens and ranking configuration files.
  absl::Status Reload() { return server_->Reload(); }

 private:
  ServerProcess() = default;
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Launch(
      std::vector<std::string> extra_flags, std::string binary,
      std::shared_ptr<grpc::ChannelCredentials> credentials);

  std::unique_ptr<LocalServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_SERVER_PROCESS_H_
