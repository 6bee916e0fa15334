// The metrics endpoint of a real server (--metrics_listen on a free port,
// with --state_dir), scraped over HTTP as Prometheus does: a call moves the
// counter of its RPC and status code, the stage histograms and the events
// by type; the state's figures are there; every metric the server serves is
// in docs/operations/metrics.md and every documented one is served.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/ranker_client.h"
#include "core/pipeline/stage_timings.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_process.h"
#include "tests/metrics_scrape.h"

namespace ranker::testing {
namespace {

using scrape::HttpGet;
using scrape::SampleValue;

class MetricsE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir =
        (std::filesystem::temp_directory_path() / "ranker_metrics_e2e_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = new std::string(dir);
    const std::string port_file = dir + "/metrics_port";
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start({"--metrics_listen=127.0.0.1:0",
                              "--metrics_port_file=" + port_file,
                              "--state_dir=" + dir + "/state"});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    // Written before the gRPC port file, which Start waited for.
    std::ifstream in(port_file);
    ASSERT_TRUE(in >> metrics_port_) << "no metrics port in " << port_file;
    client_ = new RankerClient(server_->channel());
  }

  static void TearDownTestSuite() {
    delete client_;
    client_ = nullptr;
    if (server_ != nullptr) {
      EXPECT_TRUE(server_->Stop().ok());
      delete server_;
      server_ = nullptr;
    }
    if (dir_ != nullptr) {
      std::filesystem::remove_all(*dir_);
      delete dir_;
      dir_ = nullptr;
    }
  }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(metrics_port_, 0);
  }

  static std::string Scrape() {
    absl::StatusOr<std::string> body = HttpGet(metrics_port_, "/metrics");
    EXPECT_TRUE(body.ok()) << body.status();
    return body.value_or("");
  }

  // The value of a sample, 0 when the series is not there yet (a status code
  // no call has ended with).
  static double ValueOr0(const std::string& text, absl::string_view name,
                         const std::map<std::string, std::string>& labels) {
    return SampleValue(text, name, labels).value_or(0);
  }

  static std::map<std::string, std::string> Call(const std::string& method,
                                                 const std::string& code) {
    return {{"grpc_service", "ranker.v1.Ranker"},
            {"grpc_method", method},
            {"grpc_code", code}};
  }

  static inline std::string* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline RankerClient* client_ = nullptr;
  static inline int metrics_port_ = 0;
};

