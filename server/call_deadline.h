// A gRPC call's deadline as the core takes it (absl::Time; the core knows no
// gRPC). A call without a deadline has the infinite future.
#ifndef RANKER_SERVER_CALL_DEADLINE_H_
#define RANKER_SERVER_CALL_DEADLINE_H_

#include <chrono>

#include "absl/time/time.h"

namespace ranker {

// gRPC reports "no deadline" as the largest time point, which absl would
// read as a finite (if distant) time.
inline absl::Time ToAbslDeadline(
    std::chrono::system_clock::time_point deadline) {
  if (deadline == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(deadline);
}

}  // namespace ranker

#endif  // RANKER_SERVER_CALL_DEADLINE_H_
