// ToGrpcStatus: the core's overload and deadline errors reach the wire with
// the codes clients retry on, and their messages.
#include "server/status_convert.h"

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(StatusConvert, DeadlineExceededStaysDeadlineExceeded) {
  grpc::Status status = ToGrpcStatus(absl::DeadlineExceededError(
      "deadline exceeded before the score stage (3ms past it)"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(status.error_message(),
            "deadline exceeded before the score stage (3ms past it)");
}

TEST(StatusConvert, ResourceExhaustedStaysResourceExhausted) {
  grpc::Status status =
      ToGrpcStatus(absl::ResourceExhaustedError("server over capacity"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(status.error_message(), "server over capacity");
}

TEST(StatusConvert, OkIsOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace ranker
