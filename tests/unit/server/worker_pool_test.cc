// WorkerPool: runs what is scheduled, on its own threads, and finishes the
// queue before it is destroyed.
#include "server/worker_pool.h"

#include <atomic>
#include <thread>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(WorkerPool, RunsScheduledWorkOnItsOwnThreads) {
  WorkerPool pool(2);
  EXPECT_EQ(pool.size(), 2);
  absl::Notification done;
  std::thread::id ran_on;
  pool.Schedule([&] {
    ran_on = std::this_thread::get_id();
    done.Notify();
  });
  done.WaitForNotification();
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(WorkerPool, DestructionRunsEverythingQueued) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(1);
    absl::Notification release;
    // Holds the only thread so the rest queue up behind it.
    pool.Schedule([&] { release.WaitForNotification(); });
    for (int i = 0; i < 100; ++i) pool.Schedule([&] { ran.fetch_add(1); });
    release.Notify();
  }
  EXPECT_EQ(ran.load(), 100);
}

TEST(WorkerPool, AtLeastOneThread) {
  WorkerPool pool(0);
  EXPECT_EQ(pool.size(), 1);
  absl::Notification done;
  pool.Schedule([&] { done.Notify(); });
  done.WaitForNotification();
}

}  // namespace
}  // namespace ranker
