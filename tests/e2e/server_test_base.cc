#include "tests/e2e/server_test_base.h"

#include <utility>

namespace ranker::testing {

std::unique_ptr<ServerProcess> ServerTestBase::server_;
std::unique_ptr<v1::Ranker::Stub> ServerTestBase::stub_;

void ServerTestBase::StartServer(std::vector<std::string> flags) {
  auto started = ServerProcess::Start(std::move(flags));
  ASSERT_TRUE(started.ok()) << started.status();
  server_ = *std::move(started);
  stub_ = v1::Ranker::NewStub(server_->channel());
}

void ServerTestBase::StopServer() {
  stub_.reset();
  if (server_ != nullptr) {
    const absl::Status stopped = server_->Stop();
    EXPECT_TRUE(stopped.ok())
        << "ranker_server should exit 0 on SIGTERM: " << stopped;
  }
  server_.reset();
}

}  // namespace ranker::testing