TEST_F(MetricsE2eTest, CallsMoveTheirCountersAndTheStageHistograms) {
  const std::string before = Scrape();

  ASSERT_TRUE(client_->Recommend(FeedRequest("metrics-user", 10)).ok());
  v1::LogEventRequest log;
  *log.add_events() = MakeEvent("metrics-user", "p00001", v1::EVENT_TYPE_CLICK);
  *log.add_events() = MakeEvent("metrics-user", "p00002", v1::EVENT_TYPE_CLICK);
  *log.add_events() =
      MakeEvent("metrics-user", "p00003", v1::EVENT_TYPE_ADD_TO_CART);
  ASSERT_TRUE(client_->LogEvents(log).ok());
  // A refused call is counted under its code, and applies nothing.
  EXPECT_EQ(client_->LogEvents(v1::LogEventRequest()).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<bool> serving = client_->Health();
  ASSERT_TRUE(serving.ok()) << serving.status();

  const std::string after = Scrape();
  EXPECT_EQ(ValueOr0(after, "grpc_server_handled_total",
                     Call("RecommendProducts", "OK")) -
                ValueOr0(before, "grpc_server_handled_total",
                         Call("RecommendProducts", "OK")),
            1.0)
      << after;
  EXPECT_EQ(
      ValueOr0(after, "grpc_server_handled_total", Call("LogEvent", "OK")) -
          ValueOr0(before, "grpc_server_handled_total", Call("LogEvent", "OK")),
      1.0);
  EXPECT_EQ(ValueOr0(after, "grpc_server_handled_total",
                     Call("LogEvent", "INVALID_ARGUMENT")) -
                ValueOr0(before, "grpc_server_handled_total",
                         Call("LogEvent", "INVALID_ARGUMENT")),
            1.0);
  EXPECT_EQ(ValueOr0(after, "grpc_server_handling_seconds_count",
                     Call("RecommendProducts", "OK")) -
                ValueOr0(before, "grpc_server_handling_seconds_count",
                         Call("RecommendProducts", "OK")),
            1.0);
  const std::map<std::string, std::string> health = {
      {"grpc_service", "grpc.health.v1.Health"},
      {"grpc_method", "Check"},
      {"grpc_code", "OK"}};
  EXPECT_EQ(ValueOr0(after, "grpc_server_handled_total", health) -
                ValueOr0(before, "grpc_server_handled_total", health),
            1.0);

  // Only the acknowledged call's events count.
  EXPECT_EQ(ValueOr0(after, "ranker_events_total", {{"type", "click"}}) -
                ValueOr0(before, "ranker_events_total", {{"type", "click"}}),
            2.0);
  EXPECT_EQ(
      ValueOr0(after, "ranker_events_total", {{"type", "add_to_cart"}}) -
          ValueOr0(before, "ranker_events_total", {{"type", "add_to_cart"}}),
      1.0);

  for (const absl::string_view stage : kPipelineStageNames) {
    const std::map<std::string, std::string> labels = {
        {"stage", std::string(stage)}};
    EXPECT_EQ(
        ValueOr0(after, "ranker_pipeline_stage_seconds_count", labels) -
            ValueOr0(before, "ranker_pipeline_stage_seconds_count", labels),
        1.0)
        << stage;
  }

  // --wal_fsync=always: the acknowledged LogEvent waited for an fsync.
  EXPECT_GT(ValueOr0(after, "ranker_wal_fsync_seconds_count", {}),
            ValueOr0(before, "ranker_wal_fsync_seconds_count", {}));
  EXPECT_GT(ValueOr0(after, "ranker_wal_last_sequence", {}),
            ValueOr0(before, "ranker_wal_last_sequence", {}));
  EXPECT_GT(ValueOr0(after, "ranker_state_events_applied_total", {}),
            ValueOr0(before, "ranker_state_events_applied_total", {}));
}

TEST_F(MetricsE2eTest, ServesTheStatesFigures) {
  const std::string text = Scrape();
  EXPECT_GE(ValueOr0(text, "ranker_catalog_products", {}),
            static_cast<double>(DemoCatalog().size()));
  EXPECT_GT(ValueOr0(text, "ranker_catalog_tags", {}), 0.0);
  const std::optional<double> age =
      SampleValue(text, "ranker_snapshot_age_seconds");
  ASSERT_TRUE(age.has_value()) << text;
  EXPECT_GE(*age, 0.0);
  EXPECT_LT(*age, 600.0);  // the first snapshot, taken at start-up
  EXPECT_GT(ValueOr0(text, "ranker_snapshot_size_bytes", {}), 0.0);
  EXPECT_GT(ValueOr0(text, "process_resident_memory_bytes", {}), 1 << 20);
  EXPECT_TRUE(SampleValue(text, "ranker_calls_in_flight", {{"lane", "read"}})
                  .has_value());
  EXPECT_TRUE(SampleValue(text, "ranker_build_info").has_value());
}

// The metric names of docs/operations/metrics.md: the first cell of each
// table row, in backquotes.
std::set<std::string> DocumentedMetrics() {
  std::ifstream in(std::string(RANKER_SOURCE_DIR) +
                   "/docs/operations/metrics.md");
  EXPECT_TRUE(in.good());
  const std::regex row(R"(^\| `([a-z_]+)` \|)");
  std::set<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_search(line, match, row)) names.insert(match[1].str());
  }
  return names;
}

// The metric families of an exposition: its "# TYPE <name> <type>" lines.
std::set<std::string> ServedFamilies(const std::string& text) {
  std::set<std::string> names;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "# TYPE ")) continue;
    names.insert(std::string(rest.substr(0, rest.find(' '))));
  }
  return names;
}

TEST_F(MetricsE2eTest, EveryMetricServedIsDocumentedAndBack) {
  const std::set<std::string> documented = DocumentedMetrics();
  ASSERT_GT(documented.size(), 20u);
  const std::set<std::string> served = ServedFamilies(Scrape());
  ASSERT_GT(served.size(), 20u);
  for (const std::string& name : served) {
    EXPECT_TRUE(documented.contains(name))
        << name << " is served but not in docs/operations/metrics.md";
  }
  for (const std::string& name : documented) {
    EXPECT_TRUE(served.contains(name))
        << name << " is in docs/operations/metrics.md but not served";
  }
}

TEST(MetricsFlags, AnAddressWithoutAPortStopsStartUp) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({"--metrics_listen=localhost"});
  EXPECT_FALSE(server.ok());
}

}  // namespace
}  // namespace ranker::testing
