// Overload protection over a real channel to the real binary: beyond
// --max_writes_in_flight write calls are refused at once with
// RESOURCE_EXHAUSTED (the others still succeed), a call whose deadline is gone
// gets DEADLINE_EXCEEDED, and --max_users bounds the profiles kept (a user
// beyond it evicts the longest idle one).
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_process.h"

namespace ranker::testing {
namespace {

class OverloadTest : public ::testing::Test {
 protected:
  void TearDown() override {
    stub_.reset();
    if (server_ != nullptr) {
      absl::Status stopped = server_->Stop();
      EXPECT_TRUE(stopped.ok()) << stopped;
    }
    if (!state_dir_.empty()) std::filesystem::remove_all(state_dir_);
  }

  void Start(std::vector<std::string> flags) {
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(std::move(flags));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::Ranker::NewStub(server_->channel());
  }

  std::string MakeStateDir() {
    std::string dir =
        (std::filesystem::temp_directory_path() / "ranker_overload_XXXXXX")
            .string();
    EXPECT_NE(mkdtemp(dir.data()), nullptr);
    state_dir_ = dir;
    return dir;
  }

  grpc::Status Log(const v1::LogEventRequest& request) {
    grpc::ClientContext context;
    v1::LogEventResponse response;
    return stub_->LogEvent(&context, request, &response);
  }

  // `count` impressions by 500 users on the demo catalog's products.
  static v1::LogEventRequest Impressions(int count) {
    v1::LogEventRequest request;
    for (int i = 0; i < count; ++i) {
      *request.add_events() =
          MakeEvent(absl::StrCat("load-user-", i % 500),
                    DemoCatalog()[i % DemoCatalog().size()].id,
                    v1::EVENT_TYPE_IMPRESSION);
    }
    return request;
  }

  struct Round {
    std::vector<grpc::Status> reads;
    std::vector<grpc::Status> writes;
  };

  // Sends `big`, `writes` one-event LogEvents and `reads` RecommendProducts
  // calls at once, each from its own thread, and returns how each ended
  // (`big`'s among the writes).
  Round RunRound(const v1::LogEventRequest& big, int writes, int reads) {
    Round round;
    round.reads.resize(reads);
    round.writes.resize(writes + 1);
    const v1::LogEventRequest small = Impressions(1);
    std::vector<std::thread> threads;
    threads.emplace_back([&] { round.writes[writes] = Log(big); });
    for (int i = 0; i < writes; ++i) {
      threads.emplace_back([&, i] { round.writes[i] = Log(small); });
    }
    for (int i = 0; i < reads; ++i) {
      threads.emplace_back([&, i] {
        grpc::ClientContext context;
        v1::RecommendProductsResponse response;
        round.reads[i] = stub_->RecommendProducts(
            &context, FeedRequest(absl::StrCat("reader-", i), 10), &response);
      });
    }
    for (std::thread& thread : threads) thread.join();
    return round;
  }

  // The calls of one lane that succeeded and those refused; a refusal must
  // be RESOURCE_EXHAUSTED naming the lane's cap (`flag_and_value`).
  struct LaneCounts {
    int ok = 0;
    int refused = 0;
    bool SawBoth() const { return ok > 0 && refused > 0; }
    void Add(const std::vector<grpc::Status>& statuses,
             const std::string& flag_and_value) {
      for (const grpc::Status& status : statuses) {
        if (status.ok()) {
          ++ok;
          continue;
        }
        EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
            << status.error_message();
        EXPECT_TRUE(absl::StrContains(status.error_message(), "over capacity"))
            << status.error_message();
        EXPECT_TRUE(absl::StrContains(status.error_message(), flag_and_value))
            << status.error_message();
        ++refused;
      }
    }
  };

  // Whether the server still has a profile for `user`: with one, some of
  // the items match their long-term interest.
  bool HasProfile(const std::string& user) {
    grpc::ClientContext context;
    v1::RecommendProductsResponse response;
    grpc::Status status = stub_->RecommendProducts(
        &context, FeedRequest(user, 20, true), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const v1::RecommendedItem& item : response.items()) {
      if (item.explanation().matched_long_term_tags_size() > 0) return true;
    }
    return false;
  }

