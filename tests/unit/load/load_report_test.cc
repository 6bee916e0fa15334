#include "client/load/load_report.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::load {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int64_t kMs = 1000000;

PhaseResult MixPhase() {
  PhaseResult phase;
  phase.name = "mix";
  phase.mix = "recommend:0.8,log:0.2";
  phase.concurrency = 8;
  phase.channels = 2;
  phase.measured_seconds = 2.0;
  RpcStats& recommend = phase.rpc(RpcKind::kRecommend);
  recommend.sent = 101;
  recommend.ok = 100;
  recommend.errors["DEADLINE_EXCEEDED"] = 1;
  for (int i = 1; i <= 100; ++i) recommend.latency.Record(i * kMs / 10);
  RpcStats& log = phase.rpc(RpcKind::kLog);
  log.sent = 20;
  log.ok = 20;
  for (int i = 0; i < 20; ++i) log.latency.Record(2 * kMs);
  return phase;
}

TEST(LoadReportTest, ThroughputIsOkCallsPerMeasuredSecond) {
  RpcStats stats;
  stats.ok = 300;
  EXPECT_DOUBLE_EQ(OkPerSecond(stats, 2.0), 150.0);
  EXPECT_DOUBLE_EQ(OkPerSecond(stats, 0.0), 0.0);
}

TEST(LoadReportTest, TableShowsEachSentRpcWithErrorsByCode) {
  LoadReport report;
  report.target = "127.0.0.1:1";
  report.phases.push_back(MixPhase());
  const std::string table = FormatReport(report);
  EXPECT_THAT(table, HasSubstr("closed loop, 8 in flight, 2 channels"));
  EXPECT_THAT(table, HasSubstr("recommend:0.8,log:0.2"));
  EXPECT_THAT(table, HasSubstr("p99.9"));
  // recommend: 101 sent, 100 ok, 1 error, 50 ok/s, p50 5 ms, max 10 ms.
  EXPECT_THAT(table,
              testing::ContainsRegex(
                  "recommend +101 +100 +1 +50.0 +5.0[0-9]+ .* 10.000\n"));
  EXPECT_THAT(table, HasSubstr("errors: recommend DEADLINE_EXCEEDED=1"));
  EXPECT_THAT(table, Not(HasSubstr("health")));  // not sent, not shown
  EXPECT_THAT(table, Not(HasSubstr("schedule")));
}

TEST(LoadReportTest, JsonCarriesCountsErrorsAndLatencies) {
  LoadReport report;
  report.target = "t";
  report.phases.push_back(MixPhase());
  const nlohmann::json json = ReportToJson(report);
  const nlohmann::json& phase = json["phases"][0];
  EXPECT_EQ(phase["mode"], "closed");
  EXPECT_EQ(phase["concurrency"], 8);
  const nlohmann::json& recommend = phase["rpcs"]["recommend"];
  EXPECT_EQ(recommend["sent"], 101);
  EXPECT_EQ(recommend["ok"], 100);
  EXPECT_EQ(recommend["errors"]["DEADLINE_EXCEEDED"], 1);
  EXPECT_DOUBLE_EQ(recommend["ok_per_second"].get<double>(), 50.0);
  EXPECT_NEAR(recommend["latency_ms"]["p50"].get<double>(), 5.0, 0.05);
  EXPECT_DOUBLE_EQ(recommend["latency_ms"]["max"].get<double>(), 10.0);
  EXPECT_TRUE(phase["rpcs"]["log"]["errors"].empty());
  EXPECT_FALSE(phase["rpcs"].contains("health"));
  EXPECT_FALSE(json.contains("floor"));
}

OpenLoopStats Schedule(int64_t scheduled, int64_t sent, int64_t lag_nanos) {
  OpenLoopStats schedule;
  schedule.target_rate = 100;
  schedule.scheduled = scheduled;
  schedule.sent = sent;
  for (int64_t i = 0; i < sent; ++i) schedule.send_lag.Record(lag_nanos);
  return schedule;
}

