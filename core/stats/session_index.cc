#include "core/stats/session_index.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/persist/state_encoding.h"

namespace ranker {

SessionIndex::SessionIndex(SessionIndexConfig config)
    : config_(std::move(config)) {}

std::string SessionKey(absl::string_view user_id,
                       absl::string_view session_id) {
  // Ids never contain control characters (validation), so \x1f separates.
  return absl::StrCat(user_id, "\x1f", session_id);
}

bool SessionIndex::Append(absl::string_view key, ProductIdx product,
                          std::vector<ProductIdx>* previous) {
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = ids_.try_emplace(key, first_id_ + sessions_.size());
  if (inserted) {
    sessions_.push_back(Session{std::string(key), {}});
  }
  Session& session = sessions_[it->second - first_id_];
  if (previous != nullptr)
    previous->assign(session.products.begin(), session.products.end());
  if (!session.products.empty() && session.products.back() == product) {
    return false;
  }
  if (session.products.size() >= config_.max_products_per_session) {
    return false;
  }
  session.products.push_back(product);

  std::vector<SessionId>& posting = postings_[product];
  if (posting.empty() || posting.back() != it->second) {
    posting.push_back(it->second);
    ++session_frequency_[product];
    // Trim in chunks so that appends stay amortised O(1).
    if (posting.size() > 2 * config_.max_sessions_per_product) {
      posting.erase(posting.begin(),
                    posting.end() - config_.max_sessions_per_product);
    }
  }
  if (inserted && sessions_.size() > config_.max_sessions) EvictOldest();
  return true;
}

void SessionIndex::SaveTo(persist::Encoder& out) const {
  out.PutVarint(first_id_);
  out.PutVarint(sessions_.size());
  for (const Session& session : sessions_) {
    out.PutString(session.key);
    out.PutVarint(session.products.size());
    for (ProductIdx product : session.products) out.PutVarint(product);
  }
  persist::PutMap(out, postings_, [&](const std::vector<SessionId>& ids) {
    out.PutVarint(ids.size());
    for (SessionId id : ids) out.PutVarint(id);
  });
  persist::PutMap(out, session_frequency_,
                  [&](uint32_t frequency) { out.PutVarint(frequency); });
}

absl::Status SessionIndex::LoadFrom(persist::Decoder& in) {
  absl::MutexLock lock(&mu_);
  if (!sessions_.empty() || first_id_ != 0) {
    return absl::FailedPreconditionError("loading into a non-empty index");
  }
  RANKER_RETURN_IF_ERROR(in.GetVarint(first_id_, "first session id"));
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "sessions"));
  for (size_t i = 0; i < count; ++i) {
    Session session;
    RANKER_RETURN_IF_ERROR(in.GetString(session.key, "session key"));
    size_t products = 0;
    RANKER_RETURN_IF_ERROR(in.GetCount(products, "session products"));
    session.products.resize(products);
    for (ProductIdx& product : session.products) {
      RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, "session product"));
    }
    if (!ids_.try_emplace(session.key, first_id_ + i).second) {
      return absl::DataLossError(
          absl::StrCat("session '", session.key, "' saved twice"));
    }
    sessions_.push_back(std::move(session));
  }
  RANKER_RETURN_IF_ERROR(persist::GetMap(
      in, postings_, "postings", [&](std::vector<SessionId>& ids) {
        size_t size = 0;
        RANKER_RETURN_IF_ERROR(in.GetCount(size, "posting"));
        ids.resize(size);
        for (SessionId& id : ids) {
          RANKER_RETURN_IF_ERROR(in.GetVarint(id, "posting session"));
        }
        return absl::OkStatus();
      }));
  return persist::GetMap(in, session_frequency_, "session frequency",
                         [&](uint32_t& frequency) {
                           return persist::GetU32(in, frequency, "frequency");
                         });
}

void SessionIndex::EvictOldest() {
  ids_.erase(sessions_.front().key);
  sessions_.pop_front();
  ++first_id_;
}

std::vector<ProductIdx> SessionIndex::SessionProducts(
    absl::string_view key) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = ids_.find(key);
  if (it == ids_.end()) return {};
  return Get(it->second).products;
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
  auto it = index_.postings_.find(product);
  if (it == index_.postings_.end()) return;
  size_t visited = 0;
  for (auto id = it->second.rbegin(); id != it->second.rend(); ++id) {
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
  return it->second;
}

const std::vector<ProductIdx>& SessionIndex::Reader::Products(
    SessionId session) const ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return index_.Get(session).products;
}

double SessionIndex::Reader::InverseSessionFrequency(ProductIdx product) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  const double sessions =
      static_cast<double>(index_.first_id_ + index_.sessions_.size());
  auto it = index_.session_frequency_.find(product);
  if (it == index_.session_frequency_.end() || sessions <= 0) return 0.0;
  // Smoothed so that a product every session shares still counts a little
  // (a young index has few sessions).
  return std::log1p(sessions / it->second);
}

}  // namespace ranker
