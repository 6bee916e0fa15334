// AdmissionControl: the in-flight cap of the ranker calls, its permits and
// its refusal.
#include "server/admission_control.h"

#include <atomic>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(AdmissionControl, AdmitsUpToTheCapThenRefuses) {
  AdmissionControl admission(2, "--max_reads_in_flight");
  std::optional<AdmissionControl::Permit> first = admission.TryAdmit();
  std::optional<AdmissionControl::Permit> second = admission.TryAdmit();
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(admission.in_flight(), 2);
  EXPECT_FALSE(admission.TryAdmit().has_value());
  EXPECT_FALSE(admission.TryAdmit().has_value());
  EXPECT_EQ(admission.in_flight(), 2);  // a refusal takes no place
  EXPECT_EQ(admission.refused(), 2u);
}

TEST(AdmissionControl, AReleasedPermitAdmitsTheNextCall) {
  AdmissionControl admission(1, "--max_reads_in_flight");
  {
    std::optional<AdmissionControl::Permit> permit = admission.TryAdmit();
    ASSERT_TRUE(permit.has_value());
    EXPECT_FALSE(admission.TryAdmit().has_value());
  }
  EXPECT_EQ(admission.in_flight(), 0);
  EXPECT_TRUE(admission.TryAdmit().has_value());
}

TEST(AdmissionControl, AMovedPermitReleasesOnce) {
  AdmissionControl admission(1, "--max_reads_in_flight");
  std::optional<AdmissionControl::Permit> permit = admission.TryAdmit();
  ASSERT_TRUE(permit.has_value());
  {
    AdmissionControl::Permit moved = std::move(*permit);
    permit.reset();  // the moved-from permit gives nothing back
    EXPECT_EQ(admission.in_flight(), 1);
  }
  EXPECT_EQ(admission.in_flight(), 0);
}

TEST(AdmissionControl, AssigningOverAPermitReleasesTheOldPlace) {
  AdmissionControl admission(2, "--max_reads_in_flight");
  std::optional<AdmissionControl::Permit> first = admission.TryAdmit();
  std::optional<AdmissionControl::Permit> second = admission.TryAdmit();
  ASSERT_TRUE(first.has_value() && second.has_value());
  *first = std::move(*second);  // first's old place is given back
  EXPECT_EQ(admission.in_flight(), 1);
  second.reset();
  EXPECT_EQ(admission.in_flight(), 1);
  first.reset();
  EXPECT_EQ(admission.in_flight(), 0);
}

TEST(AdmissionControl, ZeroMeansNoCapButStillCounts) {
  AdmissionControl admission(0, "--max_reads_in_flight");
  std::vector<AdmissionControl::Permit> permits;
  for (int i = 0; i < 1000; ++i) {
    std::optional<AdmissionControl::Permit> permit = admission.TryAdmit();
    ASSERT_TRUE(permit.has_value());
    permits.push_back(std::move(*permit));
  }
  EXPECT_EQ(admission.in_flight(), 1000);
  EXPECT_EQ(admission.refused(), 0u);
  permits.clear();
  EXPECT_EQ(admission.in_flight(), 0);
}

TEST(AdmissionControl, TheRefusalIsResourceExhaustedNamingTheCap) {
  AdmissionControl admission(7, "--max_reads_in_flight");
  absl::Status status = admission.OverCapacityError();
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(absl::StrContains(status.message(), "over capacity")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "--max_reads_in_flight=7"))
      << status;
}

// Many threads racing for few places: never more holders than the cap, and
// every place comes back.
TEST(AdmissionControl, ConcurrentCallsNeverExceedTheCap) {
  constexpr int kCap = 3;
  constexpr int kThreads = 8;
  constexpr int kAttempts = 20000;
  AdmissionControl admission(kCap, "--max_reads_in_flight");
  std::atomic<int> holders{0};
  std::atomic<int> most_holders{0};
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAttempts; ++i) {
        std::optional<AdmissionControl::Permit> permit = admission.TryAdmit();
        if (!permit.has_value()) continue;
        admitted.fetch_add(1);
        const int now = holders.fetch_add(1) + 1;
        int most = most_holders.load();
        while (now > most && !most_holders.compare_exchange_weak(most, now)) {
        }
        holders.fetch_sub(1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(most_holders.load(), kCap);
  EXPECT_GT(admitted.load(), 0);
  EXPECT_EQ(admission.in_flight(), 0);
  EXPECT_EQ(static_cast<uint64_t>(admitted.load()) + admission.refused(),
            static_cast<uint64_t>(kThreads) * kAttempts);
}

TEST(AdmissionControl, ACallThatWaitedTooLongForAWorkerIsShed) {
  AdmissionControl admission(4, "--max_reads_in_flight");
  const absl::Duration limit = absl::Milliseconds(5);
  EXPECT_TRUE(admission.CheckQueueWait(absl::Milliseconds(1), limit).ok());
  EXPECT_TRUE(admission.CheckQueueWait(limit, limit).ok());
  const absl::Status shed =
      admission.CheckQueueWait(absl::Milliseconds(12), limit);
  EXPECT_EQ(shed.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(shed.message().find("--max_queue_wait=5ms"), std::string::npos)
      << shed;
  EXPECT_EQ(admission.shed(), 1u);
  // 0: no limit.
  EXPECT_TRUE(
      admission.CheckQueueWait(absl::Seconds(10), absl::ZeroDuration()).ok());
  EXPECT_EQ(admission.shed(), 1u);
}

}  // namespace
}  // namespace ranker
