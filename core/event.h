// A user event in core terms (strings at the edge), as LogEvent carries it.
#ifndef RANKER_CORE_EVENT_H_
#define RANKER_CORE_EVENT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/types.h"

namespace ranker {

struct Event {
  std::string user_id;
  std::string session_id;
  std::string product_id;
  EventType type = EventType::kClick;
  TimeMs timestamp_ms = 0;  // 0: now
  int64_t dwell_ms = 0;     // dwell events only
  ContentForm content_form = ContentForm::kUnknown;
  std::vector<std::string> content_tags;
  // The creator whose content showed the product; empty when not known.
  std::string creator_id;
};

// Checks every field; errors name "<field_prefix><field>". `now` bounds the
// timestamp (at most limits::kMaxEventClockSkewMs in the future).
absl::Status ValidateEvent(const Event& event, absl::string_view field_prefix,
                           TimeMs now);

}  // namespace ranker

#endif  // RANKER_CORE_EVENT_H_
