// What the two typed event-log readers (RetailRocket, Taobao) share: rows of
// (session key, time, event kind, item), grouped into time-ordered sessions,
// and categories turned into product tags.
#ifndef RANKER_CLIENT_EVAL_TYPED_LOG_H_
#define RANKER_CLIENT_EVAL_TYPED_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "client/eval/dataset.h"

namespace ranker::eval {

// One parsed row of a typed log.
struct LogRow {
  std::string session;  // what groups rows into a session (session or user id)
  int64_t time = 0;     // seconds since the epoch
  EventKind kind = EventKind::kClick;
  ItemIdx item = kNoItem;
};

struct KeyedSession {
  std::string key;
  Session session;
};

// Groups rows by session key. Within a session, events are ordered by time,
// rows with equal times keeping their order in `rows`; sessions are ordered by
// the time of their first event, then by first appearance in `rows`.
std::vector<KeyedSession> GroupIntoSessions(const std::vector<LogRow>& rows);

// Records the item's category the first time one is seen: category =
// `category`, and the product tag "cat:<category>". Later rows naming another
// category for the same item are ignored. INVALID_ARGUMENT when the category
// is empty or too long for a tag (the caller adds file:line).
absl::Status SetCategory(absl::string_view category, Item& item);

// Parses a non-negative integer field (ids, timestamps).
bool ParseInt64(absl::string_view text, int64_t* value);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_TYPED_LOG_H_
