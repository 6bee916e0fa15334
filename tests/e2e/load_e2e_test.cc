// ranker_load as a user runs it: the real binary as a subprocess against the
// real server, for about two seconds per run, reading its --json report.
// Speed is never asserted (the machine may be busy): only that calls went
// through without errors and that the figures are consistent.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/server_test_base.h"
#include "tests/e2e/subprocess.h"
#include "tests/e2e/test_certificate.h"

namespace ranker::testing {
namespace {

using LoadRun = ProgramRun;

// Runs ranker_load with `args`; kills it after 120 seconds (a run here takes
// a few).
LoadRun RunLoad(const std::vector<std::string>& args) {
  return RunProgram(RANKER_LOAD_BINARY, args, "", absl::Seconds(120));
}

class LoadE2eTest : public ServerTestBase {
 protected:
  // No in-flight caps: these tests check the load generator's accounting,
  // and an open-loop run does not wait for replies, so under the sanitizers
  // on a busy machine (calls of tens of milliseconds) its calls pile up past
  // the default caps and some are refused (seen in CI). The caps are
  // overload_e2e_test.cc's subject.
  static void SetUpTestSuite() {
    StartServer({"--max_reads_in_flight=0", "--max_writes_in_flight=0"});
  }

  // Flags every run shares: this suite's server, the demo catalog's ids and
  // tags, short phases.
  std::vector<std::string> BaseArgs() const {
    return {absl::StrCat("--target=", server()->address()),
            "--product_ids_file=" RANKER_SOURCE_DIR
            "/deploy/demo/catalog.jsonl",
            "--warmup=300ms", "--duration=2s", "--json"};
  }

