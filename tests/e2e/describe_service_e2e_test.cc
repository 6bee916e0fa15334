// DescribeService over a real server: the counts follow what the write calls
// did (a new product and tag, a governed shop, a new user's events and
// session), the memory figures are the process's own, and with --state_dir
// the events applied survive a graceful restart (snapshot) and a crash (log
// replay).
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_process.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

v1::DescribeServiceResponse DescribeServiceOn(v1::Ranker::Stub& stub) {
  grpc::ClientContext context;
  v1::DescribeServiceResponse response;
  const grpc::Status status =
      stub.DescribeService(&context, v1::DescribeServiceRequest(), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

class DescribeServiceE2eTest : public ServerTestBase {
 protected:
  static v1::DescribeServiceResponse DescribeService() {
    return DescribeServiceOn(*stub());
  }
};

TEST_F(DescribeServiceE2eTest, ReportsTheCatalogTheProcessMemoryAndUptime) {
  const v1::DescribeServiceResponse service = DescribeService();
  // At least: other tests of this suite may have added to the demo catalog.
  EXPECT_GE(service.products(), DemoCatalog().size());
  EXPECT_GT(service.tags(), 0u);
  // Resident memory is the server's own: a catalog of 2,000 products and a
  // gRPC server take more than a megabyte, and far less than the machine.
  EXPECT_GT(service.rss_bytes(), uint64_t{1} << 20);
  EXPECT_LT(service.rss_bytes(), uint64_t{16} << 30);
  EXPECT_GE(service.peak_rss_bytes(), service.rss_bytes());
  EXPECT_GT(service.uptime_seconds(), 0.0);
  EXPECT_FALSE(service.version().empty());
  // No --state_dir: evicted profiles are dropped, never archived.
  EXPECT_EQ(service.archived_users(), 0u);

  const v1::DescribeServiceResponse later = DescribeService();
  EXPECT_GT(later.uptime_seconds(), service.uptime_seconds());
}

TEST_F(DescribeServiceE2eTest, CountsMoveWithUpsertsAndANewUsersEvents) {
  const v1::DescribeServiceResponse before = DescribeService();

  // A product with a tag nobody used yet.
  ProductSpec added = DemoCatalogById().at("p00005");
  added.id = "service-e2e-product";
  added.tags = {{"service-e2e-tag", 1.0}};
  v1::UpsertProductsRequest upsert;
  *upsert.add_products() = ToApiProduct(added);
  UpsertProducts(upsert);
  // A shop governed for the first time.
  {
    v1::UpsertShopsRequest shops;
    v1::Shop* shop = shops.add_shops();
    shop->set_shop_id("service-e2e-shop");
    shop->set_status(v1::SHOP_STATUS_ACTIVE);
    shop->set_quality_score(0.5);
    grpc::ClientContext context;
    v1::UpsertShopsResponse response;
    const grpc::Status status = stub()->UpsertShops(&context, shops, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const v1::DescribeServiceResponse upserted = DescribeService();
  EXPECT_EQ(upserted.products(), before.products() + 1);
  EXPECT_EQ(upserted.tags(), before.tags() + 1);
  EXPECT_EQ(upserted.shops(), before.shops() + 1);
  EXPECT_EQ(upserted.users(), before.users());
  EXPECT_EQ(upserted.events(), before.events());

  // A new user: an impression and two clicks in one session.
  v1::LogEventRequest log;
  for (v1::EventType type : {v1::EVENT_TYPE_IMPRESSION, v1::EVENT_TYPE_CLICK,
                             v1::EVENT_TYPE_CLICK}) {
    v1::Event event = MakeEvent("service-e2e-user", added.id, type);
    event.set_session_id("service-e2e-session");
    *log.add_events() = event;
  }
  LogEvents(log);
  const v1::DescribeServiceResponse logged = DescribeService();
  EXPECT_EQ(logged.users(), before.users() + 1);
  EXPECT_EQ(logged.events(), before.events() + 3);
  EXPECT_EQ(logged.sessions(), before.sessions() + 1);
  EXPECT_EQ(logged.products(), upserted.products());
  EXPECT_GT(logged.rss_bytes(), 0u);

  // A call that fails changes no count.
  v1::LogEventRequest bad;
  *bad.add_events() =
      MakeEvent("service-e2e-other", "no-such-product", v1::EVENT_TYPE_CLICK);
  grpc::ClientContext context;
  v1::LogEventResponse response;
  EXPECT_EQ(stub()->LogEvent(&context, bad, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const v1::DescribeServiceResponse after_bad = DescribeService();
  EXPECT_EQ(after_bad.users(), logged.users());
  EXPECT_EQ(after_bad.events(), logged.events());
}

TEST(DescribeServiceStateDirE2eTest, EventsAndUsersSurviveARestartAndACrash) {
  std::string dir =
      (std::filesystem::temp_directory_path() / "ranker_service_XXXXXX")
          .string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const std::vector<std::string> flags = {"--state_dir=" + dir};
  auto log_clicks = [](v1::Ranker::Stub& stub, const std::string& user,
                       int clicks) {
    v1::LogEventRequest log;
    for (int i = 0; i < clicks; ++i) {
      *log.add_events() = MakeEvent(user, "p00001", v1::EVENT_TYPE_CLICK);
    }
    grpc::ClientContext context;
    v1::LogEventResponse response;
    const grpc::Status status = stub.LogEvent(&context, log, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
  };

  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start(flags);
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::Ranker::NewStub((*server)->channel());
  log_clicks(*stub, "service-durable-1", 2);
  stub.reset();
  // SIGTERM: a final snapshot holds the two events.
  ASSERT_TRUE((*server)->Stop().ok());

  server = ServerProcess::Start(flags);
  ASSERT_TRUE(server.ok()) << server.status();
  stub = v1::Ranker::NewStub((*server)->channel());
  v1::DescribeServiceResponse restarted = DescribeServiceOn(*stub);
  EXPECT_EQ(restarted.events(), 2u);
  EXPECT_EQ(restarted.users(), 1u);
  log_clicks(*stub, "service-durable-2", 3);
  stub.reset();
  // SIGKILL: the three events after the snapshot come back from the log.
  ASSERT_TRUE((*server)->Kill().ok());

  server = ServerProcess::Start(flags);
  ASSERT_TRUE(server.ok()) << server.status();
  stub = v1::Ranker::NewStub((*server)->channel());
  const v1::DescribeServiceResponse recovered = DescribeServiceOn(*stub);
  EXPECT_EQ(recovered.events(), 5u);
  EXPECT_EQ(recovered.users(), 2u);
  stub.reset();
  EXPECT_TRUE((*server)->Stop().ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ranker::testing
