// StateMetrics: the figures read off the state at scrape time (catalog,
// profiles, events applied, the lanes, the snapshots and the log, the
// process) follow what the engine and the state directory hold.
#include "server/state_metrics.h"

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/engine.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"
#include "server/admission_control.h"
#include "server/durable_state.h"
#include "tests/metrics_scrape.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using scrape::SampleValue;

std::string StateExposition(const StateMetrics& metrics) {
  return prometheus::TextSerializer().Serialize(metrics.Collect());
}

std::vector<ProductSpec> StateMetricsCatalog() {
  return {test::Spec("m1", {{"kitchen", 1.0}}),
          test::Spec("m2", {{"travel", 1.0}, {"kitchen", 0.5}})};
}

Event StateMetricsClick(const std::string& user, const std::string& product) {
  Event event;
  event.user_id = user;
  event.session_id = user + "-session";
  event.product_id = product;
  event.type = EventType::kClick;
  return event;
}

TEST(StateMetrics, ReportsTheEnginesCountsTheLanesAndTheProcess) {
  Engine engine;
  ASSERT_TRUE(engine.UpsertProducts(StateMetricsCatalog()).ok());
  const std::vector<Event> events = {StateMetricsClick("u1", "m1"),
                                     StateMetricsClick("u2", "m2"),
                                     StateMetricsClick("u2", "m1")};
  ASSERT_TRUE(engine.Log(events).ok());
  AdmissionControl reads(1, "--max_reads_in_flight");
  AdmissionControl writes(0, "--max_writes_in_flight");
  std::optional<AdmissionControl::Permit> permit = reads.TryAdmit();
  ASSERT_TRUE(permit.has_value());
  EXPECT_FALSE(reads.TryAdmit().has_value());  // refused: the cap is 1

  StateMetricsSources sources;
  sources.engine = &engine;
  sources.read_admission = &reads;
  sources.write_admission = &writes;
  sources.started = absl::FromUnixSeconds(1'700'000'000);
  const std::string text = StateExposition(StateMetrics(sources));

  EXPECT_EQ(SampleValue(text, "ranker_catalog_products"), 2.0);
  EXPECT_GE(SampleValue(text, "ranker_catalog_tags").value_or(0), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_profiles"), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_sessions"), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_state_events_applied_total"), 3.0);
  EXPECT_EQ(SampleValue(text, "ranker_profiles_evicted_total"), 0.0);
  EXPECT_EQ(SampleValue(text, "ranker_shops_governed"), 0.0);
  EXPECT_EQ(SampleValue(text, "ranker_calls_in_flight", {{"lane", "read"}}),
            1.0);
  EXPECT_EQ(SampleValue(text, "ranker_calls_in_flight", {{"lane", "write"}}),
            0.0);
  EXPECT_EQ(SampleValue(text, "ranker_calls_refused_total", {{"lane", "read"}}),
            1.0);
  EXPECT_EQ(SampleValue(text, "ranker_calls_shed_total", {{"lane", "write"}}),
            0.0);
  EXPECT_EQ(SampleValue(text, "process_start_time_seconds"), 1'700'000'000.0);
  EXPECT_GT(SampleValue(text, "process_resident_memory_bytes").value_or(0),
            0.0);
  EXPECT_EQ(SampleValue(text, "ranker_build_info"), 1.0);
  // No state directory: no snapshot or log figures.
  EXPECT_FALSE(SampleValue(text, "ranker_snapshot_age_seconds").has_value());
  EXPECT_FALSE(SampleValue(text, "ranker_wal_last_sequence").has_value());
  // The types as Prometheus reads them.
  EXPECT_NE(text.find("# TYPE ranker_catalog_products gauge"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE ranker_state_events_applied_total counter"),
            std::string::npos);
}

TEST(StateMetrics, WithoutLanesReportsNoLaneMetrics) {
  Engine engine;
  StateMetricsSources sources;
  sources.engine = &engine;
  const std::string text = StateExposition(StateMetrics(sources));
  EXPECT_EQ(SampleValue(text, "ranker_catalog_products"), 0.0);
  EXPECT_FALSE(SampleValue(text, "ranker_calls_in_flight").has_value());
}

class StateMetricsDurableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir =
        (std::filesystem::temp_directory_path() / "ranker_metrics_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = dir;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
};

TEST_F(StateMetricsDurableTest, ReportsTheSnapshotsAgeAndTheLog) {
  // The engine's clock is the snapshots' time; the metrics read the age
  // against their own.
  constexpr TimeMs kNowMs = 1'700'000'000'000;
  EngineOptions options;
  options.clock = [] { return kNowMs; };
  Engine engine(options);
  DurableStateOptions durable_options;
  durable_options.state_dir = dir_;
  int fsyncs = 0;
  durable_options.wal.on_fsync = [&fsyncs](absl::Duration took) {
    EXPECT_GE(took, absl::ZeroDuration());
    ++fsyncs;
  };
  absl::StatusOr<std::unique_ptr<DurableState>> durable =
      DurableState::Open(durable_options, engine, [&engine] {
        return engine.UpsertProducts(StateMetricsCatalog()).status();
      });
  ASSERT_TRUE(durable.ok()) << durable.status();
  const std::vector<Event> first = {StateMetricsClick("u1", "m1")};
  const std::vector<Event> second = {StateMetricsClick("u1", "m2")};
  ASSERT_TRUE(engine.Log(first).ok());
  ASSERT_TRUE(engine.Log(second).ok());
  EXPECT_GE(fsyncs, 2);  // --wal_fsync=always: one per lone call at least

  StateMetricsSources sources;
  sources.engine = &engine;
  sources.durable = durable->get();
  sources.clock = [] {
    return absl::FromUnixMillis(kNowMs) + absl::Seconds(90);
  };
  StateMetrics metrics(sources);
  std::string text = StateExposition(metrics);
  // The first snapshot, taken at once when the directory was new: before
  // the two calls.
  EXPECT_EQ(SampleValue(text, "ranker_snapshot_age_seconds"), 90.0);
  EXPECT_EQ(SampleValue(text, "ranker_snapshot_sequence"), 0.0);
  EXPECT_GT(SampleValue(text, "ranker_snapshot_size_bytes").value_or(0), 0.0);
  EXPECT_EQ(SampleValue(text, "ranker_snapshot_failures_total"), 0.0);
  EXPECT_EQ(SampleValue(text, "ranker_wal_last_sequence"), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_wal_records_since_snapshot"), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_wal_records_total"), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_wal_batches_total"), 2.0);

  absl::StatusOr<SnapshotReport> snapshot =
      (*durable)->Snapshot(/*forked=*/false);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  text = StateExposition(metrics);
  EXPECT_EQ(SampleValue(text, "ranker_snapshot_sequence"), 2.0);
  EXPECT_EQ(SampleValue(text, "ranker_wal_records_since_snapshot"), 0.0);
  EXPECT_GE(SampleValue(text, "ranker_snapshot_duration_seconds").value_or(-1),
            0.0);
  ASSERT_TRUE((*durable)->Close().ok());
}

}  // namespace
}  // namespace ranker
