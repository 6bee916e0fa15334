// The sessions seen in LogEvent, for session-neighbourhood retrieval: each
// session's products in engagement order, and for each product the most
// recent sessions that contain it. Bounded: at most `max_sessions` sessions
// (the oldest are evicted first) and `max_sessions_per_product` postings per
// product.
//
// Memory, per live session: a 40-byte record (the key's place and up to five
// products inline; longer sessions spill to the heap), its key's bytes in a
// first-in-first-out arena of 64 KiB chunks (sessions are evicted in the
// order they were created, so whole chunks are freed), and an 8-byte id in
// the key index, a hash set that hashes and compares ids by their keys.
// Per product: a posting list and a session count, in arrays by product.
#ifndef RANKER_CORE_STATS_SESSION_INDEX_H_
#define RANKER_CORE_STATS_SESSION_INDEX_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
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
// The same, written into `key` (reusing its buffer).
void SessionKeyTo(absl::string_view user_id, absl::string_view session_id,
                  std::string& key);

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
    // The products of a live session, oldest first (valid while the reader
    // lives).
    std::span<const ProductIdx> Products(SessionId session) const;
    // Asks the CPU to load what Products(session) reads: a reader visiting
    // hundreds of sessions overlaps their cache misses this way.
    void Prefetch(SessionId session) const;
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
  // Session keys, in creation order, in chunks freed once every session
  // with a key in them has been evicted.
  class KeyArena {
   public:
    struct Ref {
      uint32_t chunk;  // counted from the first chunk ever
      uint16_t offset;
      uint16_t size;
    };
    static constexpr size_t kChunkBytes = 64 << 10;

    Ref Append(absl::string_view key);
    absl::string_view Get(Ref ref) const;
    // Frees the chunks before `chunk`.
    void ReleaseBefore(uint32_t chunk);
    uint32_t end_chunk() const;  // the chunk the next key goes to, at most

   private:
    std::deque<std::unique_ptr<char[]>> chunks_;
    uint32_t first_chunk_ = 0;   // the number of chunks_.front()
    size_t used_ = kChunkBytes;  // bytes used in chunks_.back()
  };
  struct Session {
    KeyArena::Ref key;
    absl::InlinedVector<ProductIdx, 5> products;
  };
  // The key index: session ids hashed and compared by their keys, looked up
  // by key. Only used under mu_.
  struct KeyHash {
    using is_transparent = void;
    const SessionIndex* index;
    size_t operator()(SessionId id) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
    size_t operator()(absl::string_view key) const;
  };
  struct KeyEq {
    using is_transparent = void;
    const SessionIndex* index;
    bool operator()(SessionId a, SessionId b) const { return a == b; }
    bool operator()(SessionId id,
                    absl::string_view key) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
    bool operator()(absl::string_view key, SessionId id) const {
      return (*this)(id, key);
    }
  };

  const Session& Get(SessionId id) const ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return sessions_[id - first_id_];
  }
  bool Alive(SessionId id) const ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return id >= first_id_ && id - first_id_ < sessions_.size();
  }
  absl::string_view KeyOf(SessionId id) const ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return keys_.Get(Get(id).key);
  }
  // Adds a new session with `key` (which must be new); its id.
  SessionId AddSession(absl::string_view key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AddPosting(ProductIdx product, SessionId id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void EvictOldest() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const SessionIndexConfig config_;
  mutable absl::Mutex mu_;
  KeyArena keys_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<SessionId, KeyHash, KeyEq> ids_ ABSL_GUARDED_BY(mu_){
      0, KeyHash{this}, KeyEq{this}};
  std::deque<Session> sessions_ ABSL_GUARDED_BY(mu_);  // id first_id_ first
  SessionId first_id_ ABSL_GUARDED_BY(mu_) = 0;
  // By product: sessions with it, oldest first (may hold evicted ids, skipped
  // on read), and sessions ever with it (not trimmed with the postings).
  std::vector<std::vector<SessionId>> postings_ ABSL_GUARDED_BY(mu_);
  std::vector<uint32_t> session_frequency_ ABSL_GUARDED_BY(mu_);
};

}  // namespace ranker

#endif  // RANKER_CORE_STATS_SESSION_INDEX_H_