  // Clicks by `user` on the first business-travel products of the demo
  // catalog.
  static v1::LogEventRequest Clicks(const std::string& user, int count) {
    v1::LogEventRequest request;
    for (const ProductSpec& product : DemoCatalog()) {
      if (request.events_size() == count) break;
      if (product.status != ProductStatus::kActive ||
          !HasTag(product, "business-travel")) {
        continue;
      }
      *request.add_events() = MakeEvent(user, product.id, v1::EVENT_TYPE_CLICK);
    }
    return request;
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<v1::Ranker::Stub> stub_;
  std::string state_dir_;
};

TEST_F(OverloadTest, BeyondEachLanesCapCallsAreRefusedAtOnceTheRestSucceed) {
  // One place per lane. A large LogEvent under --wal_fsync=always holds the
  // write place for a while (validate, encode, fsync, apply 10,000 events)
  // so that concurrent writes find it taken; concurrent reads race for the
  // one read place. Rounds repeat in case one happens not to overlap.
  Start({"--max_writes_in_flight=1", "--max_reads_in_flight=1",
         "--read_workers=1", "--state_dir=" + MakeStateDir(),
         "--wal_fsync=always"});
  const v1::LogEventRequest big = Impressions(10'000);
  LaneCounts reads;
  LaneCounts writes;
  for (int round = 0; round < 20 && !(reads.SawBoth() && writes.SawBoth());
       ++round) {
    Round outcome = RunRound(big, /*writes=*/8, /*reads=*/16);
    reads.Add(outcome.reads, "--max_reads_in_flight=1");
    writes.Add(outcome.writes, "--max_writes_in_flight=1");
  }
  EXPECT_TRUE(writes.SawBoth()) << writes.ok << " ok, " << writes.refused;
  EXPECT_TRUE(reads.SawBoth()) << reads.ok << " ok, " << reads.refused;

  // Once the load is gone the places are free again.
  grpc::ClientContext context;
  v1::RecommendProductsResponse response;
  EXPECT_TRUE(
      stub_->RecommendProducts(&context, FeedRequest("after", 10), &response)
          .ok());
  EXPECT_TRUE(Log(Impressions(1)).ok());
}

// The lanes are independent: writes filling their cap take no place from
// the reads.
TEST_F(OverloadTest, AFullWriteLaneRefusesNoRead) {
  Start({"--max_writes_in_flight=1", "--max_reads_in_flight=64",
         "--state_dir=" + MakeStateDir(), "--wal_fsync=always"});
  const v1::LogEventRequest big = Impressions(10'000);
  LaneCounts reads;
  LaneCounts writes;
  for (int round = 0; round < 20 && writes.refused == 0; ++round) {
    Round outcome = RunRound(big, /*writes=*/8, /*reads=*/16);
    reads.Add(outcome.reads, "--max_reads_in_flight=64");
    writes.Add(outcome.writes, "--max_writes_in_flight=1");
  }
  EXPECT_GT(writes.refused, 0);
  EXPECT_EQ(reads.refused, 0);
  EXPECT_GT(reads.ok, 0);
}

TEST_F(OverloadTest, ACallWithoutTimeLeftIsDeadlineExceeded) {
  Start({});
  for (const auto& deadline :
       {std::chrono::system_clock::now() - std::chrono::seconds(1),
        std::chrono::system_clock::now() + std::chrono::microseconds(1)}) {
    grpc::ClientContext context;
    context.set_deadline(deadline);
    v1::RecommendProductsResponse response;
    grpc::Status status =
        stub_->RecommendProducts(&context, FeedRequest("late", 10), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
        << status.error_message();
  }
  // The server is unharmed and answers a call with time to spare.
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  v1::RecommendProductsResponse response;
  grpc::Status status =
      stub_->RecommendProducts(&context, FeedRequest("on-time", 10), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.items_size(), 10);
}

TEST_F(OverloadTest, MaxUsersOneKeepsOnlyTheLatestUsersProfile) {
  Start({"--max_users=1"});
  ASSERT_TRUE(Log(Clicks("first", 3)).ok());
  EXPECT_TRUE(HasProfile("first"));
  ASSERT_TRUE(Log(Clicks("second", 3)).ok());
  EXPECT_TRUE(HasProfile("second"));
  EXPECT_FALSE(HasProfile("first"));  // evicted for "second"
}

TEST_F(OverloadTest, MaxUsersBoundsTheProfilesKept) {
  constexpr int kMaxUsers = 3;
  constexpr int kUsers = 12;
  Start({absl::StrCat("--max_users=", kMaxUsers)});
  for (int u = 0; u < kUsers; ++u) {
    ASSERT_TRUE(Log(Clicks(absl::StrCat("user-", u), 3)).ok());
  }
  int with_profile = 0;
  for (int u = 0; u < kUsers; ++u) {
    with_profile += HasProfile(absl::StrCat("user-", u)) ? 1 : 0;
  }
  EXPECT_GE(with_profile, 1);
  EXPECT_LE(with_profile, kMaxUsers);
  EXPECT_TRUE(HasProfile(absl::StrCat("user-", kUsers - 1)));  // the latest
}

TEST_F(OverloadTest, ARestartReplaysToTheSameProfiles) {
  // Eviction depends only on the logged calls (event times, apply order, a
  // hash that is the same in every process): replaying the write-ahead log
  // keeps exactly the profiles the server had before it stopped.
  constexpr int kUsers = 12;
  const std::vector<std::string> flags = {
      "--max_users=3", "--state_dir=" + MakeStateDir(), "--wal_fsync=none"};
  Start(flags);
  for (int u = 0; u < kUsers; ++u) {
    ASSERT_TRUE(Log(Clicks(absl::StrCat("user-", u), 3)).ok());
  }
  std::vector<bool> before;
  for (int u = 0; u < kUsers; ++u) {
    before.push_back(HasProfile(absl::StrCat("user-", u)));
  }
  stub_.reset();
  ASSERT_TRUE(server_->Stop().ok());
  server_.reset();

  Start(flags);
  for (int u = 0; u < kUsers; ++u) {
    EXPECT_EQ(HasProfile(absl::StrCat("user-", u)), before[u]) << "user-" << u;
  }
}

}  // namespace
}  // namespace ranker::testing