  // The report of a successful run; a test failure (and null) otherwise.
  static nlohmann::json Report(const LoadRun& run) {
    EXPECT_EQ(run.exit_code, 0) << Describe(run);
    nlohmann::json json =
        nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(json.is_object()) << Describe(run);
    return json;
  }
};

// Every call went through, and the latency figures are ordered.
void ExpectHealthyRpc(const nlohmann::json& phase, const std::string& rpc) {
  SCOPED_TRACE(rpc);
  ASSERT_TRUE(phase["rpcs"].contains(rpc)) << phase.dump(2);
  const nlohmann::json& stats = phase["rpcs"][rpc];
  EXPECT_GT(stats["ok"].get<int64_t>(), 0);
  EXPECT_EQ(stats["ok"], stats["sent"]);
  EXPECT_TRUE(stats["errors"].empty()) << stats["errors"].dump();
  EXPECT_GT(stats["ok_per_second"].get<double>(), 0);
  const nlohmann::json& latency = stats["latency_ms"];
  const double p50 = latency["p50"].get<double>();
  EXPECT_GT(p50, 0);
  EXPECT_LE(p50, latency["p99"].get<double>());
  EXPECT_LE(latency["p99"].get<double>(), latency["p99.9"].get<double>());
  EXPECT_LE(latency["p99.9"].get<double>(), latency["max"].get<double>());
  // Loopback calls to an idle server: a p50 of a minute would mean the
  // clock or the units are wrong, not that the machine is slow.
  EXPECT_LT(p50, 60000);
}

TEST_F(LoadE2eTest, ClosedLoopMixSendsRecommendAndLogWithoutErrors) {
  std::vector<std::string> args = BaseArgs();
  args.insert(args.end(),
              {"--mode=closed", "--concurrency=4", "--channels=2",
               "--mix=recommend:0.8,log:0.2", "--events_per_log=3"});
  const nlohmann::json report = Report(RunLoad(args));
  ASSERT_EQ(report["phases"].size(), 1u);
  const nlohmann::json& phase = report["phases"][0];
  EXPECT_EQ(phase["mode"], "closed");
  EXPECT_EQ(phase["concurrency"], 4);
  ExpectHealthyRpc(phase, "recommend");
  ExpectHealthyRpc(phase, "log");
  EXPECT_FALSE(phase["rpcs"].contains("health"));
}

TEST_F(LoadE2eTest, OpenLoopFollowsTheScheduleAndReportsIt) {
  std::vector<std::string> args = BaseArgs();
  args.insert(args.end(), {"--mode=open", "--rate=100",
                           "--mix=recommend:0.6,log:0.2,health:0.2"});
  const nlohmann::json report = Report(RunLoad(args));
  ASSERT_EQ(report["phases"].size(), 1u);
  const nlohmann::json& phase = report["phases"][0];
  EXPECT_EQ(phase["mode"], "open");
  ExpectHealthyRpc(phase, "recommend");
  ExpectHealthyRpc(phase, "log");
  ExpectHealthyRpc(phase, "health");
  const nlohmann::json& schedule = phase["schedule"];
  // 100/s for 2 s: arithmetic, not timing.
  EXPECT_EQ(schedule["scheduled"], 200);
  EXPECT_LE(schedule["sent"].get<int64_t>(), 200);
  EXPECT_DOUBLE_EQ(schedule["target_rate"].get<double>(), 100.0);
  EXPECT_TRUE(schedule.contains("kept_up"));
  int64_t sent = 0;
  for (const auto& [rpc, stats] : phase["rpcs"].items()) {
    sent += stats["sent"].get<int64_t>();
  }
  EXPECT_EQ(sent, schedule["sent"].get<int64_t>());
}

TEST_F(LoadE2eTest, FloorModeReportsEachRpcAsARatioOfTheHealthCheck) {
  std::vector<std::string> args = BaseArgs();
  args.insert(args.end(), {"--floor", "--concurrency=2", "--duration=1s"});
  const nlohmann::json report = Report(RunLoad(args));
  ASSERT_EQ(report["phases"].size(), 3u);  // floor, recommend, log
  EXPECT_EQ(report["phases"][0]["name"], "floor");
  ExpectHealthyRpc(report["phases"][0], "health");
  ExpectHealthyRpc(report["phases"][1], "recommend");
  ExpectHealthyRpc(report["phases"][2], "log");
  const nlohmann::json& floor = report["floor"];
  EXPECT_GT(floor["health_ok_per_second"].get<double>(), 0);
  EXPECT_GT(floor["ratios"]["recommend"]["ratio"].get<double>(), 0);
  EXPECT_GT(floor["ratios"]["log"]["ratio"].get<double>(), 0);
}

TEST_F(LoadE2eTest, TableIsTheDefaultOutput) {
  const LoadRun run =
      RunLoad({absl::StrCat("--target=", server()->address()), "--warmup=0s",
               "--duration=1s", "--concurrency=2"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_NE(run.out.find("== phase mix: closed loop, 2 in flight"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("recommend"), std::string::npos) << run.out;
}

TEST_F(LoadE2eTest, UnreachableServerExitsOne) {
  // Port 1 on loopback: nothing listens there.
  const LoadRun run = RunLoad(
      {"--target=127.0.0.1:1", "--connect_timeout=1s", "--duration=1s"});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_NE(run.err.find("cannot connect"), std::string::npos) << run.err;
}

TEST_F(LoadE2eTest, BadFlagsExitTwo) {
  const LoadRun run = RunLoad({"--mix=search:1"});
  EXPECT_EQ(run.exit_code, 2) << Describe(run);
  EXPECT_NE(run.err.find("--mix"), std::string::npos) << run.err;
}

// A server that wants a bearer token on its write RPCs (LogEvent): the
// --token* flags come from the same code as ranker_cli's, and the token
// must travel on every call of every channel.
class LoadAuthE2eTest : public LoadE2eTest {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::string> dir = MakeTempDir();
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = *dir;
    StartServer({"--auth_tokens_file=" +
                 WriteTestFile(dir_, "tokens", "load-test-token\n")});
  }
  static void TearDownTestSuite() {
    StopServer();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static std::string dir_;
};
std::string LoadAuthE2eTest::dir_;

TEST_F(LoadAuthE2eTest, TokenFileTokenIsSentOnEveryCall) {
  std::vector<std::string> args = BaseArgs();
  args.insert(args.end(),
              {"--duration=1s", "--concurrency=2",
               "--token_file=" +
                   WriteTestFile(dir_, "client_token", "load-test-token\n")});
  const nlohmann::json report = Report(RunLoad(args));
  ASSERT_EQ(report["phases"].size(), 1u);
  ExpectHealthyRpc(report["phases"][0], "recommend");
  ExpectHealthyRpc(report["phases"][0], "log");
}

TEST_F(LoadAuthE2eTest, RejectedCallsAreCountedByStatusCode) {
  std::vector<std::string> args = BaseArgs();
  args.insert(args.end(), {"--duration=1s", "--concurrency=2"});  // no token
  const nlohmann::json report = Report(RunLoad(args));
  ASSERT_EQ(report["phases"].size(), 1u);
  const nlohmann::json& phase = report["phases"][0];
  ExpectHealthyRpc(phase, "recommend");  // reads stay open
  const nlohmann::json& log = phase["rpcs"]["log"];
  EXPECT_EQ(log["ok"], 0);
  EXPECT_GT(log["sent"].get<int64_t>(), 0);
  EXPECT_EQ(log["errors"]["UNAUTHENTICATED"], log["sent"]) << log.dump(2);
}

}  // namespace
}  // namespace ranker::testing