TEST(LoadReportTest, OpenLoopKeptUpOnlyWhenEverythingWentOutOnTime) {
  EXPECT_TRUE(KeptUp(Schedule(200, 200, kMs / 10)));
  EXPECT_FALSE(KeptUp(Schedule(200, 150, kMs / 10)));  // unsent requests
  EXPECT_FALSE(KeptUp(Schedule(200, 200, 5 * kMs)));   // sent late
  EXPECT_DOUBLE_EQ(AchievedRate(Schedule(200, 150, 0), 2.0), 75.0);
}

TEST(LoadReportTest, OpenLoopReportSaysWhenTheClientFellBehind) {
  LoadReport report;
  PhaseResult phase = MixPhase();
  phase.open_loop = true;
  phase.schedule = Schedule(200, 150, 5 * kMs);
  report.phases.push_back(phase);
  const std::string table = FormatReport(report);
  EXPECT_THAT(table, HasSubstr("open loop at 100.0 req/s"));
  EXPECT_THAT(table, HasSubstr("target 100.0 req/s, achieved 75.0 req/s"));
  EXPECT_THAT(table, HasSubstr("WARNING: the client did not keep up"));
  const nlohmann::json json = ReportToJson(report);
  EXPECT_EQ(json["phases"][0]["mode"], "open");
  EXPECT_FALSE(json["phases"][0]["schedule"]["kept_up"].get<bool>());
  EXPECT_DOUBLE_EQ(json["phases"][0]["schedule"]["achieved_rate"].get<double>(),
                   75.0);

  report.phases[0].schedule = Schedule(200, 200, kMs / 10);
  EXPECT_THAT(FormatReport(report), Not(HasSubstr("WARNING")));
}

TEST(LoadReportTest, FloorRatiosDivideEachRpcByTheHealthCheck) {
  LoadReport report;
  report.floor = true;
  PhaseResult floor;
  floor.name = "floor";
  floor.measured_seconds = 2.0;
  floor.rpc(RpcKind::kHealth).sent = 1000;
  floor.rpc(RpcKind::kHealth).ok = 1000;  // 500 ok/s
  report.phases.push_back(floor);
  PhaseResult recommend;
  recommend.name = "recommend";
  recommend.measured_seconds = 2.0;
  recommend.rpc(RpcKind::kRecommend).sent = 250;
  recommend.rpc(RpcKind::kRecommend).ok = 250;  // 125 ok/s
  report.phases.push_back(recommend);

  const FloorSummary summary = SummarizeFloor(report);
  EXPECT_DOUBLE_EQ(summary.floor_ok_per_second, 500.0);
  ASSERT_EQ(summary.ratios.size(), 1u);
  EXPECT_EQ(summary.ratios[0].kind, RpcKind::kRecommend);
  EXPECT_DOUBLE_EQ(summary.ratios[0].ratio, 0.25);

  EXPECT_THAT(FormatReport(report),
              HasSubstr("recommend       125.0 ok/s = 0.250 x floor"));
  const nlohmann::json json = ReportToJson(report);
  EXPECT_DOUBLE_EQ(json["floor"]["health_ok_per_second"].get<double>(), 500.0);
  EXPECT_DOUBLE_EQ(json["floor"]["ratios"]["recommend"]["ratio"].get<double>(),
                   0.25);
}

TEST(LoadReportTest, ZeroFloorGivesZeroRatiosRatherThanInfinity) {
  LoadReport report;
  report.floor = true;
  report.phases.emplace_back();  // floor with nothing ok
  PhaseResult log;
  log.measured_seconds = 1;
  log.rpc(RpcKind::kLog).sent = 1;
  log.rpc(RpcKind::kLog).ok = 1;
  report.phases.push_back(log);
  const FloorSummary summary = SummarizeFloor(report);
  ASSERT_EQ(summary.ratios.size(), 1u);
  EXPECT_EQ(summary.ratios[0].ratio, 0.0);
}

}  // namespace
}  // namespace ranker::load
