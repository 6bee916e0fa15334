// Proves the absl::Mutex shim (absl_tsan_shim.cc) right in both directions,
// in the ThreadSanitizer build only (scripts/test.sh's TSan pass):
//
//   * code synchronized by absl::Mutex (writer and reader locks, LockWhen,
//     Await, CondVar, Notification) runs without a report: the shim makes
//     the library's synchronization visible;
//   * real races are still reported: each DISABLED_ test below races on
//     purpose, and a test runs it in a child process (this executable again)
//     and expects ThreadSanitizer's "data race" report and a failing exit.
//     A shim that hid races (say, one global happens-before edge per lock)
//     would fail these.
//
// The racy tests stay DISABLED_ so that they never run, and never fail, on
// their own.
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

constexpr int kThreads = 4;
constexpr int kIterations = 2000;

template <typename Body>
void RunThreads(Body body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(body, t);
  for (std::thread& thread : threads) thread.join();
}

TEST(AbslTsanShimTest, MutexGuardedCountersAreNotReported) {
  absl::Mutex mu;
  int counter = 0;
  RunThreads([&](int t) {
    for (int i = 0; i < kIterations; ++i) {
      if (i % 2 == 0) {
        absl::MutexLock lock(&mu);
        ++counter;
      } else if (t % 2 == 0) {
        absl::ReaderMutexLock lock(&mu);
        EXPECT_GE(counter, 0);
      } else if (mu.TryLock()) {
        ++counter;
        mu.Unlock();
      }
    }
  });
  absl::MutexLock lock(&mu);
  EXPECT_GE(counter, kThreads * kIterations / 2);
}

TEST(AbslTsanShimTest, ConditionWaitsAreNotReported) {
  absl::Mutex mu;
  absl::CondVar changed;
  int turn = 0;       // guarded by mu
  std::string trace;  // guarded by mu
  RunThreads([&](int t) {
    for (int round = 0; round < 50; ++round) {
      std::pair<int*, int> my_turn(&turn, round * kThreads + t);
      const absl::Condition is_my_turn(
          +[](std::pair<int*, int>* p) { return *p->first == p->second; },
          &my_turn);
      switch (t % 3) {
        case 0:
          mu.LockWhen(is_my_turn);
          break;
        case 1:
          mu.Lock();
          mu.Await(is_my_turn);
          break;
        default:
          mu.Lock();
          while (turn != my_turn.second) changed.Wait(&mu);
          break;
      }
      trace += static_cast<char>('a' + t);
      ++turn;
      changed.SignalAll();
      mu.Unlock();
    }
  });
  absl::MutexLock lock(&mu);
  EXPECT_EQ(trace.size(), static_cast<size_t>(50 * kThreads));
}

TEST(AbslTsanShimTest, NotificationPublishesWrites) {
  std::array<int, 64> data{};
  absl::Notification ready;
  std::thread writer([&] {
    for (int i = 0; i < 64; ++i) data[i] = i;
    ready.Notify();
  });
  std::thread waiter([&] {
    ready.WaitForNotification();
    EXPECT_EQ(data[63], 63);
  });
  std::thread poller([&] {
    while (!ready.HasBeenNotified()) std::this_thread::yield();
    EXPECT_EQ(data[10], 10);
  });
  std::thread timed([&] {
    while (!ready.WaitForNotificationWithTimeout(absl::Milliseconds(1))) {
    }
    EXPECT_EQ(data[20], 20);
  });
  writer.join();
  waiter.join();
  poller.join();
  timed.join();
}

// --- Races on purpose: run only as children of RacesAreReported. ---------

int racy_counter = 0;

TEST(AbslTsanShimRace, DISABLED_UnsynchronizedCounter) {
  RunThreads([](int) {
    for (int i = 0; i < kIterations; ++i) ++racy_counter;
  });
}

TEST(AbslTsanShimRace, DISABLED_OneMutexPerThread) {
  std::array<absl::Mutex, kThreads> mutexes;
  RunThreads([&](int t) {
    for (int i = 0; i < kIterations; ++i) {
      absl::MutexLock lock(&mutexes[t]);  // not the same lock: still a race
      ++racy_counter;
    }
  });
}

TEST(AbslTsanShimRace, DISABLED_WriteUnderReaderLock) {
  absl::Mutex mu;
  RunThreads([&](int) {
    for (int i = 0; i < kIterations; ++i) {
      absl::ReaderMutexLock lock(&mu);  // readers exclude writers only
      ++racy_counter;
    }
  });
}

// Runs this executable on one DISABLED_ test; returns its exit status and
// output.
std::pair<int, std::string> RunChild(const std::string& test) {
  // Resolved here: in the shell popen starts, /proc/self/exe is the shell.
  const std::string self = std::filesystem::read_symlink("/proc/self/exe");
  const std::string command = "'" + self +
                              "' --gtest_also_run_disabled_tests"
                              " --gtest_filter=" +
                              test + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  std::array<char, 4096> buffer;
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    output.append(buffer.data(), n);
  }
  return {::pclose(pipe), output};
}

class RacesAreReported : public testing::TestWithParam<const char*> {};

TEST_P(RacesAreReported, ByThreadSanitizer) {
  const auto [status, output] =
      RunChild(std::string("AbslTsanShimRace.DISABLED_") + GetParam());
  EXPECT_NE(status, 0) << output;
  EXPECT_THAT(output, testing::HasSubstr("ThreadSanitizer: data race"));
}

INSTANTIATE_TEST_SUITE_P(AbslTsanShimTest, RacesAreReported,
                         testing::Values("UnsynchronizedCounter",
                                         "OneMutexPerThread",
                                         "WriteUnderReaderLock"));

}  // namespace
