// The facade the server calls: one Engine owns the catalog, the profiles, the
// item statistics and the ranking pipeline. All methods are thread-safe.
//
// Durability: with a journal attached (a write-ahead log), every write call
// (Log, UpsertProducts, UpsertShops) is validated, appended to the journal
// (and waits there per its fsync policy), applied, and only then returns; a
// call the journal refuses is neither applied nor acknowledged. Validation
// and application are the same code whether the call is live or replayed.
//
// Order: journal sequence order is the apply order. Concurrent calls append
// in parallel (sharing one fsync, group commit) but apply strictly one after
// the other in sequence order: applying events is order-sensitive (decay,
// session sequences, dictionary ids), so without this a replay could build a
// different state from the same log. Applying is microseconds against the
// append's fsync, so the serial step costs little. Validation before the
// append reads state that only grows (products are never removed), so a call
// that validated live validates again on replay, at the same point.
#ifndef RANKER_CORE_ENGINE_H_
#define RANKER_CORE_ENGINE_H_

#include <functional>
#include <memory>
#include <span>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/catalog/catalog.h"
#include "core/catalog/tag_dictionary.h"
#include "core/deadline.h"
#include "core/description.h"
#include "core/event.h"
#include "core/interest/profile_store.h"
#include "core/persist/journal.h"
#include "core/persist/snapshot_file.h"
#include "core/persist/wal_reader.h"
#include "core/pipeline/ranking_config.h"
#include "core/pipeline/ranking_pipeline.h"
#include "core/pipeline/recommend_request.h"
#include "core/side_thread.h"
#include "core/stats/co_engagement_index.h"
#include "core/stats/item_stats.h"
#include "core/stats/session_index.h"
#include "core/stats/tag_cooccurrence_index.h"

namespace ranker {

struct EngineOptions {
  RankingConfig ranking;
  InterestConfig interest;
  StatsConfig stats;
  SessionIndexConfig sessions;
  CoEngagementConfig co_engagement;
  TagCooccurrenceConfig tag_cooccurrence;
  size_t profile_shards = 64;
  // At most this many user profiles (0: no cap); a new user beyond it evicts
  // the longest idle profile of its shard (core/interest/profile_store.h).
  // Sizing: docs/operations/overload.md.
  size_t max_users = 5'000'000;
  // A LogEvent call with at least this many events applies them on two
  // threads (0: always one): the profiles and item statistics on the
  // caller's, sessions and the edge graphs on a helper thread, started at
  // the first such call. The state is the same either way.
  size_t parallel_apply_min_events = 64;
  // Milliseconds since the epoch; the system clock when empty. Tests inject
  // their own to control decay.
  std::function<TimeMs()> clock;
  // What call deadlines are read against; absl::Now when empty. Separate from
  // `clock`: deadlines are about real elapsed time, `clock` about event time.
  DeadlineClock deadline_clock;
};

struct EngineCounts {
  size_t products = 0;
  size_t shops = 0;  // shops with a governance record (UpsertShops)
  size_t tags = 0;
  size_t users = 0;
  size_t sessions = 0;
  uint64_t evicted_users = 0;  // profiles evicted by the user cap
  size_t archived_users = 0;   // of those, kept in the profile archive
  // Events applied since the state began: what a snapshot and the log
  // restore count too (item statistics' lifetime counts), not only this
  // process's calls.
  uint64_t events = 0;
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Deadlines of the write calls: checked once, after validation and before
  // the call is journaled (DEADLINE_EXCEEDED, nothing applied). A call that
  // passed that point is applied and acknowledged whatever the time: a
  // journaled write is never left half done.

  // Adds or replaces products; all or nothing.
  absl::StatusOr<UpsertResult> UpsertProducts(
      std::span<const ProductSpec> products,
      absl::Time deadline = absl::InfiniteFuture());

  // Sets shops' status and quality score; all or nothing. INVALID_ARGUMENT
  // naming "shops[i].<field>". The next Recommend sees the change.
  absl::StatusOr<UpsertResult> UpsertShops(
      std::span<const ShopSpec> shops,
      absl::Time deadline = absl::InfiniteFuture());

  // Ranks products for one user. INVALID_ARGUMENT naming the field for bad
  // input; NOT_FOUND for a storefront shop the catalog does not know (a
  // banned shop's storefront is known, and empty); DEADLINE_EXCEEDED naming
  // the stage reached once request.deadline has passed.
  absl::StatusOr<RecommendResult> Recommend(
      const RecommendRequest& request) const;

  // The ranking configuration every request starts from, before its own
  // weight_overrides (EngineOptions::ranking at first). Replaced whole, e.g.
  // by a configuration reload: requests already running finish with the
  // one they started with, the next ones get the new one.
  void SetDefaultRanking(const RankingConfig& config);
  RankingConfig default_ranking() const;

  // Applies events; all or nothing. INVALID_ARGUMENT naming
  // "events[i].<field>", NOT_FOUND for an unknown product.
  absl::Status Log(std::span<const Event> events,
                   absl::Time deadline = absl::InfiniteFuture());

