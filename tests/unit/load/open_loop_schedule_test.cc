#include "client/load/open_loop_schedule.h"

#include "gtest/gtest.h"

namespace ranker::load {
namespace {

TEST(OpenLoopScheduleTest, RequestsAreEvenlySpacedFromTheStart) {
  const OpenLoopSchedule schedule(/*start_nanos=*/1000, /*rate=*/100.0);
  EXPECT_EQ(schedule.DueTime(0), 1000);
  EXPECT_EQ(schedule.DueTime(1), 1000 + 10000000);
  EXPECT_EQ(schedule.DueTime(100), 1000 + 1000000000);
}

TEST(OpenLoopScheduleTest, RatesThatDoNotDivideASecondDoNotDrift) {
  const OpenLoopSchedule schedule(0, 3.0);
  EXPECT_EQ(schedule.DueTime(1), 333333333);
  EXPECT_EQ(schedule.DueTime(3), 1000000000);
  EXPECT_EQ(schedule.DueTime(3000000), 1000000000000000);
}

TEST(OpenLoopScheduleTest, DueByCountsRequestsDueAtOrBeforeNow) {
  const OpenLoopSchedule schedule(1000, 1000.0);  // one per millisecond
  EXPECT_EQ(schedule.DueBy(0), 0);
  EXPECT_EQ(schedule.DueBy(999), 0);
  EXPECT_EQ(schedule.DueBy(1000), 1);  // request 0, due exactly now
  EXPECT_EQ(schedule.DueBy(1000 + 999999), 1);
  EXPECT_EQ(schedule.DueBy(1000 + 1000000), 2);
  EXPECT_EQ(schedule.DueBy(1000 + 1000000000), 1001);
}

TEST(OpenLoopScheduleTest, DueByAgreesWithDueTimeAtEveryBoundary) {
  const OpenLoopSchedule schedule(12345, 7777.7);
  for (int64_t n = 0; n < 20000; n += 37) {
    const int64_t due = schedule.DueTime(n);
    EXPECT_EQ(schedule.DueBy(due), n + 1);
    EXPECT_EQ(schedule.DueBy(due - 1), n);
  }
}

TEST(OpenLoopScheduleTest, HighRatesSchedulesSeveralRequestsPerMicrosecond) {
  const OpenLoopSchedule schedule(0, 5e6);  // one every 200 ns
  EXPECT_EQ(schedule.DueBy(999), 5);
  EXPECT_EQ(schedule.DueBy(1000), 6);
}

}  // namespace
}  // namespace ranker::load
