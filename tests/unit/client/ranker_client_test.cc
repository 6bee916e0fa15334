#include "client/ranker_client.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

using HealthCheckResponse = grpc::health::v1::HealthCheckResponse;

// A scripted ranker.v1.Ranker on a local port: echoes what it received so that
// the tests can see the request went through unchanged, or fails as told.
class FakeRanker final : public v1::Ranker::Service {
 public:
  grpc::Status RecommendProducts(
      grpc::ServerContext* context, const v1::RecommendProductsRequest* request,
      v1::RecommendProductsResponse* response) override {
    if (delay_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms.load()));
    }
    if (fail) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such user");
    response->set_request_id("req-" + request->user_id());
    for (int i = 0; i < request->count(); ++i) {
      response->add_items()->set_product_id("p" + std::to_string(i));
    }
    return grpc::Status::OK;
  }
  grpc::Status LogEvent(grpc::ServerContext* context,
                        const v1::LogEventRequest* request,
                        v1::LogEventResponse* response) override {
    {
      const auto& metadata = context->client_metadata();
      auto it = metadata.find("authorization");
      std::lock_guard<std::mutex> lock(mutex);
      last_authorization =
          it == metadata.end()
              ? "<none>"
              : std::string(it->second.data(), it->second.size());
    }
    if (fail) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "events[0].type: required");
    }
    response->set_accepted(request->events_size());
    return grpc::Status::OK;
  }
  grpc::Status UpsertProducts(grpc::ServerContext* context,
                              const v1::UpsertProductsRequest* request,
                              v1::UpsertProductsResponse* response) override {
    if (fail) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing token");
    }
    response->set_inserted(request->products_size() - 1);
    response->set_updated(1);
    return grpc::Status::OK;
  }
  grpc::Status UpsertShops(grpc::ServerContext* context,
                           const v1::UpsertShopsRequest* request,
                           v1::UpsertShopsResponse* response) override {
    if (fail) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "shops[0].status: must be set");
    }
    // Echoes the first shop's score so the test sees it arrive.
    response->set_inserted(request->shops_size());
    response->set_updated(
        static_cast<int>(request->shops(0).quality_score() * 10));
    return grpc::Status::OK;
  }

  grpc::Status DescribeUser(grpc::ServerContext* context,
                            const v1::DescribeUserRequest* request,
                            v1::DescribeUserResponse* response) override {
    if (fail) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "user_id: must not be empty");
    }
    // Echoes the request: known, top_tags clicks, one recent product.
    response->set_known(true);
    response->mutable_event_counts()->set_click(request->top_tags());
    response->add_recent_product_ids("recent-of-" + request->user_id());
    return grpc::Status::OK;
  }
  grpc::Status DescribeProduct(grpc::ServerContext* context,
                               const v1::DescribeProductRequest* request,
                               v1::DescribeProductResponse* response) override {
    if (fail) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND,
                          "product_id: unknown product 'x'");
    }
    response->set_product_id(request->product_id());
    return grpc::Status::OK;
  }
  grpc::Status DescribeService(grpc::ServerContext* context,
                               const v1::DescribeServiceRequest* request,
                               v1::DescribeServiceResponse* response) override {
    if (fail) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing token");
    }
    response->set_products(42);
    response->set_rss_bytes(4096);
    return grpc::Status::OK;
  }

  std::atomic<bool> fail{false};
  std::atomic<int> delay_ms{0};
  std::mutex mutex;
  std::string last_authorization;  // of the last LogEvent; "<none>" if absent
};

class FakeHealth final : public grpc::health::v1::Health::Service {
 public:
  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     HealthCheckResponse* response) override {
    if (!request->service().empty()) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
    }
    if (unimplemented) {
      return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "no health");
    }
    response->set_status(status.load());
    return grpc::Status::OK;
  }

  std::atomic<HealthCheckResponse::ServingStatus> status{
      HealthCheckResponse::SERVING};
  std::atomic<bool> unimplemented{false};
};

class RankerClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&ranker_);
    builder.RegisterService(&health_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port_, 0);
    client_ = RankerClient::Connect(absl::StrCat("127.0.0.1:", port_));
  }
  void TearDown() override {
    client_.reset();
    if (server_ != nullptr) server_->Shutdown();
  }

  FakeRanker ranker_;
  FakeHealth health_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<RankerClient> client_;
};

TEST_F(RankerClientTest, SendsNoAuthorizationWithoutAToken) {
  ASSERT_TRUE(client_->LogEvents(v1::LogEventRequest()).ok());
  std::lock_guard<std::mutex> lock(ranker_.mutex);
  EXPECT_EQ(ranker_.last_authorization, "<none>");
}

TEST_F(RankerClientTest, SendsItsTokenAsBearerAuthorization) {
  ConnectionOptions options;
  options.token = "t0ken";
  std::unique_ptr<RankerClient> client =
      RankerClient::Connect(absl::StrCat("127.0.0.1:", port_), options);
  ASSERT_TRUE(client->LogEvents(v1::LogEventRequest()).ok());
  std::lock_guard<std::mutex> lock(ranker_.mutex);
  EXPECT_EQ(ranker_.last_authorization, "Bearer t0ken");
}

TEST_F(RankerClientTest, RecommendReturnsTheServersResponse) {
  v1::RecommendProductsRequest request;
  request.set_user_id("u1");
  request.set_count(3);
  const absl::StatusOr<v1::RecommendProductsResponse> response =
      client_->Recommend(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->request_id(), "req-u1");
  ASSERT_EQ(response->items_size(), 3);
  EXPECT_EQ(response->items(2).product_id(), "p2");
}

TEST_F(RankerClientTest, RecommendPassesTheServersErrorThroughUnchanged) {
  ranker_.fail = true;
  const absl::StatusOr<v1::RecommendProductsResponse> response =
      client_->Recommend(v1::RecommendProductsRequest());
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(response.status().message(), "no such user");
}

TEST_F(RankerClientTest, RecommendFailsWithDeadlineExceededAfterTheTimeout) {
  ranker_.delay_ms = 1000;
  const absl::Time start = absl::Now();
  const absl::StatusOr<v1::RecommendProductsResponse> response =
      client_->Recommend(v1::RecommendProductsRequest(),
                         absl::Milliseconds(50));
  const absl::Duration elapsed = absl::Now() - start;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(elapsed, absl::Milliseconds(900));
}

TEST_F(RankerClientTest, LogEventsReturnsHowManyWereAccepted) {
  v1::LogEventRequest request;
  request.add_events()->set_user_id("u1");
  request.add_events()->set_user_id("u1");
  const absl::StatusOr<v1::LogEventResponse> response =
      client_->LogEvents(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->accepted(), 2);
}

TEST_F(RankerClientTest, LogEventsPassesTheServersErrorThroughUnchanged) {
  ranker_.fail = true;
  const absl::StatusOr<v1::LogEventResponse> response =
      client_->LogEvents(v1::LogEventRequest());
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(response.status().message(), "events[0].type: required");
}

TEST_F(RankerClientTest, UpsertProductsReturnsInsertedAndUpdatedCounts) {
  v1::UpsertProductsRequest request;
  for (int i = 0; i < 4; ++i) request.add_products();
  const absl::StatusOr<v1::UpsertProductsResponse> response =
      client_->UpsertProducts(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->inserted(), 3);
  EXPECT_EQ(response->updated(), 1);
}

TEST_F(RankerClientTest, UpsertProductsPassesTheServersErrorThroughUnchanged) {
  ranker_.fail = true;
  const absl::StatusOr<v1::UpsertProductsResponse> response =
      client_->UpsertProducts(v1::UpsertProductsRequest());
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(response.status().message(), "missing token");
}

TEST_F(RankerClientTest, UpsertShopsSendsTheShopsAndReturnsTheCounts) {
  v1::UpsertShopsRequest request;
  request.add_shops()->set_quality_score(0.3);
  request.add_shops();
  const absl::StatusOr<v1::UpsertShopsResponse> response =
      client_->UpsertShops(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->inserted(), 2);
  EXPECT_EQ(response->updated(), 3);
  ranker_.fail = true;
  const absl::StatusOr<v1::UpsertShopsResponse> failed =
      client_->UpsertShops(request);
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(failed.status().message(), "shops[0].status: must be set");
}

