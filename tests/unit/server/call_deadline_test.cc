// ToAbslDeadline: gRPC's deadline as the core takes it.
#include "server/call_deadline.h"

#include <chrono>

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(CallDeadline, NoDeadlineIsTheInfiniteFuture) {
  EXPECT_EQ(ToAbslDeadline(std::chrono::system_clock::time_point::max()),
            absl::InfiniteFuture());
}

TEST(CallDeadline, ADeadlineKeepsItsTime) {
  const auto deadline = std::chrono::system_clock::time_point(
                            std::chrono::seconds(1'700'000'000)) +
                        std::chrono::milliseconds(250);
  EXPECT_EQ(ToAbslDeadline(deadline),
            absl::FromUnixMillis(int64_t{1'700'000'000'250}));
}

}  // namespace
}  // namespace ranker
