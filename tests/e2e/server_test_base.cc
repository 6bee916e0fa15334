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

v1::RecommendProductsResponse ServerTestBase::Recommend(
    const v1::RecommendProductsRequest& request) {
  grpc::ClientContext context;
  v1::RecommendProductsResponse response;
  const grpc::Status status =
      stub()->RecommendProducts(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

void ServerTestBase::LogEvents(const v1::LogEventRequest& request) {
  grpc::ClientContext context;
  v1::LogEventResponse response;
  const grpc::Status status = stub()->LogEvent(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.accepted(), request.events_size());
}

v1::UpsertProductsResponse ServerTestBase::UpsertProducts(
    const v1::UpsertProductsRequest& request) {
  grpc::ClientContext context;
  v1::UpsertProductsResponse response;
  const grpc::Status status =
      stub()->UpsertProducts(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

}  // namespace ranker::testing
