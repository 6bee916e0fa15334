#include "core/stats/session_index.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "core/dense_slot.h"
#include "core/persist/state_encoding.h"

namespace ranker {

SessionIndex::KeyArena::Ref SessionIndex::KeyArena::Append(
    absl::string_view key) {
  // Keys are at most 2 ids and a separator (limits::kMaxIdBytes each), far
  // below a chunk.
  if (used_ + key.size() > kChunkBytes) {
    chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
    used_ = 0;
  }
  const Ref ref{first_chunk_ + static_cast<uint32_t>(chunks_.size() - 1),
                static_cast<uint16_t>(used_),
                static_cast<uint16_t>(key.size())};
  std::copy(key.begin(), key.end(), chunks_.back().get() + used_);
  used_ += key.size();
  return ref;
}

absl::string_view SessionIndex::KeyArena::Get(Ref ref) const {
  return {chunks_[ref.chunk - first_chunk_].get() + ref.offset, ref.size};
}

void SessionIndex::KeyArena::ReleaseBefore(uint32_t chunk) {
  while (first_chunk_ < chunk && !chunks_.empty()) {
    chunks_.pop_front();
    ++first_chunk_;
  }
}

uint32_t SessionIndex::KeyArena::end_chunk() const {
  return first_chunk_ + static_cast<uint32_t>(chunks_.size());
}

size_t SessionIndex::KeyHash::operator()(SessionId id) const {
  return absl::Hash<absl::string_view>()(index->KeyOf(id));
}

size_t SessionIndex::KeyHash::operator()(absl::string_view key) const {
  return absl::Hash<absl::string_view>()(key);
}

bool SessionIndex::KeyEq::operator()(SessionId id,
                                     absl::string_view key) const {
  return index->KeyOf(id) == key;
}

SessionIndex::SessionIndex(SessionIndexConfig config)
    : config_(std::move(config)) {}

std::string SessionKey(absl::string_view user_id,
                       absl::string_view session_id) {
  std::string key;
  SessionKeyTo(user_id, session_id, key);
  return key;
}

void SessionKeyTo(absl::string_view user_id, absl::string_view session_id,
                  std::string& key) {
  // Ids never contain control characters (validation), so \x1f separates.
  key.clear();
  absl::StrAppend(&key, user_id, "\x1f", session_id);
}

SessionId SessionIndex::AddSession(absl::string_view key) {
  const SessionId id = first_id_ + sessions_.size();
  sessions_.push_back(Session{keys_.Append(key), {}});
  ids_.insert(id);  // hashes the key just stored
  return id;
}

void SessionIndex::AddPosting(ProductIdx product, SessionId id) {
  std::vector<SessionId>& posting = DenseSlot(postings_, product);
  if (!posting.empty() && posting.back() == id) return;
  posting.push_back(id);
  ++DenseSlot(session_frequency_, product);
  // Trim in chunks so that appends stay amortised O(1).
  if (posting.size() > 2 * config_.max_sessions_per_product) {
    posting.erase(posting.begin(),
                  posting.end() - config_.max_sessions_per_product);
  }
}

bool SessionIndex::Append(absl::string_view key, ProductIdx product,
                          std::vector<ProductIdx>* previous) {
  absl::MutexLock lock(&mu_);
  auto it = ids_.find(key);
  const bool inserted = it == ids_.end();
  const SessionId id = inserted ? AddSession(key) : *it;
  Session& session = sessions_[id - first_id_];
  if (previous != nullptr) {
    previous->assign(session.products.begin(), session.products.end());
  }
  if (!session.products.empty() && session.products.back() == product) {
    return false;
  }
  if (session.products.size() >= config_.max_products_per_session) {
    return false;
  }
  session.products.push_back(product);
  AddPosting(product, id);
  if (inserted && sessions_.size() > config_.max_sessions) EvictOldest();
  return true;
}

void SessionIndex::SaveTo(persist::Encoder& out) const {
  out.PutVarint(first_id_);
  out.PutVarint(sessions_.size());
  for (const Session& session : sessions_) {
    out.PutString(keys_.Get(session.key));
    out.PutVarint(session.products.size());
    for (ProductIdx product : session.products) out.PutVarint(product);
  }
  // By product, products without postings left out (the encoding of the
  // maps of earlier versions).
  size_t with_postings = 0;
  for (const std::vector<SessionId>& ids : postings_) {
    with_postings += !ids.empty();
  }
  out.PutVarint(with_postings);
  for (size_t product = 0; product < postings_.size(); ++product) {
    const std::vector<SessionId>& ids = postings_[product];
    if (ids.empty()) continue;
    out.PutVarint(product);
    out.PutVarint(ids.size());
    for (SessionId id : ids) out.PutVarint(id);
  }
  size_t with_frequency = 0;
  for (uint32_t frequency : session_frequency_) {
    with_frequency += frequency > 0;
  }
  out.PutVarint(with_frequency);
  for (size_t product = 0; product < session_frequency_.size(); ++product) {
    if (session_frequency_[product] == 0) continue;
    out.PutVarint(product);
    out.PutVarint(session_frequency_[product]);
  }
}

absl::Status SessionIndex::LoadFrom(persist::Decoder& in) {
  absl::MutexLock lock(&mu_);
  if (!sessions_.empty() || first_id_ != 0) {
    return absl::FailedPreconditionError("loading into a non-empty index");
  }
  RANKER_RETURN_IF_ERROR(in.GetVarint(first_id_, "first session id"));
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "sessions"));
  std::string key;
  for (size_t i = 0; i < count; ++i) {
    RANKER_RETURN_IF_ERROR(in.GetString(key, "session key"));
    if (key.size() > KeyArena::kChunkBytes) {
      return absl::DataLossError("session key: too long");
    }
    if (ids_.contains(key)) {
      return absl::DataLossError(
          absl::StrCat("session '", key, "' saved twice"));
    }
    Session& session = sessions_[AddSession(key) - first_id_];
    size_t products = 0;
    RANKER_RETURN_IF_ERROR(in.GetCount(products, "session products"));
    session.products.resize(products);
    for (ProductIdx& product : session.products) {
      RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, "session product"));
    }
  }
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "postings"));
  for (size_t i = 0; i < count; ++i) {
    ProductIdx product = 0;
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, "postings"));
    std::vector<SessionId>& ids = DenseSlot(postings_, product);
    if (!ids.empty()) return absl::DataLossError("postings: product twice");
    size_t size = 0;
    RANKER_RETURN_IF_ERROR(in.GetCount(size, "posting"));
    ids.resize(size);
    for (SessionId& id : ids) {
      RANKER_RETURN_IF_ERROR(in.GetVarint(id, "posting session"));
    }
  }
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "session frequency"));
  for (size_t i = 0; i < count; ++i) {
    ProductIdx product = 0;
    uint32_t frequency = 0;
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, "session frequency"));
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, frequency, "frequency"));
    DenseSlot(session_frequency_, product) = frequency;
  }
  return absl::OkStatus();
}

