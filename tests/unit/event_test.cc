#include "core/event.h"

#include <string>

#include "absl/status/status.h"
#include "core/limits.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kNow = 1'700'000'000'000;

Event ValidClick() {
  Event event;
  event.user_id = "u1";
  event.product_id = "p1";
  event.type = EventType::kClick;
  event.timestamp_ms = kNow;
  return event;
}

TEST(ValidateEvent, AcceptsAPlainClick) {
  EXPECT_TRUE(ValidateEvent(ValidClick(), "events[0].", kNow).ok());
}

TEST(ValidateEvent, ZeroTimestampMeansNowAndIsAccepted) {
  Event event = ValidClick();
  event.timestamp_ms = 0;
  EXPECT_TRUE(ValidateEvent(event, "", kNow).ok());
}

TEST(ValidateEvent, NamesTheMissingUserIdWithThePrefix) {
  Event event = ValidClick();
  event.user_id.clear();
  absl::Status status = ValidateEvent(event, "events[3].", kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "events[3].user_id: must not be empty");
}

TEST(ValidateEvent, RequiresAProductId) {
  Event event = ValidClick();
  event.product_id.clear();
  EXPECT_EQ(ValidateEvent(event, "", kNow).message(),
            "product_id: must not be empty");
}

TEST(ValidateEvent, SessionIdIsOptionalButBounded) {
  Event event = ValidClick();
  event.session_id = std::string(limits::kMaxIdBytes + 1, 's');
  absl::Status status = ValidateEvent(event, "", kNow);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message().substr(0, 12), "session_id: ");
}

TEST(ValidateEvent, CreatorIdIsOptionalButBounded) {
  Event event = ValidClick();
  EXPECT_TRUE(ValidateEvent(event, "", kNow).ok());  // none given
  event.creator_id = "c1";
  EXPECT_TRUE(ValidateEvent(event, "", kNow).ok());
  event.creator_id = std::string(limits::kMaxIdBytes + 1, 'c');
  EXPECT_EQ(ValidateEvent(event, "events[1].", kNow).message(),
            "events[1].creator_id: must be at most 128 bytes, got 129");
  event.creator_id = "c\t1";
  EXPECT_EQ(ValidateEvent(event, "events[1].", kNow).message(),
            "events[1].creator_id: must not contain control characters");
}

TEST(ValidateEvent, RejectsNegativeTimestamps) {
  Event event = ValidClick();
  event.timestamp_ms = -1;
  EXPECT_EQ(ValidateEvent(event, "", kNow).message(),
            "timestamp_ms: must not be negative");
}

TEST(ValidateEvent, AcceptsOneDayOfClockSkewButNotMore) {
  Event event = ValidClick();
  event.timestamp_ms = kNow + limits::kMaxEventClockSkewMs;
  EXPECT_TRUE(ValidateEvent(event, "", kNow).ok());
  event.timestamp_ms += 1;
  EXPECT_EQ(ValidateEvent(event, "", kNow).message(),
            "timestamp_ms: is more than one day in the future");
}

TEST(ValidateEvent, DwellMsIsOnlyAllowedOnDwellEvents) {
  Event event = ValidClick();
  event.dwell_ms = 10;
  EXPECT_EQ(ValidateEvent(event, "", kNow).message(),
            "dwell_ms: is only allowed on dwell events");
  event.type = EventType::kDwell;
  EXPECT_TRUE(ValidateEvent(event, "", kNow).ok());
}

TEST(ValidateEvent, DwellMsIsBoundedToOneDay) {
  Event event = ValidClick();
  event.type = EventType::kDwell;
  event.dwell_ms = limits::kMaxDwellMs;
  EXPECT_TRUE(ValidateEvent(event, "", kNow).ok());
  event.dwell_ms = limits::kMaxDwellMs + 1;
  EXPECT_EQ(ValidateEvent(event, "", kNow).code(),
            absl::StatusCode::kInvalidArgument);
  event.dwell_ms = -1;
  EXPECT_EQ(ValidateEvent(event, "", kNow).message(),
            "dwell_ms: must be in [0, 86400000], got -1");
}

TEST(ValidateEvent, NamesTheBadContentTagByIndex) {
  Event event = ValidClick();
  event.content_tags = {"travel", ""};
  EXPECT_EQ(ValidateEvent(event, "events[0].", kNow).message(),
            "events[0].content_tags[1]: must not be empty");
}

TEST(ValidateEvent, LimitsTheNumberOfContentTags) {
  Event event = ValidClick();
  event.content_tags.assign(limits::kMaxContentTags, "t");
  EXPECT_TRUE(ValidateEvent(event, "", kNow).ok());
  event.content_tags.push_back("t");
  EXPECT_EQ(ValidateEvent(event, "", kNow).message(),
            "content_tags: at most 64 entries allowed, got 65");
}

}  // namespace
}  // namespace ranker
