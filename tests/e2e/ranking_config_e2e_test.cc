// --ranking_config over the real binary: the file sets the knobs every
// request starts from, SIGHUP reloads it without a restart, and a file that
// does not load stops the server from starting.
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/local_server.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_process.h"
#include "tests/e2e/subprocess.h"
#include "tests/e2e/test_certificate.h"

namespace ranker::testing {
namespace {

// The largest context_match part of the list: the match with the content
// on screen, times the context_match knob.
double LargestContextMatch(v1::Ranker::Stub& stub) {
  v1::RecommendProductsRequest request =
      FeedRequest("ranking-config-user", 20, /*debug=*/true);
  request.mutable_context()->add_content_tags("office");
  request.mutable_context()->add_content_tags("recovery");
  grpc::ClientContext context;
  v1::RecommendProductsResponse response;
  const grpc::Status status =
      stub.RecommendProducts(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  double largest = 0.0;
  for (const v1::RecommendedItem& item : response.items()) {
    const auto& parts = item.explanation().score_parts();
    if (auto it = parts.find("context_match"); it != parts.end()) {
      largest = std::max(largest, it->second);
    }
  }
  return largest;
}

TEST(RankingConfigE2eTest, TheFileSetsTheDefaultsAndSighupReloadsIt) {
  absl::StatusOr<std::string> dir = MakeTempDir();
  ASSERT_TRUE(dir.ok()) << dir.status();
  const std::string path =
      WriteTestFile(*dir, "ranking.json", R"({"context_match": 0})");
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({"--ranking_config=" + path});
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::Ranker::NewStub((*server)->channel());
  EXPECT_EQ(LargestContextMatch(*stub), 0.0);

  WriteTestFile(*dir, "ranking.json", R"({"context_match": 3})");
  ASSERT_TRUE((*server)->Reload().ok());
  // The signal is handled on the server's own time: wait for the change.
  double after = 0.0;
  for (const absl::Time give_up = absl::Now() + absl::Seconds(20);
       after == 0.0 && absl::Now() < give_up;
       absl::SleepFor(absl::Milliseconds(20))) {
    after = LargestContextMatch(*stub);
  }
  EXPECT_GT(after, 0.0);
  stub.reset();
  EXPECT_TRUE((*server)->Stop().ok());
  std::error_code ignored;
  std::filesystem::remove_all(*dir, ignored);
}

TEST(RankingConfigE2eTest, RefusesToStartWithAFileThatDoesNotLoad) {
  absl::StatusOr<std::string> dir = MakeTempDir();
  ASSERT_TRUE(dir.ok()) << dir.status();
  const std::vector<std::string> refused = {
      *dir + "/missing.json",
      WriteTestFile(*dir, "unknown.json", R"({"no_such_knob": 1})"),
      WriteTestFile(*dir, "range.json", R"({"category_max_share": 5})"),
      WriteTestFile(*dir, "broken.json", R"({"instant_match": )"),
  };
  for (const std::string& path : refused) {
    absl::StatusOr<std::unique_ptr<LocalServer>> started =
        LocalServer::Start(RANKER_SERVER_BINARY, {"--ranking_config=" + path});
    EXPECT_FALSE(started.ok()) << "started with " << path;
    if (started.ok()) {
      EXPECT_TRUE((*started)->Stop().ok());
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(*dir, ignored);
}

// The examples in deploy/ are what operators copy: they must work
// as written.
TEST(RankingConfigE2eTest, TheDeployExamplesLoad) {
  const std::string config_dir = std::string(RANKER_SOURCE_DIR) + "/deploy";
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(
      {"--ranking_config=" + config_dir + "/ranking.json"});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE((*server)->Stop().ok());
  // Every flag of the flag file is one the server knows (an unknown one is
  // an error before --version is handled).
  const ProgramRun run =
      RunProgram(RANKER_SERVER_BINARY,
                 {"--flagfile=" + config_dir + "/ranker.flags", "--version"},
                 "", absl::Seconds(30));
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
}

}  // namespace
}  // namespace ranker::testing
