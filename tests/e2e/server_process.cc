#include "tests/e2e/server_process.h"

#include <chrono>
#include <utility>

namespace ranker::testing {

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    std::vector<std::string> extra_flags, std::string binary) {
  return Launch(std::move(extra_flags), std::move(binary),
                grpc::InsecureChannelCredentials());
}

absl::StatusOr<std::unique_ptr<ServerProcess>>
ServerProcess::StartWithCredentials(
    std::vector<std::string> extra_flags,
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  return Launch(std::move(extra_flags), RANKER_SERVER_BINARY,
                std::move(credentials));
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Launch(
    std::vector<std::string> extra_flags, std::string binary,
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  auto process = std::unique_ptr<ServerProcess>(new ServerProcess());
  absl::StatusOr<std::unique_ptr<LocalServer>> server =
      LocalServer::Start(binary, std::move(extra_flags));
  if (!server.ok()) return server.status();
  process->server_ = *std::move(server);
  process->channel_ =
      grpc::CreateChannel(process->address(), std::move(credentials));
  if (!process->channel_->WaitForConnected(std::chrono::system_clock::now() +
                                           std::chrono::seconds(10))) {
    return absl::UnavailableError("cannot connect to the server");
  }
  return process;
}

absl::Status ServerProcess::Stop() {
  // An idle client connection does not answer the server's graceful-GOAWAY
  // ping, which would hold shutdown for seconds; callers drop their stubs
  // first and we drop our channel.
  channel_.reset();
  return server_->Stop();
}

absl::Status ServerProcess::Kill() {
  channel_.reset();
  return server_->Kill();
}

}  // namespace ranker::testing
