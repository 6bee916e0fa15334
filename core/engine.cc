#include "core/engine.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/limits.h"
#include "core/persist/call_codec.h"
#include "core/validation.h"
#include "spdlog/spdlog.h"

namespace ranker {
namespace {

TimeMs SystemNow() { return absl::ToUnixMillis(absl::Now()); }

// Events that put a product into the session's sequence: exposure alone and
// rejections do not.
bool IsEngagement(EventType type) {
  return type != EventType::kImpression && type != EventType::kNotInterested;
}

}  // namespace

Engine::Engine(EngineOptions options)
    : default_ranking_(options.ranking),
      clock_(options.clock ? std::move(options.clock) : SystemNow),
      deadline_clock_(options.deadline_clock ? std::move(options.deadline_clock)
                                             : DeadlineClock(absl::Now)),
      catalog_(&tags_),
      profiles_(options.interest, options.profile_shards, options.max_users),
      stats_(options.stats),
      sessions_(options.sessions),
      co_engagement_(options.co_engagement),
      tag_cooccurrence_(options.tag_cooccurrence),
      pipeline_(deadline_clock_) {}

template <typename Encode, typename Apply>
auto Engine::Commit(persist::RecordKind kind, Encode encode, Apply apply)
    -> decltype(apply()) {
  if (journal_ == nullptr) return apply();
  absl::StatusOr<uint64_t> sequence = journal_->Append(kind, encode());
  if (!sequence.ok()) return sequence.status();
  struct Turn {
    const uint64_t* applied;
    uint64_t sequence;
  };
  Turn turn{&applied_sequence_, *sequence};
  apply_mu_.LockWhen(absl::Condition(
      +[](Turn* turn) { return *turn->applied + 1 == turn->sequence; }, &turn));
  apply_mu_.Unlock();
  auto result = apply();
  absl::MutexLock lock(&apply_mu_);
  applied_sequence_ = *sequence;
  return result;
}

absl::StatusOr<UpsertResult> Engine::UpsertProducts(
    std::span<const ProductSpec> products, absl::Time deadline) {
  if (auto s = catalog_.ValidateUpsert(products); !s.ok()) return s;
  if (auto s =
          CheckDeadline(deadline, deadline_clock_, "the products were logged");
      !s.ok()) {
    return s;
  }
  return Commit(
      persist::RecordKind::kUpsertProducts,
      [&] { return persist::EncodeUpsertProducts(products); },
      [&] { return catalog_.ApplyUpsert(products); });
}

absl::StatusOr<UpsertResult> Engine::UpsertShops(
    std::span<const ShopSpec> shops, absl::Time deadline) {
  if (auto s = catalog_.ValidateUpsertShops(shops); !s.ok()) return s;
  if (auto s =
          CheckDeadline(deadline, deadline_clock_, "the shops were logged");
      !s.ok()) {
    return s;
  }
  return Commit(
      persist::RecordKind::kUpsertShops,
      [&] { return persist::EncodeUpsertShops(shops); },
      [&]() -> absl::StatusOr<UpsertResult> {
        return catalog_.ApplyUpsertShops(shops);
      });
}

absl::StatusOr<RecommendResult> Engine::Recommend(
    const RecommendRequest& request) const {
  if (auto status = ValidateRecommendRequest(request); !status.ok()) {
    return status;
  }
  RankingConfig config = default_ranking_;
  for (const auto& [name, value] : request.weight_overrides) {
    if (auto status = config.Set(name, value); !status.ok()) return status;
  }
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  std::shared_ptr<const ShopGovernance> shops = catalog_.shops();
  RequestState state(request, config, *catalog, *shops,
                     RankingResources{&tags_, &profiles_, &stats_, &sessions_,
                                      &co_engagement_, &tag_cooccurrence_},
                     clock_());
  return pipeline_.Run(state);
}

absl::Status Engine::Log(std::span<const Event> events, absl::Time deadline) {
  const TimeMs now = clock_();
  if (auto s = ValidateEvents(events, now); !s.ok()) return s;
  // The last point where giving up is clean: after the append the call is
  // applied and acknowledged, even past its deadline.
  if (auto s =
          CheckDeadline(deadline, deadline_clock_, "the events were logged");
      !s.ok()) {
    return s;
  }
  return Commit(
      persist::RecordKind::kLogEvents,
      [&] { return persist::EncodeLogEvents(now, events); },
      [&] {
        ApplyEvents(events, now);
        return absl::OkStatus();
      });
}

absl::Status Engine::ValidateEvents(std::span<const Event> events,
                                    TimeMs now) const {
  if (events.empty()) return FieldError("events", "must not be empty");
  if (auto s =
          CheckMaxItems(events.size(), "events", limits::kMaxEventsPerCall);
      !s.ok()) {
    return s;
  }
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  // Validate everything first, so a bad call changes nothing.
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string prefix = absl::StrCat("events[", i, "].");
    if (auto s = ValidateEvent(events[i], prefix, now); !s.ok()) return s;
    if (!catalog->Find(events[i].product_id).has_value()) {
      return absl::NotFoundError(absl::StrCat(
          prefix, "product_id: unknown product '", events[i].product_id, "'"));
    }
  }
  return absl::OkStatus();
}

