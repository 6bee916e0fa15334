#include "client/grpc_status.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(ToAbslStatus, KeepsOkAsOk) {
  EXPECT_TRUE(ToAbslStatus(grpc::Status::OK).ok());
  EXPECT_TRUE(ToAbslStatus(grpc::Status()).ok());
}

TEST(ToAbslStatus, KeepsTheCodeAndTheMessage) {
  const absl::Status status = ToAbslStatus(
      grpc::Status(grpc::StatusCode::NOT_FOUND, "user 'u9' not found"));
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "user 'u9' not found");
}

TEST(ToAbslStatus, MapsEveryGrpcCodeToTheAbslCodeOfTheSameName) {
  const std::vector<std::pair<grpc::StatusCode, absl::StatusCode>> codes = {
      {grpc::StatusCode::CANCELLED, absl::StatusCode::kCancelled},
      {grpc::StatusCode::UNKNOWN, absl::StatusCode::kUnknown},
      {grpc::StatusCode::INVALID_ARGUMENT, absl::StatusCode::kInvalidArgument},
      {grpc::StatusCode::DEADLINE_EXCEEDED,
       absl::StatusCode::kDeadlineExceeded},
      {grpc::StatusCode::NOT_FOUND, absl::StatusCode::kNotFound},
      {grpc::StatusCode::ALREADY_EXISTS, absl::StatusCode::kAlreadyExists},
      {grpc::StatusCode::PERMISSION_DENIED,
       absl::StatusCode::kPermissionDenied},
      {grpc::StatusCode::RESOURCE_EXHAUSTED,
       absl::StatusCode::kResourceExhausted},
      {grpc::StatusCode::FAILED_PRECONDITION,
       absl::StatusCode::kFailedPrecondition},
      {grpc::StatusCode::ABORTED, absl::StatusCode::kAborted},
      {grpc::StatusCode::OUT_OF_RANGE, absl::StatusCode::kOutOfRange},
      {grpc::StatusCode::UNIMPLEMENTED, absl::StatusCode::kUnimplemented},
      {grpc::StatusCode::INTERNAL, absl::StatusCode::kInternal},
      {grpc::StatusCode::UNAVAILABLE, absl::StatusCode::kUnavailable},
      {grpc::StatusCode::DATA_LOSS, absl::StatusCode::kDataLoss},
      {grpc::StatusCode::UNAUTHENTICATED, absl::StatusCode::kUnauthenticated},
  };
  for (const auto& [grpc_code, absl_code] : codes) {
    const absl::Status status = ToAbslStatus(grpc::Status(grpc_code, "m"));
    EXPECT_EQ(status.code(), absl_code) << static_cast<int>(grpc_code);
    EXPECT_EQ(status.message(), "m");
  }
}

TEST(ToAbslStatus, TurnsACodeOutsideTheRangeIntoUnknownKeepingTheMessage) {
  // grpc::StatusCode's enumerators span -1..16, so its values are -32..31;
  // casting anything outside that range would itself be undefined.
  for (int code : {17, 31, -1, -32}) {
    const absl::Status status = ToAbslStatus(
        grpc::Status(static_cast<grpc::StatusCode>(code), "odd server"));
    EXPECT_EQ(status.code(), absl::StatusCode::kUnknown) << code;
    EXPECT_EQ(status.message(), "odd server") << code;
  }
}

}  // namespace
}  // namespace ranker
