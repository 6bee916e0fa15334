// ResolveExecutionLimits: the lanes' defaults per core count, caps that
// follow configured workers, flag errors; and the cgroup CPU quota parser.
#include "server/execution_limits.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(ExecutionLimits, DefaultsFollowTheCores) {
  absl::StatusOr<ExecutionLimits> two = ResolveExecutionLimits({}, 2);
  ASSERT_TRUE(two.ok()) << two.status();
  EXPECT_EQ(two->reads.workers, 2);
  EXPECT_EQ(two->reads.max_in_flight, 16);
  EXPECT_EQ(two->writes.workers, 16);  // at least 16
  EXPECT_EQ(two->writes.max_in_flight, 64);

  absl::StatusOr<ExecutionLimits> many = ResolveExecutionLimits({}, 32);
  ASSERT_TRUE(many.ok()) << many.status();
  EXPECT_EQ(many->reads.workers, 32);
  EXPECT_EQ(many->reads.max_in_flight, 256);
  EXPECT_EQ(many->writes.workers, 64);
  EXPECT_EQ(many->writes.max_in_flight, 256);
}

TEST(ExecutionLimits, NoCoresCountsAsOne) {
  absl::StatusOr<ExecutionLimits> limits = ResolveExecutionLimits({}, 0);
  ASSERT_TRUE(limits.ok()) << limits.status();
  EXPECT_EQ(limits->reads.workers, 1);
  EXPECT_EQ(limits->reads.max_in_flight, 8);
}

TEST(ExecutionLimits, AnUnsetCapFollowsTheConfiguredWorkers) {
  ExecutionFlags flags;
  flags.read_workers = 3;
  flags.write_workers = 5;
  absl::StatusOr<ExecutionLimits> limits = ResolveExecutionLimits(flags, 2);
  ASSERT_TRUE(limits.ok()) << limits.status();
  EXPECT_EQ(limits->reads.max_in_flight, 24);
  EXPECT_EQ(limits->writes.max_in_flight, 20);
}

TEST(ExecutionLimits, GivenCapsAreKeptAndZeroMeansNoCap) {
  ExecutionFlags flags;
  flags.max_reads_in_flight = 0;
  flags.max_writes_in_flight = 3;
  absl::StatusOr<ExecutionLimits> limits = ResolveExecutionLimits(flags, 2);
  ASSERT_TRUE(limits.ok()) << limits.status();
  EXPECT_EQ(limits->reads.max_in_flight, 0);
  EXPECT_EQ(limits->writes.max_in_flight, 3);
}

TEST(ExecutionLimits, BadValuesNameTheirFlag) {
  std::vector<std::pair<ExecutionFlags, const char*>> cases(4);
  cases[0].first.read_workers = 0;
  cases[0].second = "--read_workers";
  cases[1].first.max_reads_in_flight = -1;
  cases[1].second = "--max_reads_in_flight";
  cases[2].first.write_workers = -2;
  cases[2].second = "--write_workers";
  cases[3].first.max_writes_in_flight = -5;
  cases[3].second = "--max_writes_in_flight";
  for (const auto& [flags, flag] : cases) {
    absl::StatusOr<ExecutionLimits> limits = ResolveExecutionLimits(flags, 2);
    ASSERT_FALSE(limits.ok()) << flag;
    EXPECT_EQ(limits.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(limits.status().message(), flag))
        << limits.status();
  }
}

TEST(ExecutionLimits, CgroupQuotaRoundsUpToWholeCores) {
  EXPECT_EQ(CpusFromCgroupV2CpuMax("200000 100000\n"), 2);
  EXPECT_EQ(CpusFromCgroupV2CpuMax("150000 100000"), 2);
  EXPECT_EQ(CpusFromCgroupV2CpuMax("50000 100000"), 1);
  EXPECT_EQ(CpusFromCgroupV2CpuMax("max 100000\n"), std::nullopt);
  EXPECT_EQ(CpusFromCgroupV2CpuMax(""), std::nullopt);
  EXPECT_EQ(CpusFromCgroupV2CpuMax("garbage"), std::nullopt);
  EXPECT_EQ(CpusFromCgroupV2CpuMax("100000 0"), std::nullopt);
}

TEST(ExecutionLimits, AvailableCpusIsAtLeastOne) {
  EXPECT_GE(AvailableCpus(), 1);
}

}  // namespace
}  // namespace ranker
