#include "core/deadline.h"

#include "absl/strings/str_cat.h"

namespace ranker {

absl::Status CheckDeadline(absl::Time deadline, const DeadlineClock& clock,
                           absl::string_view step) {
  if (deadline == absl::InfiniteFuture()) return absl::OkStatus();
  const absl::Time now = clock();
  if (now < deadline) return absl::OkStatus();
  return absl::DeadlineExceededError(
      absl::StrCat("deadline exceeded before ", step, " (",
                   absl::FormatDuration(now - deadline), " past it)"));
}

}  // namespace ranker
