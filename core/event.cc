#include "core/event.h"

#include "absl/strings/str_cat.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {

absl::Status ValidateEvent(const Event& event, absl::string_view field_prefix,
                           TimeMs now) {
  auto field = [&](absl::string_view name) {
    return absl::StrCat(field_prefix, name);
  };
  if (auto s = CheckIdentifier(event.user_id, field("user_id"), true,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckIdentifier(event.session_id, field("session_id"), false,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckIdentifier(event.product_id, field("product_id"), true,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (event.timestamp_ms < 0) {
    return FieldError(field("timestamp_ms"), "must not be negative");
  }
  if (event.timestamp_ms > now + limits::kMaxEventClockSkewMs) {
    return FieldError(field("timestamp_ms"),
                      "is more than one day in the future");
  }
  if (event.type == EventType::kDwell) {
    if (event.dwell_ms < 0 || event.dwell_ms > limits::kMaxDwellMs) {
      return FieldError(field("dwell_ms"),
                        absl::StrCat("must be in [0, ", limits::kMaxDwellMs,
                                     "], got ", event.dwell_ms));
    }
  } else if (event.dwell_ms != 0) {
    return FieldError(field("dwell_ms"), "is only allowed on dwell events");
  }
  if (auto s = CheckMaxItems(event.content_tags.size(), field("content_tags"),
                             limits::kMaxContentTags);
      !s.ok()) {
    return s;
  }
  for (size_t i = 0; i < event.content_tags.size(); ++i) {
    if (auto s = CheckIdentifier(event.content_tags[i],
                                 field(absl::StrCat("content_tags[", i, "]")),
                                 true, limits::kMaxTagBytes);
        !s.ok()) {
      return s;
    }
  }
  if (auto s = CheckIdentifier(event.creator_id, field("creator_id"), false,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  return absl::OkStatus();
}

}  // namespace ranker
