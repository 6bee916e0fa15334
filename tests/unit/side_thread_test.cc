#include "core/side_thread.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(SideThread, RunsTheTaskOnAnotherThreadBesideTheCaller) {
  SideThread side;
  std::thread::id ran_on;
  std::atomic<bool> caller_done{false};
  bool saw_caller_done = false;
  auto task = [&] {
    ran_on = std::this_thread::get_id();
    // The caller's share runs at the same time: wait for it.
    while (!caller_done.load()) std::this_thread::yield();
    saw_caller_done = true;
  };
  side.Start(task);
  caller_done = true;
  side.Finish();
  EXPECT_NE(ran_on, std::this_thread::get_id());
  EXPECT_TRUE(saw_caller_done);
}

TEST(SideThread, RunsTasksOneAfterAnother) {
  SideThread side;
  std::vector<int> order;
  for (int i = 0; i < 100; ++i) {
    auto task = [&order, i] { order.push_back(i); };
    side.Start(task);
    side.Finish();
  }
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
}

TEST(SideThread, FinishWithoutATaskReturnsAndAnIdleThreadStops) {
  SideThread side;
  side.Finish();
}

}  // namespace
}  // namespace ranker
