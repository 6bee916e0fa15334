#include "core/event.h"

#include "absl/strings/str_cat.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {

absl::Status ValidateEvent(const Event& event, absl::string_view field_prefix,
                           TimeMs now) {
  // Field names are built only for an error: a batch validates thousands.
  auto field = [&](absl::string_view name) {
    return absl::StrCat(field_prefix, name);
  };
  auto check_id = [&](absl::string_view value, absl::string_view name,
                      bool required, size_t max_bytes) {
    return IsValidIdentifier(value, required, max_bytes)
               ? absl::OkStatus()
               : CheckIdentifier(value, field(name), required, max_bytes);
  };
  if (auto s = check_id(event.user_id, "user_id", true, limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s =
          check_id(event.session_id, "session_id", false, limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s =
          check_id(event.product_id, "product_id", true, limits::kMaxIdBytes);
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
  if (event.content_tags.size() > limits::kMaxContentTags) {
    return CheckMaxItems(event.content_tags.size(), field("content_tags"),
                         limits::kMaxContentTags);
  }
  for (size_t i = 0; i < event.content_tags.size(); ++i) {
    const std::string& tag = event.content_tags[i];
    if (!IsValidIdentifier(tag, true, limits::kMaxTagBytes)) {
      return CheckIdentifier(tag, field(absl::StrCat("content_tags[", i, "]")),
                             true, limits::kMaxTagBytes);
    }
  }
  return check_id(event.creator_id, "creator_id", false, limits::kMaxIdBytes);
}

}  // namespace ranker
