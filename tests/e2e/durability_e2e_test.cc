// Durability over a real server: write calls acknowledged through gRPC
// survive a graceful stop (SIGTERM) and a crash (SIGKILL) when the server
// runs with --state_dir; the restarted server on the same directory answers
// as if it had never stopped: the user's clicks still shape their ranking, an
// upserted product still exists, a banned product and a banned shop stay
// banned. Background snapshots bound the log; a damaged newest snapshot
// falls back to the one before; a state directory holds its catalog.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_process.h"

namespace ranker::testing {
namespace {

constexpr char kUser[] = "durable-user";
constexpr char kBannedProduct[] = "p00100";
constexpr char kNewProduct[] = "durable-1";
constexpr char kNewShop[] = "durable-shop";

class DurabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir =
        (std::filesystem::temp_directory_path() / "ranker_durability_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    state_dir_ = dir;
  }
  void TearDown() override {
    stub_.reset();
    server_.reset();
    std::filesystem::remove_all(state_dir_);
  }

  void Start(const std::string& fsync = "always",
             std::vector<std::string> more_flags = {}) {
    std::vector<std::string> flags = {"--state_dir=" + state_dir_,
                                      "--wal_fsync=" + fsync,
                                      // Small segments: the test also
                                      // crosses them.
                                      "--wal_segment_bytes=256"};
    flags.insert(flags.end(), more_flags.begin(), more_flags.end());
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(flags);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::Ranker::NewStub(server_->channel());
  }
  void Stop() {
    stub_.reset();
    absl::Status status = server_->Stop();
    EXPECT_TRUE(status.ok()) << status;  // exit status 0
    server_.reset();
  }
  void Crash() {
    stub_.reset();
    absl::Status status = server_->Kill();
    EXPECT_TRUE(status.ok()) << status;
    server_.reset();
  }