void Engine::ApplyEvents(std::span<const Event> events, TimeMs now) {
  // A snapshot taken now, in apply order, not the validating one: a replay
  // sees exactly the catalog the live call saw. Products are never removed,
  // so every product validated then is found here.
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  std::vector<ProductIdx> products;
  products.reserve(events.size());
  for (const Event& event : events) {
    products.push_back(catalog->Find(event.product_id).value_or(0));
  }
  std::vector<TagId> content_tags;
  std::vector<ProductIdx> previous;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    // A client clock running ahead must not park decayed values in the
    // future, where they would stop decaying and discount real-time events.
    const TimeMs when =
        event.timestamp_ms == 0 ? now : std::min(event.timestamp_ms, now);
    content_tags.clear();
    for (const std::string& tag : event.content_tags) {
      // A full dictionary drops new content tags rather than failing events.
      if (auto id = tags_.Intern(tag)) content_tags.push_back(*id);
    }
    ProfileEvent profile_event;
    profile_event.product = products[i];
    profile_event.type = event.type;
    profile_event.time = when;
    profile_event.dwell_ms = event.dwell_ms;
    profile_event.product_tags = catalog->product(products[i]).tags;
    profile_event.content_tags = content_tags;
    profile_event.content_form = event.content_form;
    // Like content tags, a creator that no longer fits the full dictionary
    // is dropped; the rest of the event still applies.
    if (!event.creator_id.empty()) {
      profile_event.creator = catalog_.creators().Intern(event.creator_id);
    }
    profiles_.Apply(event.user_id, profile_event);
    stats_.Record(products[i], event.type, when);
    if (!IsEngagement(event.type)) continue;
    const std::vector<TagWeight>& product_tags =
        catalog->product(products[i]).tags;
    tag_cooccurrence_.RecordContent(content_tags, product_tags, when);
    if (sessions_.Append(SessionKey(event.user_id, event.session_id),
                         products[i], &previous)) {
      co_engagement_.Record(previous, products[i], when);
      // Products logged by a newer snapshot than this call's are skipped.
      if (!previous.empty() && previous.back() < catalog->size()) {
        tag_cooccurrence_.RecordSequence(catalog->product(previous.back()).tags,
                                         product_tags, when);
      }
    }
  }
}

void Engine::AttachJournal(persist::Journal* journal) {
  absl::MutexLock lock(&apply_mu_);
  journal_ = journal;
  applied_sequence_ = journal->last_sequence();
}

absl::Status Engine::Replay(const persist::WalRecord& record) {
  if (!persist::IsKnownRecordKind(record.kind)) {
    return absl::DataLossError(
        absl::StrCat("unknown record kind ", record.kind,
                     " (written by a newer version of the server?)"));
  }
  const auto kind = static_cast<persist::RecordKind>(record.kind);
  absl::Status status;
  switch (kind) {
    case persist::RecordKind::kLogEvents: {
      absl::StatusOr<persist::LogEventsCall> call =
          persist::DecodeLogEvents(record.payload);
      if (!call.ok()) return call.status();
      status = ValidateEvents(call->events, call->now);
      if (status.ok()) ApplyEvents(call->events, call->now);
      break;
    }
    case persist::RecordKind::kUpsertProducts: {
      absl::StatusOr<std::vector<ProductSpec>> specs =
          persist::DecodeUpsertProducts(record.payload);
      if (!specs.ok()) return specs.status();
      status = catalog_.ValidateUpsert(*specs);
      if (status.ok()) {
        absl::StatusOr<UpsertResult> applied = catalog_.ApplyUpsert(*specs);
        if (!applied.ok()) {
          // The live call failed the same way, after it was logged.
          spdlog::warn(
              "replaying sequence {}: {} (as when it was first "
              "applied)",
              record.sequence, applied.status().ToString());
        }
      }
      break;
    }
    case persist::RecordKind::kUpsertShops: {
      absl::StatusOr<std::vector<ShopSpec>> specs =
          persist::DecodeUpsertShops(record.payload);
      if (!specs.ok()) return specs.status();
      status = catalog_.ValidateUpsertShops(*specs);
      if (status.ok()) catalog_.ApplyUpsertShops(*specs);
      break;
    }
  }
  if (!status.ok()) {
    return absl::Status(
        status.code(),
        absl::StrCat(persist::RecordKindName(kind),
                     " record no longer validates: ", status.message()));
  }
  absl::MutexLock lock(&apply_mu_);
  applied_sequence_ = record.sequence;
  return absl::OkStatus();
}

EngineCounts Engine::Counts() const {
  return {catalog_.snapshot()->size(),
          catalog_.shops()->governed_count(),
          tags_.size(),
          profiles_.user_count(),
          sessions_.session_count(),
          profiles_.evicted_count()};
}

}  // namespace ranker
