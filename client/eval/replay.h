// The gRPC side of the protocol: load the dataset's items into the server's
// catalog, replay the training sessions as events, then ask for a list for
// every test case.
#ifndef RANKER_CLIENT_EVAL_REPLAY_H_
#define RANKER_CLIENT_EVAL_REPLAY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "client/eval/dataset.h"
#include "client/eval/progress.h"
#include "client/eval/report.h"
#include "client/ranker_client.h"
#include "ranker/v1/ranker.pb.h"

namespace ranker::eval {

// Products and events per call.
inline constexpr size_t kBatchSize = 1000;

v1::EventType ToEventType(EventKind kind);

// The item as a product: product_id = the item id, title "", category path
// [category] or ["dataset"] when the dataset has none, shop "dataset", price
// 1, ACTIVE, the item's tags with weight 1.
v1::Product MakeProduct(const Item& item);

// When training event `event` of session `session` (of `num_sessions`)
// happened: session i starts at now - (num_sessions - i) s and its events are
// 1 ms apart (capped at +999 ms), so time increases in session order and the
// last session ends before `now_ms`.
int64_t TrainingTimestampMs(size_t session, size_t num_sessions, size_t event,
                            int64_t now_ms);

// Upserts every item with include[i], in calls of kBatchSize, in item order.
absl::Status UpsertCatalog(RankerClient& client, const Dataset& dataset,
                           const std::vector<bool>& include,
                           absl::Duration timeout, Progress* progress);

// Replays dataset.train through LogEvent: session i is user and session
// "tr-<i>", every event with content form PRODUCT_CARD and the time above.
// `inflight` calls run at once; session i goes to sender i mod inflight, so
// each session's events reach the server in order.
absl::Status ReplayTraining(RankerClient& client, const Dataset& dataset,
                            int inflight, int64_t now_ms,
                            absl::Duration timeout, Progress* progress);

enum class ScoreMode {
  // The published protocol: the prefix travels as context.recent_product_ids
  // (its last 100 items) of user/session "te-<case>"; nothing is logged.
  kFrozen,
  // As in production: each test session (recovered from its cases by
  // ChainCases) is user and session "ts-<its first case>"; its clicks are
  // logged through LogEvent one at a time, each just before the first case
  // whose prefix holds it, and each case asks for its list with no context.
  // After its last case the session's final click is logged too. A case
  // never sees its own label or any later click of its session.
  kStreaming,
};

struct ScoreOptions {
  ScoreMode mode = ScoreMode::kFrozen;
  int count = 20;
  absl::flat_hash_map<std::string, double> weights;  // weight_overrides
  int concurrency = 8;
  absl::Duration timeout = absl::Seconds(30);
};

struct ScoreResult {
  std::vector<std::vector<ItemIdx>> lists;  // per case; kNoItem = unknown id
  std::vector<float> recommend_ms;          // per RecommendProducts call
  std::vector<float> log_event_ms;          // per LogEvent call (streaming)
  int64_t streaming_sessions = 0;           // sessions replayed (streaming)
  ServiceChecks checks;
};

// One RecommendProducts (scene FEED) per case, `concurrency` at a time. The
// first failed call stops the run and is returned, naming the case.
absl::StatusOr<ScoreResult> ScoreCases(RankerClient& client,
                                       const Dataset& dataset,
                                       absl::Span<const TestCase> cases,
                                       const ScoreOptions& options,
                                       Progress* progress);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_REPLAY_H_
