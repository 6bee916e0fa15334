// A call's deadline as the core sees it: a point in absl::Time (the server
// converts gRPC's), read against an injectable clock so tests expire it
// without sleeping. Work checks it between steps: once the caller has given
// up, the rest of the work would only delay the calls still waiting.
#ifndef RANKER_CORE_DEADLINE_H_
#define RANKER_CORE_DEADLINE_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ranker {

// The time deadlines are read against; absl::Now in production.
using DeadlineClock = std::function<absl::Time()>;

// OK while clock() is before `deadline` (an infinite deadline never reads
// the clock); otherwise DEADLINE_EXCEEDED "deadline exceeded before <step>".
absl::Status CheckDeadline(absl::Time deadline, const DeadlineClock& clock,
                           absl::string_view step);

}  // namespace ranker

#endif  // RANKER_CORE_DEADLINE_H_
