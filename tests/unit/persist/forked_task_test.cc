// ForkedTask: the child's status comes back to the parent; the child works
// on a copy of memory; a child that dies or hangs is reported, not waited
// for forever.
#include "core/persist/forked_task.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "gtest/gtest.h"

namespace ranker::persist {
namespace {

TEST(ForkedTaskTest, ReportsTheChildsStatus) {
  absl::StatusOr<ForkedTask> ok =
      ForkedTask::Start([] { return absl::OkStatus(); });
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_TRUE(ok->Wait().ok());

  absl::StatusOr<ForkedTask> failed = ForkedTask::Start(
      [] { return absl::DataLossError("disk says no: errno 5"); });
  ASSERT_TRUE(failed.ok());
  const absl::Status status = failed->Wait();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(status.message(), "disk says no: errno 5");
}

TEST(ForkedTaskTest, TheChildWorksOnACopy) {
  int value = 1;
  absl::StatusOr<ForkedTask> task = ForkedTask::Start([&] {
    value = 2;  // the child's copy only
    return value == 2 ? absl::OkStatus() : absl::InternalError("no copy");
  });
  ASSERT_TRUE(task.ok());
  EXPECT_TRUE(task->Wait().ok());
  EXPECT_EQ(value, 1);
}

TEST(ForkedTaskTest, AChildThatDiesIsAnError) {
  absl::StatusOr<ForkedTask> task = ForkedTask::Start([]() -> absl::Status {
    ::_exit(3);  // no report
  });
  ASSERT_TRUE(task.ok());
  const absl::Status status = task->Wait();
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_NE(status.message().find("without a report"), std::string::npos)
      << status;
}

TEST(ForkedTaskTest, AHungChildIsKilledAfterTheTimeout) {
  absl::StatusOr<ForkedTask> task = ForkedTask::Start([]() -> absl::Status {
    while (true) ::pause();
  });
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->Wait(absl::Milliseconds(200)).code(),
            absl::StatusCode::kDeadlineExceeded);
}

}  // namespace
}  // namespace ranker::persist
