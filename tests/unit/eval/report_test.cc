#include "client/eval/report.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::eval {
namespace {

using ::testing::HasSubstr;

TEST(SummarizeLatencies, NearestRankPercentiles) {
  std::vector<float> latencies;
  for (int i = 100; i >= 1; --i) latencies.push_back(static_cast<float>(i));
  const LatencySummary summary = SummarizeLatencies(latencies);
  EXPECT_EQ(summary.calls, 100);
  EXPECT_DOUBLE_EQ(summary.p50_ms, 50.0);
  EXPECT_DOUBLE_EQ(summary.p99_ms, 99.0);
  EXPECT_DOUBLE_EQ(summary.mean_ms, 50.5);
  EXPECT_DOUBLE_EQ(summary.max_ms, 100.0);
}

TEST(SummarizeLatencies, OneCallIsEveryPercentile) {
  const LatencySummary summary = SummarizeLatencies({3.5f});
  EXPECT_DOUBLE_EQ(summary.p50_ms, 3.5);
  EXPECT_DOUBLE_EQ(summary.p99_ms, 3.5);
}

TEST(SummarizeLatencies, NoCallsGiveZeros) {
  const LatencySummary summary = SummarizeLatencies({});
  EXPECT_EQ(summary.calls, 0);
  EXPECT_EQ(summary.p99_ms, 0.0);
}

EvalReport SampleReport() {
  EvalReport report;
  report.flags = {{"data", "/d"}, {"count", "20"}};
  report.dataset.format = "sessions";
  report.dataset.evaluated_cases = 2;
  MetricsSummary metrics;
  metrics.cases = 2;
  metrics.hr = {10, 20, 50.73};
  metrics.mrr = {1, 2, 17.59};
  metrics.coverage = 12.5;
  report.methods.push_back({"POP", metrics});
  report.recommend_latency = SummarizeLatencies({1.0f, 2.0f});
  report.service_checks = ServiceChecks{};
  report.phases_seconds = {{"load", 0.5}, {"total", 1.25}};
  report.machine = {.nproc = 2, .cpu_model = "Test CPU"};
  return report;
}

TEST(ReportToJson, HoldsFlagsDatasetResultsLatencyPhasesAndMachine) {
  const nlohmann::ordered_json json = ReportToJson(SampleReport());
  EXPECT_EQ(json["flags"]["data"], "/d");
  EXPECT_EQ(json["dataset"]["evaluated_cases"], 2);
  ASSERT_EQ(json["results"].size(), 1u);
  EXPECT_EQ(json["results"][0]["name"], "POP");
  EXPECT_DOUBLE_EQ(json["results"][0]["hr@20"].get<double>(), 50.73);
  EXPECT_DOUBLE_EQ(json["results"][0]["mrr@20"].get<double>(), 17.59);
  EXPECT_DOUBLE_EQ(json["results"][0]["coverage@20"].get<double>(), 12.5);
  EXPECT_TRUE(json["results"][0].contains("ndcg@10"));
  EXPECT_TRUE(json["results"][0].contains("mean_popularity_percentile"));
  EXPECT_EQ(json["latency_ms"]["recommend_products"]["calls"], 2);
  EXPECT_FALSE(json["latency_ms"].contains("log_event"));
  EXPECT_EQ(json["service_checks"]["duplicate_items"], 0);
  EXPECT_DOUBLE_EQ(json["phases_s"]["total"].get<double>(), 1.25);
  EXPECT_EQ(json["machine"]["cpu_model"], "Test CPU");
}

TEST(FormatReport, PrintsOneRowPerMethodAndTheMachine) {
  const std::string text = FormatReport(SampleReport());
  EXPECT_THAT(text, HasSubstr("HR@20"));
  EXPECT_THAT(text, HasSubstr("NDCG@5"));
  EXPECT_THAT(text, HasSubstr("50.73"));
  EXPECT_THAT(text, HasSubstr("p50 1.00"));
  EXPECT_THAT(text, HasSubstr("load 0.5"));
  EXPECT_THAT(text, HasSubstr("nproc 2, Test CPU"));
}

TEST(ReadMachineInfo, CountsAtLeastOneCpu) {
  const MachineInfo info = ReadMachineInfo();
  EXPECT_GE(info.nproc, 1);
  EXPECT_FALSE(info.cpu_model.empty());
}

}  // namespace
}  // namespace ranker::eval