  v1::RecommendProductsResponse Recommend(const std::string& user, int count) {
    v1::RecommendProductsRequest request = FeedRequest(user, count, true);
    grpc::ClientContext context;
    v1::RecommendProductsResponse response;
    grpc::Status status =
        stub_->RecommendProducts(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  grpc::Status Log(const std::vector<v1::Event>& events) {
    v1::LogEventRequest request;
    for (const v1::Event& event : events) *request.add_events() = event;
    grpc::ClientContext context;
    v1::LogEventResponse response;
    return stub_->LogEvent(&context, request, &response);
  }

  // The writes whose effect must survive: clicks on business-travel
  // products while watching business-travel content, a new product in a new
  // shop, a banned demo product, a banned demo shop.
  void WriteEverything() {
    v1::UpsertProductsRequest upsert;
    ProductSpec added = DemoCatalogById().at("p00005");
    added.id = kNewProduct;
    added.shop_id = kNewShop;
    *upsert.add_products() = ToApiProduct(added);
    ProductSpec banned = DemoCatalogById().at(kBannedProduct);
    banned.status = ProductStatus::kBanned;
    *upsert.add_products() = ToApiProduct(banned);
    {
      grpc::ClientContext context;
      v1::UpsertProductsResponse response;
      grpc::Status status = stub_->UpsertProducts(&context, upsert, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
    std::vector<v1::Event> clicks;
    for (const ProductSpec& product : DemoCatalog()) {
      if (clicks.size() == 6) break;
      if (!HasTag(product, "business-travel")) continue;
      v1::Event event = MakeEvent(kUser, product.id, v1::EVENT_TYPE_CLICK);
      event.set_content_form(v1::CONTENT_FORM_SHORT_VIDEO);
      event.add_content_tags("business-travel");
      clicks.push_back(event);
    }
    // One call per click: many records, several segments.
    for (const v1::Event& click : clicks) {
      grpc::Status status = Log({click});
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
    banned_shop_ = DemoCatalog()[7].shop_id;
    v1::UpsertShopsRequest shops;
    v1::Shop* shop = shops.add_shops();
    shop->set_shop_id(banned_shop_);
    shop->set_status(v1::SHOP_STATUS_BANNED);
    grpc::ClientContext context;
    v1::UpsertShopsResponse response;
    grpc::Status status = stub_->UpsertShops(&context, shops, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // What the writes must show through the API.
  void ExpectEverythingReflected(const std::vector<std::string>& top_before) {
    const v1::RecommendProductsResponse response = Recommend(kUser, 200);
    ASSERT_FALSE(response.items().empty());
    // The clicks still drive the instant interest.
    EXPECT_GT(response.items(0).explanation().matched_instant_tags_size(), 0);
    bool business_travel = false;
    for (const std::string& tag :
         response.items(0).explanation().matched_instant_tags()) {
      business_travel |= tag == "business-travel";
    }
    EXPECT_TRUE(business_travel);
    // The same products lead as before the restart.
    const std::vector<std::string> ids = ProductIds(response);
    for (const std::string& id : top_before) {
      EXPECT_NE(std::find(ids.begin(),
                          ids.begin() + std::min<size_t>(20, ids.size()), id),
                ids.begin() + std::min<size_t>(20, ids.size()))
          << id << " left the top 20";
    }
    for (const v1::RecommendedItem& item : response.items()) {
      EXPECT_NE(item.product_id(), kBannedProduct);
      EXPECT_NE(item.explanation().shop_id(), banned_shop_)
          << item.product_id();
    }
    // The upserted product exists: an event on it is accepted.
    EXPECT_TRUE(
        Log({MakeEvent("someone", kNewProduct, v1::EVENT_TYPE_IMPRESSION)})
            .ok());
  }

  // File names in a subdirectory of the state directory with `prefix`.
  std::vector<std::string> Files(const std::string& sub,
                                 const std::string& prefix) {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry :
         std::filesystem::directory_iterator(state_dir_ + "/" + sub, error)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) == 0) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // Polls `done` for up to 30 s.
  static bool WaitUntil(const std::function<bool()>& done) {
    for (int i = 0; i < 300; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // Waits (bounded) until the newest snapshot's name is `name`.
  bool WaitForSnapshot(const std::string& name) {
    return WaitUntil([&] {
      const std::vector<std::string> snapshots =
          Files("snapshots", "snapshot-");
      return !snapshots.empty() && snapshots.back() == name;
    });
  }

  std::vector<std::string> TopIds(int count) {
    return ProductIds(Recommend(kUser, count));
  }

  std::string state_dir_;
  std::string banned_shop_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<v1::Ranker::Stub> stub_;
};

TEST_F(DurabilityTest, AcknowledgedWritesSurviveAGracefulRestart) {
  Start();
  ASSERT_NO_FATAL_FAILURE(WriteEverything());
  const std::vector<std::string> top = TopIds(5);
  Stop();
  int segments = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(state_dir_ + "/wal")) {
    segments += entry.path().filename().string().rfind("wal-", 0) == 0;
  }
  EXPECT_GE(segments, 3);  // the log rotated
  // The graceful stop wrote a snapshot of everything (after the one taken
  // when the directory was new), so the restart replays nothing.
  const std::vector<std::string> snapshots = Files("snapshots", "snapshot-");
  ASSERT_EQ(snapshots.size(), 2u);
  EXPECT_EQ(snapshots.front(), "snapshot-00000000000000000000.snap");
  Start();
  ExpectEverythingReflected(top);
  Stop();
}

TEST_F(DurabilityTest, BackgroundSnapshotsBoundTheLogAndSurviveSigkill) {
  // A background snapshot (by a forked writer) once per second while
  // there are new records.
  Start("always", {"--snapshot_interval=1h", "--snapshot_every_records=1"});
  ASSERT_NO_FATAL_FAILURE(WriteEverything());  // records 1..8
  const std::vector<std::string> top = TopIds(5);
  ASSERT_TRUE(WaitForSnapshot("snapshot-00000000000000000008.snap"));
  for (int i = 0; i < 4; ++i) {  // records 9..12
    ASSERT_TRUE(Log({MakeEvent(absl::StrCat("more-", i), "p00005",
                               v1::EVENT_TYPE_CLICK)})
                    .ok());
  }
  ASSERT_TRUE(WaitForSnapshot("snapshot-00000000000000000012.snap"));
  // --snapshots_kept=2: the older ones go (the older kept one is at 8 or
  // later), and so do the log segments wholly before it. Pruning follows
  // the new snapshot's rename, so it is awaited rather than assumed done.
  ASSERT_TRUE(WaitUntil([&] {
    const std::vector<std::string> segments = Files("wal", "wal-");
    return Files("snapshots", "snapshot-").size() == 2 && !segments.empty() &&
           segments.front() > "wal-00000000000000000001.log";
  }));
  const std::vector<std::string> snapshots = Files("snapshots", "snapshot-");
  ASSERT_EQ(snapshots.size(), 2u);
  EXPECT_GE(snapshots.front(), "snapshot-00000000000000000008.snap");
  const std::vector<std::string> segments = Files("wal", "wal-");
  ASSERT_FALSE(segments.empty());
  EXPECT_GT(segments.front(), "wal-00000000000000000001.log");
  // A write after the snapshot lives in the log only; a crash keeps both.
  v1::Event late = MakeEvent("late-user", "p00005", v1::EVENT_TYPE_CLICK);
  ASSERT_TRUE(Log({late}).ok());
  Crash();
  Start();
  ExpectEverythingReflected(top);
  EXPECT_FALSE(Recommend("late-user", 1)
                   .items(0)
                   .explanation()
                   .matched_instant_tags()
                   .empty());
  Stop();
}

TEST_F(DurabilityTest, ADamagedNewestSnapshotFallsBackToTheOneBefore) {
  Start();
  ASSERT_NO_FATAL_FAILURE(WriteEverything());
  const std::vector<std::string> top = TopIds(5);
  Stop();
  const std::vector<std::string> snapshots = Files("snapshots", "snapshot-");
  ASSERT_EQ(snapshots.size(), 2u);
  const std::string newest = state_dir_ + "/snapshots/" + snapshots.back();
  {
    std::fstream file(newest, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(
        static_cast<std::streamoff>(std::filesystem::file_size(newest) / 2));
    file.put('\xff');
  }
  // The older snapshot (the empty directory's) plus the whole log.
  Start();
  ExpectEverythingReflected(top);
  Stop();
}

// --max_users evicts the longest idle profiles into the state directory's
// archive: the evicted user is still described (and ranked) from there, comes
// back whole at their next event, and all of it survives a crash and a
// graceful restart.
TEST_F(DurabilityTest, EvictedProfilesAreArchivedAndComeBack) {
  const std::vector<std::string> cap = {"--max_users=2"};
  Start("always", cap);
  const auto describe = [&](const std::string& user) {
    v1::DescribeUserRequest request;
    request.set_user_id(user);
    grpc::ClientContext context;
    v1::DescribeUserResponse response;
    grpc::Status status = stub_->DescribeUser(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  };
  for (const std::string user : {"first", "second", "third", "fourth"}) {
    for (int i = 0; i < 3; ++i) {
      v1::Event click =
          MakeEvent(user, absl::StrCat("p0000", i + 1), v1::EVENT_TYPE_CLICK);
      ASSERT_TRUE(Log({click}).ok());
    }
  }
  // Only two profiles fit in memory; "first" was evicted but is archived.
  v1::DescribeUserResponse first = describe("first");
  EXPECT_TRUE(first.known());
  EXPECT_EQ(first.event_counts().total(), 3);
  EXPECT_FALSE(first.long_term_interest().empty());
  Crash();
  Start("always", cap);
  EXPECT_EQ(describe("first").event_counts().total(), 3);
  // Its next event brings the profile back and adds to it.
  ASSERT_TRUE(Log({MakeEvent("first", "p00001", v1::EVENT_TYPE_LIKE)}).ok());
  EXPECT_EQ(describe("first").event_counts().total(), 4);
  EXPECT_EQ(describe("second").event_counts().total(), 3);  // archived now
  Stop();
  Start("always", cap);
  EXPECT_EQ(describe("first").event_counts().total(), 4);
  EXPECT_EQ(describe("second").event_counts().total(), 3);
  EXPECT_EQ(describe("fourth").event_counts().total(), 3);
  Stop();
}

TEST_F(DurabilityTest, TheStateDirectoryHoldsItsCatalog) {
  Start();
  ASSERT_NO_FATAL_FAILURE(WriteEverything());
  const std::vector<std::string> top = TopIds(5);
  Stop();
  // --catalog only seeds a directory without a snapshot.
  Start("always", {"--catalog=none"});
  ExpectEverythingReflected(top);
  EXPECT_TRUE(Log({MakeEvent("someone", "p00001", v1::EVENT_TYPE_CLICK)}).ok());
  Stop();
}

TEST_F(DurabilityTest, AcknowledgedWritesSurviveSigkillTwice) {
  Start();
  ASSERT_NO_FATAL_FAILURE(WriteEverything());
  const std::vector<std::string> top = TopIds(5);
  Crash();
  Start();
  ExpectEverythingReflected(top);
  // The restarted server continues the log; a second crash keeps both.
  v1::Event late = MakeEvent("late-user", "p00005", v1::EVENT_TYPE_CLICK);
  late.add_content_tags("business-travel");
  ASSERT_TRUE(Log({late}).ok());
  const std::vector<std::string> late_top =
      ProductIds(Recommend("late-user", 5));
  Crash();
  Start();
  ExpectEverythingReflected(top);
  EXPECT_EQ(ProductIds(Recommend("late-user", 5)).size(), late_top.size());
  EXPECT_GT(Recommend("late-user", 1)
                .items(0)
                .explanation()
                .matched_instant_tags_size(),
            0);
  Stop();
}

TEST_F(DurabilityTest, WithoutStateDirARestartForgets) {
  // The control: the same checks fail without --state_dir, so the tests
  // above measure the log, not something else that survives.
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  stub_ = v1::Ranker::NewStub(server_->channel());
  ASSERT_NO_FATAL_FAILURE(WriteEverything());
  Stop();
  server = ServerProcess::Start({});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  stub_ = v1::Ranker::NewStub(server_->channel());
  EXPECT_EQ(Log({MakeEvent("someone", kNewProduct, v1::EVENT_TYPE_IMPRESSION)})
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  Stop();
}

TEST_F(DurabilityTest, ASecondServerOnTheSameDirectoryIsRefused) {
  Start();
  absl::StatusOr<std::unique_ptr<ServerProcess>> second =
      ServerProcess::Start({"--state_dir=" + state_dir_});
  EXPECT_FALSE(second.ok());
  Stop();
}

TEST_F(DurabilityTest, ABadFsyncPolicyStopsStartUp) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(
      {"--state_dir=" + state_dir_, "--wal_fsync=sometimes"});
  EXPECT_FALSE(server.ok());
}

TEST_F(DurabilityTest, IntervalAndNonePoliciesSurviveAGracefulRestart) {
  for (const std::string policy : {"interval", "none"}) {
    SCOPED_TRACE(policy);
    std::filesystem::remove_all(state_dir_);
    Start(policy);
    ASSERT_NO_FATAL_FAILURE(WriteEverything());
    const std::vector<std::string> top = TopIds(5);
    Stop();  // the graceful stop syncs whatever the policy
    Start(policy);
    ExpectEverythingReflected(top);
    Stop();
  }
}

}  // namespace
}  // namespace ranker::testing
