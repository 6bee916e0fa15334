// ServerMetrics: calls by RPC and status code with their latency, stage
// latencies, events by type and fsync latency, as Prometheus reads them.
#include "server/metrics.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "tests/metrics_scrape.h"

namespace ranker {
namespace {

using scrape::SampleValue;

class ServerMetricsTest : public ::testing::Test {
 protected:
  // The registry's exposition, as a scrape would read it.
  std::string Exposition() const {
    return prometheus::TextSerializer().Serialize(registry_->Collect());
  }

  std::shared_ptr<prometheus::Registry> registry_ =
      std::make_shared<prometheus::Registry>();
  ServerMetrics metrics_{registry_};
};

TEST_F(ServerMetricsTest, EveryRpcsOkSeriesExistsFromTheStart) {
  const std::string text = Exposition();
  for (const char* method :
       {"RecommendProducts", "LogEvent", "UpsertProducts", "UpsertShops",
        "DescribeUser", "DescribeProduct", "DescribeService"}) {
    EXPECT_EQ(SampleValue(text, "grpc_server_handled_total",
                          {{"grpc_service", "ranker.v1.Ranker"},
                           {"grpc_method", method},
                           {"grpc_code", "OK"}}),
              0.0)
        << method;
  }
  EXPECT_EQ(SampleValue(text, "grpc_server_handled_total",
                        {{"grpc_service", "grpc.health.v1.Health"},
                         {"grpc_method", "Check"},
                         {"grpc_code", "OK"}}),
            0.0);
  // Other codes appear once a call ends with them, not before.
  EXPECT_FALSE(SampleValue(text, "grpc_server_handled_total",
                           {{"grpc_code", "INVALID_ARGUMENT"}})
                   .has_value());
}

TEST_F(ServerMetricsTest, CountsCallsByRpcAndCodeWithTheirLatency) {
  metrics_.RecordCall(Rpc::kRecommendProducts, absl::StatusCode::kOk,
                      absl::Microseconds(700));
  metrics_.RecordCall(Rpc::kRecommendProducts, absl::StatusCode::kOk,
                      absl::Milliseconds(30));
  metrics_.RecordCall(Rpc::kLogEvent, absl::StatusCode::kInvalidArgument,
                      absl::Microseconds(50));
  const std::string text = Exposition();
  EXPECT_EQ(
      SampleValue(text, "grpc_server_handled_total",
                  {{"grpc_method", "RecommendProducts"}, {"grpc_code", "OK"}}),
      2.0);
  EXPECT_EQ(SampleValue(text, "grpc_server_handled_total",
                        {{"grpc_method", "LogEvent"},
                         {"grpc_code", "INVALID_ARGUMENT"}}),
            1.0);
  EXPECT_EQ(
      SampleValue(text, "grpc_server_handling_seconds_count",
                  {{"grpc_method", "RecommendProducts"}, {"grpc_code", "OK"}}),
      2.0);
  EXPECT_NEAR(
      *SampleValue(text, "grpc_server_handling_seconds_sum",
                   {{"grpc_method", "RecommendProducts"}, {"grpc_code", "OK"}}),
      0.0307, 1e-9);
  // Cumulative buckets: 0.7 ms is under 1 ms, 30 ms under 50 ms.
  EXPECT_EQ(SampleValue(text, "grpc_server_handling_seconds_bucket",
                        {{"grpc_method", "RecommendProducts"},
                         {"grpc_code", "OK"},
                         {"le", "0.001"}}),
            1.0);
  EXPECT_EQ(SampleValue(text, "grpc_server_handling_seconds_bucket",
                        {{"grpc_method", "RecommendProducts"},
                         {"grpc_code", "OK"},
                         {"le", "0.05"}}),
            2.0);
}

TEST_F(ServerMetricsTest, ACodeOutsideGrpcsIsCountedAsUnknown) {
  metrics_.RecordCall(Rpc::kDescribeUser, static_cast<absl::StatusCode>(99),
                      absl::Microseconds(1));
  EXPECT_EQ(
      SampleValue(Exposition(), "grpc_server_handled_total",
                  {{"grpc_method", "DescribeUser"}, {"grpc_code", "UNKNOWN"}}),
      1.0);
}

TEST_F(ServerMetricsTest, ObservesEveryStageOfARecommendation) {
  StageTimings timings;
  timings[PipelineStage::kUserFeatures] = absl::Microseconds(20);
  timings[PipelineStage::kRetrieve] = absl::Microseconds(300);
  timings[PipelineStage::kRerank] = absl::Milliseconds(2);
  metrics_.RecordStages(timings);
  metrics_.RecordStages(timings);
  const std::string text = Exposition();
  for (const absl::string_view stage : kPipelineStageNames) {
    EXPECT_EQ(SampleValue(text, "ranker_pipeline_stage_seconds_count",
                          {{"stage", std::string(stage)}}),
              2.0)
        << stage;
  }
  EXPECT_NEAR(*SampleValue(text, "ranker_pipeline_stage_seconds_sum",
                           {{"stage", "retrieve"}}),
              0.0006, 1e-12);
  EXPECT_EQ(SampleValue(text, "ranker_pipeline_stage_seconds_bucket",
                        {{"stage", "rerank"}, {"le", "0.001"}}),
            0.0);
  EXPECT_EQ(SampleValue(text, "ranker_pipeline_stage_seconds_bucket",
                        {{"stage", "rerank"}, {"le", "0.0025"}}),
            2.0);
}

TEST_F(ServerMetricsTest, CountsEventsByType) {
  std::vector<Event> events(3);
  events[0].type = EventType::kClick;
  events[1].type = EventType::kClick;
  events[2].type = EventType::kAddToCart;
  metrics_.RecordEvents(events);
  const std::string text = Exposition();
  EXPECT_EQ(SampleValue(text, "ranker_events_total", {{"type", "click"}}), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_events_total", {{"type", "add_to_cart"}}),
            1.0);
  // Every type is there from the start.
  EXPECT_EQ(
      SampleValue(text, "ranker_events_total", {{"type", "not_interested"}}),
      0.0);
}

TEST_F(ServerMetricsTest, ObservesFsyncs) {
  metrics_.RecordFsync(absl::Microseconds(400));
  const std::string text = Exposition();
  EXPECT_EQ(SampleValue(text, "ranker_wal_fsync_seconds_count"), 1.0);
  EXPECT_EQ(
      SampleValue(text, "ranker_wal_fsync_seconds_bucket", {{"le", "0.0005"}}),
      1.0);
}

TEST(ServerMetricsNames, NameEveryRpcAndCodeAsGrpcDoes) {
  EXPECT_EQ(RpcMethodName(Rpc::kUpsertShops), "UpsertShops");
  EXPECT_EQ(RpcServiceName(Rpc::kUpsertShops), "ranker.v1.Ranker");
  EXPECT_EQ(RpcServiceName(Rpc::kHealthCheck), "grpc.health.v1.Health");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kResourceExhausted),
            "RESOURCE_EXHAUSTED");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kUnauthenticated),
            "UNAUTHENTICATED");
  for (int code = 0; code <= 16; ++code) {
    EXPECT_EQ(StatusCodeName(static_cast<absl::StatusCode>(code)),
              absl::StatusCodeToString(static_cast<absl::StatusCode>(code)))
        << code;
  }
}

}  // namespace
}  // namespace ranker