  // Makes every later write call durable in `journal` before it returns
  // (see the top of this file). Call before serving, after Replay of the
  // journal's earlier records; `journal` must outlive the engine's use.
  void AttachJournal(persist::Journal* journal);

  // Applies one logged call exactly as it was applied live, without logging
  // it again. Records must come in sequence order. DATA_LOSS for a payload
  // that does not decode, the call's own error for one that no longer
  // validates (e.g. a log replayed onto a different initial catalog) —
  // either stops start-up. A call whose apply failed live (a full tag
  // dictionary) fails the same way here and is not an error.
  absl::Status Replay(const persist::WalRecord& record);

  // Snapshots (core/persist/snapshot_file.h). Write calls apply one at a
  // time; WithWritesPaused runs `fn(point)` between two of them, so the
  // state reflects exactly the journal's records up to `point.sequence` (0
  // without a journal) while `fn` runs. Reads go on meanwhile; writes wait,
  // so `fn` should be short (a fork) unless traffic has stopped (shutdown).
  struct SnapshotPoint {
    uint64_t sequence = 0;
    // Taken here, so that a forked writer never touches the atomic pointers
    // (whose lock bit a reader thread may hold in the fork's copy).
    std::shared_ptr<const CatalogSnapshot> catalog;
    std::shared_ptr<const ShopGovernance> shops;
  };
  absl::Status WithWritesPaused(
      absl::FunctionRef<absl::Status(const SnapshotPoint& point)> fn);
  // Writes the whole state, section by section. Only inside
  // WithWritesPaused, or in a process forked there: it takes no lock.
  void SaveSnapshot(const SnapshotPoint& point,
                    persist::SnapshotWriter& out) const;
  // Fills a new engine (empty catalog, no events, no journal yet) from a
  // verified snapshot; replay the journal's records after `in.sequence()`
  // next. DATA_LOSS or FAILED_PRECONDITION stop start-up.
  absl::Status LoadSnapshot(persist::SnapshotReader& in);
  // What the engine knows of one user: exact event counts, the `top_tags`
  // strongest interest tags of each speed (0: limits::kDefaultDescribeTopTags),
  // recent products. A user without events is known == false, not an error.
  // INVALID_ARGUMENT naming "user_id" or "top_tags".
  absl::StatusOr<UserDescription> DescribeUser(absl::string_view user_id,
                                               int top_tags = 0) const;
  // One product's catalog fields and statistics. INVALID_ARGUMENT naming
  // "product_id", NOT_FOUND for a product the catalog does not know.
  absl::StatusOr<ProductDescription> DescribeProduct(
      absl::string_view product_id) const;

  // Evicted profiles go to `archive` (a state directory's) from now on and
  // come back at their user's next event. Attach before the first write and
  // before LoadSnapshot; without a snapshot, Reset() the archive first.
  void AttachProfileArchive(std::unique_ptr<ProfileArchive> archive);
  // Makes the archive's records durable; before committing a snapshot that
  // refers to them. OK without an archive.
  absl::Status SyncProfileArchive() const;

  EngineCounts Counts() const;
  TimeMs Now() const { return clock_(); }

 private:
  // Validates the call and resolves each event's product into `products`.
  absl::Status ValidateEvents(std::span<const Event> events, TimeMs now,
                              std::vector<ProductIdx>& products) const;
  // `products`: what ValidateEvents resolved (a product keeps its index).
  void ApplyEvents(std::span<const Event> events,
                   std::span<const ProductIdx> products, TimeMs now);

  // Appends the call (encoded by `encode`) to the journal, if any, then runs
  // `apply` in sequence order; returns apply's result or the journal's error.
  template <typename Encode, typename Apply>
  auto Commit(persist::RecordKind kind, Encode encode, Apply apply)
      -> decltype(apply());

  mutable absl::Mutex ranking_mu_;
  RankingConfig default_ranking_ ABSL_GUARDED_BY(ranking_mu_);
  std::function<TimeMs()> clock_;
  const DeadlineClock deadline_clock_;
  TagDictionary tags_;
  Catalog catalog_;
  std::unique_ptr<ProfileArchive> archive_;  // before profiles_, which uses it
  ProfileStore profiles_;
  ItemStatsStore stats_;
  SessionIndex sessions_;
  CoEngagementIndex co_engagement_;
  TagCooccurrenceIndex tag_cooccurrence_;
  RankingPipeline pipeline_;

  const size_t parallel_apply_min_events_;
  // Runs the sessions lane of large calls (ApplyEvents); created at the
  // first one. Used only while a write applies (apply_mu_, or the
  // single-threaded replay at start-up).
  std::unique_ptr<SideThread> side_thread_;

  persist::Journal* journal_ = nullptr;  // set before serving
  // Held while a write applies, so writes apply one at a time (and a
  // snapshot sees none half done). The sequence of the last applied record:
  // a call with sequence s applies once this reaches s - 1.
  absl::Mutex apply_mu_;
  uint64_t applied_sequence_ ABSL_GUARDED_BY(apply_mu_) = 0;
};

}  // namespace ranker

#endif  // RANKER_CORE_ENGINE_H_
