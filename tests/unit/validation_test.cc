#include "core/validation.h"

#include <cmath>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(FieldError, IsInvalidArgumentStartingWithTheFieldName) {
  absl::Status status = FieldError("products[2].price", "is wrong");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "products[2].price: is wrong");
}

TEST(CheckIdentifier, AcceptsAPlainIdentifier) {
  EXPECT_TRUE(CheckIdentifier("user-42", "user_id", true, 128).ok());
}

TEST(CheckIdentifier, RejectsAnEmptyRequiredIdentifier) {
  absl::Status status = CheckIdentifier("", "user_id", true, 128);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "user_id: must not be empty");
}

TEST(CheckIdentifier, AcceptsAnEmptyOptionalIdentifier) {
  EXPECT_TRUE(CheckIdentifier("", "session_id", false, 128).ok());
}

TEST(CheckIdentifier, AcceptsExactlyMaxBytesAndRejectsOneMore) {
  EXPECT_TRUE(CheckIdentifier(std::string(8, 'a'), "id", true, 8).ok());
  absl::Status status = CheckIdentifier(std::string(9, 'a'), "id", true, 8);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "id: must be at most 8 bytes, got 9");
}

TEST(CheckIdentifier, LengthLimitAppliesToOptionalIdentifiersToo) {
  absl::Status status =
      CheckIdentifier(std::string(9, 'a'), "session_id", false, 8);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(status.message(), "session_id: "));
}

TEST(CheckIdentifier, RejectsControlCharacters) {
  for (const std::string& value :
       {std::string("a\nb"), std::string("tab\t"), std::string("\x7f"),
        std::string("nul\0x", 5), std::string("\x1f")}) {
    absl::Status status = CheckIdentifier(value, "tag", true, 128);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << value;
    EXPECT_EQ(status.message(), "tag: must not contain control characters");
  }
}

TEST(CheckIdentifier, AcceptsUtf8AndPunctuation) {
  EXPECT_TRUE(
      CheckIdentifier("caf\xc3\xa9 style:modern", "tag", true, 128).ok());
  EXPECT_TRUE(CheckIdentifier(" ~", "tag", true, 128).ok());
}

TEST(CheckFiniteInRange, AcceptsBothBounds) {
  EXPECT_TRUE(CheckFiniteInRange(0.0, "w", 0.0, 1.0).ok());
  EXPECT_TRUE(CheckFiniteInRange(1.0, "w", 0.0, 1.0).ok());
  EXPECT_TRUE(CheckFiniteInRange(0.5, "w", 0.0, 1.0).ok());
}

TEST(CheckFiniteInRange, RejectsNaNAndInfinities) {
  for (double value : {std::nan(""), std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity()}) {
    absl::Status status = CheckFiniteInRange(value, "price", 0.0, 1e12);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), "price: must be a finite number");
  }
}

TEST(CheckFiniteInRange, RejectsValuesJustOutsideTheBounds) {
  absl::Status below = CheckFiniteInRange(-0.5, "weight", 0.0, 1.0);
  EXPECT_EQ(below.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(below.message(), "weight: must be in [0, 1], got -0.5");
  absl::Status above = CheckFiniteInRange(1.5, "weight", 0.0, 1.0);
  EXPECT_EQ(above.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(above.message(), "weight: must be in [0, 1], got 1.5");
}

TEST(CheckMaxItems, AcceptsTheLimitAndRejectsOneMore) {
  EXPECT_TRUE(CheckMaxItems(3, "tags", 3).ok());
  absl::Status status = CheckMaxItems(4, "tags", 3);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "tags: at most 3 entries allowed, got 4");
}

}  // namespace
}  // namespace ranker