TEST_F(RankerClientTest, DescribeUserSendsTheRequestAndReturnsTheAnswer) {
  v1::DescribeUserRequest request;
  request.set_user_id("u7");
  request.set_top_tags(3);
  const absl::StatusOr<v1::DescribeUserResponse> response =
      client_->DescribeUser(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_TRUE(response->known());
  EXPECT_EQ(response->event_counts().click(), 3u);
  EXPECT_EQ(response->recent_product_ids(0), "recent-of-u7");
  ranker_.fail = true;
  const absl::StatusOr<v1::DescribeUserResponse> failed =
      client_->DescribeUser(request);
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(failed.status().message(), "user_id: must not be empty");
}

TEST_F(RankerClientTest, DescribeProductPassesNotFoundThroughUnchanged) {
  v1::DescribeProductRequest request;
  request.set_product_id("p1");
  const absl::StatusOr<v1::DescribeProductResponse> response =
      client_->DescribeProduct(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->product_id(), "p1");
  ranker_.fail = true;
  const absl::StatusOr<v1::DescribeProductResponse> failed =
      client_->DescribeProduct(request);
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(failed.status().message(), "product_id: unknown product 'x'");
}

TEST_F(RankerClientTest, DescribeServiceReturnsTheAnswerOrTheStatus) {
  const absl::StatusOr<v1::DescribeServiceResponse> response =
      client_->DescribeService();
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->products(), 42u);
  EXPECT_EQ(response->rss_bytes(), 4096u);
  ranker_.fail = true;
  const absl::StatusOr<v1::DescribeServiceResponse> failed =
      client_->DescribeService();
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(failed.status().message(), "missing token");
}

TEST_F(RankerClientTest, HealthIsTrueOnlyWhenTheWholeServerIsServing) {
  const absl::StatusOr<bool> serving = client_->Health();
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);

  health_.status = HealthCheckResponse::NOT_SERVING;
  const absl::StatusOr<bool> not_serving = client_->Health();
  ASSERT_TRUE(not_serving.ok()) << not_serving.status();
  EXPECT_FALSE(*not_serving);

  health_.status = HealthCheckResponse::UNKNOWN;
  const absl::StatusOr<bool> unknown = client_->Health();
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_FALSE(*unknown);
}

TEST_F(RankerClientTest, HealthIsAnErrorWhenTheCheckItselfFails) {
  health_.unimplemented = true;
  const absl::StatusOr<bool> serving = client_->Health();
  ASSERT_FALSE(serving.ok());
  EXPECT_EQ(serving.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(serving.status().message(), "no health");
}

TEST_F(RankerClientTest, WaitForReadySucceedsOnALiveChannel) {
  EXPECT_TRUE(client_->WaitForReady(absl::Seconds(5)).ok());
}

// Port 1 on the loopback interface: nothing listens there, so connecting is
// refused at once.
constexpr char kDeadTarget[] = "127.0.0.1:1";

TEST(RankerClientUnreachable, EveryCallFailsFastWithUnavailable) {
  const std::unique_ptr<RankerClient> client =
      RankerClient::Connect(kDeadTarget);
  ASSERT_NE(client, nullptr);
  const absl::Time start = absl::Now();
  const absl::StatusOr<v1::RecommendProductsResponse> recommend =
      client->Recommend(v1::RecommendProductsRequest(), absl::Seconds(10));
  ASSERT_FALSE(recommend.ok());
  EXPECT_EQ(recommend.status().code(), absl::StatusCode::kUnavailable);
  const absl::StatusOr<bool> health = client->Health(absl::Seconds(10));
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST(RankerClientUnreachable, WaitForReadyGivesUpAfterTheTimeout) {
  const std::unique_ptr<RankerClient> client =
      RankerClient::Connect(kDeadTarget);
  const absl::Status status = client->WaitForReady(absl::Milliseconds(300));
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(status.message(), "channel not ready after 300ms");
}

}  // namespace
}  // namespace ranker
