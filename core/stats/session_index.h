// The sessions seen in LogEvent, for session-neighbourhood retrieval: each
// session's products in engagement order, and for each product the most
// recent sessions that contain it. Bounded: at most `max_sessions` sessions
// (the oldest are evicted first) and `max_sessions_per_product` postings per
// product.
#ifndef RANKER_CORE_STATS_SESSION_INDEX_H_
#define RANKER_CORE_STATS_SESSION_INDEX_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/persist/encoding.h"
#include "core/types.h"

namespace ranker {

// Dense, increasing with creation; never reused.
using SessionId = uint64_t;

// The key of a user's session in the index.
std::string SessionKey(absl::string_view user_id, absl::string_view session_id);

struct SessionIndexConfig {
  size_t max_sessions = 2'000'000;
  size_t max_sessions_per_product = 2000;
  size_t max_products_per_session = 200;
};

class SessionIndex {
 public:
  explicit SessionIndex(SessionIndexConfig config = {});

  // Appends `product` to the session `key` (created when new) and copies the
  // session's earlier products (oldest first) into `previous`. Returns false,
  // appending nothing, for a repeat of the session's last product or a full
  // session.
  bool Append(absl::string_view key, ProductIdx product,
              std::vector<ProductIdx>* previous);

  // The products of session `key`, oldest first (empty when unknown).
  std::vector<ProductIdx> SessionProducts(absl::string_view key) const;

  // A read-only view for one retrieval, holding the index's reader lock.
  class Reader {
   public:
    explicit Reader(const SessionIndex& index);
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // Calls `visit` for the sessions containing `product`, most recent first,
    // at most `limit` of them; stops early when `visit` returns false.
    void ForEachSessionWith(ProductIdx product, size_t limit,
                            absl::FunctionRef<bool(SessionId)> visit) const;
    // The id of session `key`, if it is live.
    std::optional<SessionId> Find(absl::string_view key) const;
    // The products of a live session, oldest first.
    const std::vector<ProductIdx>& Products(SessionId session) const;
    // log(1 + sessions ever / sessions ever containing `product`): how much
    // sharing this product says about two sessions (0 for an unknown one).
    double InverseSessionFrequency(ProductIdx product) const;

   private:
    const SessionIndex& index_;
  };

  size_t session_count() const;

  // Snapshots: live sessions in id order, postings and frequencies. Reads
  // without locks: the caller guarantees that no writer runs (the engine pauses
  // writes, or this is a forked copy, where a vanished reader may hold a copy
  // of a lock). LoadFrom fills an empty index.
  void SaveTo(persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  struct Session {
    std::string key;
    std::vector<ProductIdx> products;
  };
  const Session& Get(SessionId id) const ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return sessions_[id - first_id_];
  }
  bool Alive(SessionId id) const ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return id >= first_id_ && id - first_id_ < sessions_.size();
  }
  void EvictOldest() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const SessionIndexConfig config_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, SessionId> ids_ ABSL_GUARDED_BY(mu_);
  std::deque<Session> sessions_ ABSL_GUARDED_BY(mu_);  // id first_id_ first
  SessionId first_id_ ABSL_GUARDED_BY(mu_) = 0;
  // Sessions per product, oldest first; may hold evicted ids, skipped on read.
  absl::flat_hash_map<ProductIdx, std::vector<SessionId>> postings_
      ABSL_GUARDED_BY(mu_);
  // Sessions ever containing each product (not trimmed with the postings).
  absl::flat_hash_map<ProductIdx, uint32_t> session_frequency_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace ranker

#endif  // RANKER_CORE_STATS_SESSION_INDEX_H_