void SessionIndex::EvictOldest() {
  ids_.erase(first_id_);  // before its key goes
  sessions_.pop_front();
  ++first_id_;
  keys_.ReleaseBefore(sessions_.empty() ? keys_.end_chunk()
                                        : sessions_.front().key.chunk);
}

std::vector<ProductIdx> SessionIndex::SessionProducts(
    absl::string_view key) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = ids_.find(key);
  if (it == ids_.end()) return {};
  const Session& session = Get(*it);
  return {session.products.begin(), session.products.end()};
}

size_t SessionIndex::session_count() const {
  absl::ReaderMutexLock lock(&mu_);
  return sessions_.size();
}

SessionIndex::Reader::Reader(const SessionIndex& index) : index_(index) {
  index_.mu_.ReaderLock();
}

SessionIndex::Reader::~Reader() { index_.mu_.ReaderUnlock(); }

void SessionIndex::Reader::ForEachSessionWith(
    ProductIdx product, size_t limit, absl::FunctionRef<bool(SessionId)> visit)
    const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (product >= index_.postings_.size()) return;
  const std::vector<SessionId>& posting = index_.postings_[product];
  size_t visited = 0;
  for (auto id = posting.rbegin(); id != posting.rend(); ++id) {
    if (visited == limit) return;
    if (!index_.Alive(*id)) return;  // older ids are evicted too
    ++visited;
    if (!visit(*id)) return;
  }
}

std::optional<SessionId> SessionIndex::Reader::Find(absl::string_view key) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  auto it = index_.ids_.find(key);
  if (it == index_.ids_.end()) return std::nullopt;
  return *it;
}

std::span<const ProductIdx> SessionIndex::Reader::Products(
    SessionId session) const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return index_.Get(session).products;
}

void SessionIndex::Reader::Prefetch(SessionId session) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (index_.Alive(session)) __builtin_prefetch(&index_.Get(session));
}

double SessionIndex::Reader::InverseSessionFrequency(ProductIdx product) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  const double sessions =
      static_cast<double>(index_.first_id_ + index_.sessions_.size());
  if (product >= index_.session_frequency_.size() ||
      index_.session_frequency_[product] == 0 || sessions <= 0) {
    return 0.0;
  }
  // Smoothed so that a product every session shares still counts a little
  // (a young index has few sessions).
  return std::log1p(sessions / index_.session_frequency_[product]);
}

}  // namespace ranker
