// Recovers the sessions behind a list of next-item cases, for the streaming
// replay: a session of m clicks gives the cases [x1] → x2, [x1 x2] → x3, ...,
// and a production-like replay must log each click once, in order, and only
// after every case that has to predict it.
#ifndef RANKER_CLIENT_EVAL_CASE_CHAINS_H_
#define RANKER_CLIENT_EVAL_CASE_CHAINS_H_

#include <cstddef>
#include <vector>

#include "absl/types/span.h"
#include "client/eval/dataset.h"

namespace ranker::eval {

// Groups cases into chains: case j follows case i when j's prefix is i's
// prefix followed by i's label. Each chain runs from its shortest prefix to
// its longest; every case is in exactly one chain. When several cases could
// follow the same one (identical prefixes from different sessions), the
// earliest unclaimed case does — they are interchangeable for the replay,
// which logs the same clicks either way. Chains are ordered by their earliest
// case in `cases` (so they keep the order of the file).
std::vector<std::vector<size_t>> ChainCases(absl::Span<const TestCase> cases);

// One step of a session's streaming replay.
struct ReplayStep {
  enum class Kind { kLogClicks, kRecommend };
  Kind kind = Kind::kLogClicks;
  size_t test_case = 0;         // the case the step belongs to
  std::vector<ItemIdx> clicks;  // kLogClicks: what to log, in order
};

// The steps that replay one chain as a production session: before each case,
// log the clicks of its prefix not logged yet, then ask for its list; after
// the last case, log its label (the session's final click). So when a case
// is scored exactly its prefix has been logged for the session — never its
// label nor anything after it.
std::vector<ReplayStep> SessionReplaySteps(absl::Span<const TestCase> cases,
                                           absl::Span<const size_t> chain);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_CASE_CHAINS_H_
