#include "core/engine.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/limits.h"
#include "core/persist/call_codec.h"
#include "core/persist/state_encoding.h"
#include "core/validation.h"
#include "spdlog/spdlog.h"

namespace ranker {
namespace {

TimeMs SystemNow() { return absl::ToUnixMillis(absl::Now()); }

// The first `limit` weights (strongest first already) with their tags' names.
std::vector<NamedWeight> NamedWeights(const std::vector<TagWeight>& weights,
                                      size_t limit, const TagDictionary& tags) {
  std::vector<NamedWeight> out;
  out.reserve(std::min(limit, weights.size()));
  for (size_t i = 0; i < weights.size() && i < limit; ++i) {
    out.push_back({tags.Name(weights[i].tag), weights[i].weight});
  }
  return out;
}

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
      pipeline_(deadline_clock_),
      parallel_apply_min_events_(options.parallel_apply_min_events) {}

template <typename Encode, typename Apply>
auto Engine::Commit(persist::RecordKind kind, Encode encode, Apply apply)
    -> decltype(apply()) {
  if (journal_ == nullptr) {
    absl::MutexLock lock(&apply_mu_);
    return apply();
  }
  absl::StatusOr<uint64_t> sequence = journal_->Append(kind, encode());
  if (!sequence.ok()) return sequence.status();
  struct Turn {
    const uint64_t* applied;
    uint64_t sequence;
  };
  Turn turn{&applied_sequence_, *sequence};
  apply_mu_.LockWhen(absl::Condition(
      +[](Turn* turn) { return *turn->applied + 1 == turn->sequence; }, &turn));
  auto result = apply();
  applied_sequence_ = *sequence;
  apply_mu_.Unlock();
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

void Engine::SetDefaultRanking(const RankingConfig& config) {
  absl::MutexLock lock(&ranking_mu_);
  default_ranking_ = config;
}

RankingConfig Engine::default_ranking() const {
  absl::ReaderMutexLock lock(&ranking_mu_);
  return default_ranking_;
}

absl::StatusOr<RecommendResult> Engine::Recommend(
    const RecommendRequest& request) const {
  if (auto status = ValidateRecommendRequest(request); !status.ok()) {
    return status;
  }
  RankingConfig config = default_ranking();
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
  std::vector<ProductIdx> products;
  if (auto s = ValidateEvents(events, now, products); !s.ok()) return s;
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
        ApplyEvents(events, products, now);
        return absl::OkStatus();
      });
}

absl::Status Engine::ValidateEvents(std::span<const Event> events, TimeMs now,
                                    std::vector<ProductIdx>& products) const {
  if (events.empty()) return FieldError("events", "must not be empty");
  if (auto s =
          CheckMaxItems(events.size(), "events", limits::kMaxEventsPerCall);
      !s.ok()) {
    return s;
  }
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  // Validate everything first, so a bad call changes nothing.
  products.clear();
  products.reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    // The field names of an error are built only once there is one.
    if (!ValidateEvent(events[i], "", now).ok()) {
      return ValidateEvent(events[i], absl::StrCat("events[", i, "]."), now);
    }
    const std::optional<ProductIdx> product =
        catalog->Find(events[i].product_id);
    if (!product.has_value()) {
      return absl::NotFoundError(absl::StrCat("events[", i,
                                              "].product_id: unknown product '",
                                              events[i].product_id, "'"));
    }
    products.push_back(*product);
  }
  return absl::OkStatus();
}

void Engine::ApplyEvents(std::span<const Event> events,
                         std::span<const ProductIdx> products, TimeMs now) {
  // A snapshot taken now, in apply order, not the validating one: a replay
  // sees exactly the catalog the live call saw. Products are never removed
  // and keep their index, so every product validated then is here, at the
  // index validation found.
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();

  // What both lanes below need, in event order: the dictionaries hand out
  // ids in the order they are asked.
  struct Resolved {
    TimeMs when;
    size_t content_begin;
    size_t content_end;
    std::optional<CreatorId> creator;
  };
  std::vector<Resolved> resolved(events.size());
  std::vector<TagId> content_tags;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    Resolved& r = resolved[i];
    // A client clock running ahead must not park decayed values in the
    // future, where they would stop decaying and discount real-time events.
    r.when = event.timestamp_ms == 0 ? now : std::min(event.timestamp_ms, now);
    r.content_begin = content_tags.size();
    for (const std::string& tag : event.content_tags) {
      // A full dictionary drops new content tags rather than failing events.
      if (auto id = tags_.Intern(tag)) content_tags.push_back(*id);
    }
    r.content_end = content_tags.size();
    // Like content tags, a creator that no longer fits the full dictionary
    // is dropped; the rest of the event still applies.
    if (!event.creator_id.empty()) {
      r.creator = catalog_.creators().Intern(event.creator_id);
    }
  }
  auto content_of = [&](size_t i) {
    return std::span<const TagId>(content_tags)
        .subspan(resolved[i].content_begin,
                 resolved[i].content_end - resolved[i].content_begin);
  };

  // Two lanes that share no state, each applying every event in order: the
  // profiles and item statistics, and the sessions and edge graphs. Each
  // structure sees the same updates in the same order as one loop would
  // give it, so the state is the same whichever lane runs first or both at
  // once.
  auto profiles_lane = [&] {
    for (size_t i = 0; i < events.size(); ++i) {
      const Event& event = events[i];
      ProfileEvent profile_event;
      profile_event.product = products[i];
      profile_event.type = event.type;
      profile_event.time = resolved[i].when;
      profile_event.dwell_ms = event.dwell_ms;
      profile_event.product_tags = catalog->product(products[i]).tags;
      profile_event.content_tags = content_of(i);
      profile_event.content_form = event.content_form;
      profile_event.creator = resolved[i].creator;
      profiles_.Apply(event.user_id, profile_event);
      stats_.Record(products[i], event.type, resolved[i].when);
    }
  };
  auto sessions_lane = [&] {
    std::vector<ProductIdx> previous;
    std::string session_key;
    for (size_t i = 0; i < events.size(); ++i) {
      const Event& event = events[i];
      if (!IsEngagement(event.type)) continue;
      const TimeMs when = resolved[i].when;
      const std::vector<TagWeight>& product_tags =
          catalog->product(products[i]).tags;
      tag_cooccurrence_.RecordContent(content_of(i), product_tags, when);
      SessionKeyTo(event.user_id, event.session_id, session_key);
      if (sessions_.Append(session_key, products[i], &previous)) {
        co_engagement_.Record(previous, products[i], when);
        // Products logged by a newer snapshot than this call's are skipped.
        if (!previous.empty() && previous.back() < catalog->size()) {
          tag_cooccurrence_.RecordSequence(
              catalog->product(previous.back()).tags, product_tags, when);
        }
      }
    }
  };
  if (parallel_apply_min_events_ > 0 &&
      events.size() >= parallel_apply_min_events_) {
    // Applying is the write path's one serial step: a large call uses a
    // second core for it. Small calls stay on one thread, where the hand
    // over would cost more than it saves.
    if (side_thread_ == nullptr) side_thread_ = std::make_unique<SideThread>();
    side_thread_->Start(sessions_lane);
    profiles_lane();
    side_thread_->Finish();
  } else {
    profiles_lane();
    sessions_lane();
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
      std::vector<ProductIdx> products;
      status = ValidateEvents(call->events, call->now, products);
      if (status.ok()) ApplyEvents(call->events, products, call->now);
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

absl::Status Engine::WithWritesPaused(
    absl::FunctionRef<absl::Status(const SnapshotPoint& point)> fn) {
  absl::MutexLock lock(&apply_mu_);
  return fn(
      SnapshotPoint{applied_sequence_, catalog_.snapshot(), catalog_.shops()});
}

void Engine::SaveSnapshot(const SnapshotPoint& point,
                          persist::SnapshotWriter& out) const {
  using persist::SnapshotSection;
  const auto frame = [&](SnapshotSection section, auto save) {
    persist::Encoder encoder;
    save(encoder);
    out.WriteFrame(section, encoder.bytes());
  };
  frame(SnapshotSection::kTags, [&](auto& e) { tags_.SaveTo(e); });
  frame(SnapshotSection::kCatalog,
        [&](auto& e) { catalog_.SaveTo(*point.catalog, *point.shops, e); });
  // One frame per shard keeps each frame (and the memory it takes while
  // encoded) a fraction of the profiles.
  for (size_t shard = 0; shard < profiles_.shard_count(); ++shard) {
    frame(SnapshotSection::kProfiles,
          [&](auto& e) { profiles_.SaveShardTo(shard, e); });
  }
  frame(SnapshotSection::kItemStats, [&](auto& e) { stats_.SaveTo(e); });
  frame(SnapshotSection::kSessions, [&](auto& e) { sessions_.SaveTo(e); });
  frame(SnapshotSection::kCoEngagement,
        [&](auto& e) { co_engagement_.SaveTo(e); });
  frame(SnapshotSection::kTagCooccurrence,
        [&](auto& e) { tag_cooccurrence_.SaveTo(e); });
  if (archive_ != nullptr) {
    frame(SnapshotSection::kProfileArchive,
          [&](auto& e) { archive_->SaveTo(e); });
  }
}

absl::Status Engine::LoadSnapshot(persist::SnapshotReader& in) {
  using persist::SnapshotSection;
  if (catalog_.snapshot()->size() != 0 || tags_.size() != 0 ||
      profiles_.user_count() != 0) {
    return absl::FailedPreconditionError(
        "a snapshot loads into a new engine only");
  }
  const auto section = [&](SnapshotSection id, absl::string_view name,
                           auto load) -> absl::Status {
    absl::StatusOr<absl::string_view> bytes = in.Next(id);
    if (!bytes.ok()) return bytes.status();
    persist::Decoder decoder(*bytes);
    absl::Status status = load(decoder);
    if (status.ok()) status = decoder.ExpectEnd();
    if (status.ok()) return status;
    return absl::Status(status.code(),
                        absl::StrCat("snapshot ", in.path(), ", ", name, ": ",
                                     status.message()));
  };
  RANKER_RETURN_IF_ERROR(section(SnapshotSection::kTags, "tags",
                                 [&](auto& d) { return tags_.LoadFrom(d); }));
  RANKER_RETURN_IF_ERROR(
      section(SnapshotSection::kCatalog, "catalog",
              [&](auto& d) { return catalog_.LoadFrom(d); }));
  // Saved with any number of shards; users go wherever they hash now.
  while (in.At(SnapshotSection::kProfiles)) {
    RANKER_RETURN_IF_ERROR(
        section(SnapshotSection::kProfiles, "profiles",
                [&](auto& d) { return profiles_.LoadUsersFrom(d); }));
  }
  RANKER_RETURN_IF_ERROR(section(SnapshotSection::kItemStats, "item statistics",
                                 [&](auto& d) { return stats_.LoadFrom(d); }));
  RANKER_RETURN_IF_ERROR(
      section(SnapshotSection::kSessions, "sessions",
              [&](auto& d) { return sessions_.LoadFrom(d); }));
  RANKER_RETURN_IF_ERROR(
      section(SnapshotSection::kCoEngagement, "co-engagement",
              [&](auto& d) { return co_engagement_.LoadFrom(d); }));
  RANKER_RETURN_IF_ERROR(
      section(SnapshotSection::kTagCooccurrence, "tag co-occurrence",
              [&](auto& d) { return tag_cooccurrence_.LoadFrom(d); }));
  if (in.At(SnapshotSection::kProfileArchive)) {
    if (archive_ == nullptr) {
      return absl::FailedPreconditionError(
          "the snapshot refers to archived profiles but no archive is "
          "attached");
    }
    RANKER_RETURN_IF_ERROR(
        section(SnapshotSection::kProfileArchive, "profile archive",
                [&](auto& d) { return archive_->LoadFrom(d); }));
  } else if (archive_ != nullptr) {
    RANKER_RETURN_IF_ERROR(archive_->Reset());
  }
  absl::MutexLock lock(&apply_mu_);
  applied_sequence_ = in.sequence();
  return absl::OkStatus();
}

absl::StatusOr<UserDescription> Engine::DescribeUser(absl::string_view user_id,
                                                     int top_tags) const {
  if (auto s = CheckIdentifier(user_id, "user_id", /*required=*/true,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (top_tags < 0 || top_tags > limits::kMaxDescribeTopTags) {
    return FieldError(
        "top_tags", absl::StrCat("must be in [0, ", limits::kMaxDescribeTopTags,
                                 "], got ", top_tags));
  }
  const size_t limit =
      top_tags == 0 ? limits::kDefaultDescribeTopTags : top_tags;
  const ProfileView view = profiles_.View(user_id, clock_());
  UserDescription out;
  if (!view.known) return out;
  out.known = true;
  out.event_counts = view.event_counts;
  out.last_event_time = view.last_event_time;
  out.long_term = NamedWeights(view.long_term, limit, tags_);
  out.instant = NamedWeights(view.instant, limit, tags_);
  // Products are never removed, so every recorded index is in the snapshot.
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  for (ProductIdx product : view.recent_products) {
    if (product < catalog->size()) {
      out.recent_product_ids.push_back(catalog->product(product).id);
    }
  }
  return out;
}

absl::StatusOr<ProductDescription> Engine::DescribeProduct(
    absl::string_view product_id) const {
  if (auto s = CheckIdentifier(product_id, "product_id", /*required=*/true,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  std::shared_ptr<const CatalogSnapshot> catalog = catalog_.snapshot();
  const std::optional<ProductIdx> idx = catalog->Find(product_id);
  if (!idx.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("product_id: unknown product '", product_id, "'"));
  }
  const Product& product = catalog->product(*idx);
  ProductDescription out;
  out.product_id = product.id;
  out.title = product.title;
  out.category = product.category;
  out.shop_id = product.shop_id;
  out.status = product.status;
  out.price = product.price;
  for (const TagWeight& tag : product.tags) {
    out.tags.push_back({tags_.Name(tag.tag), tag.weight});
  }
  out.event_counts = stats_.LifetimeCounts(*idx);
  out.decayed = stats_.CountsAt(*idx, clock_());
  return out;
}

void Engine::AttachProfileArchive(std::unique_ptr<ProfileArchive> archive) {
  archive_ = std::move(archive);
  profiles_.AttachArchive(archive_.get());
}

absl::Status Engine::SyncProfileArchive() const {
  return archive_ == nullptr ? absl::OkStatus() : archive_->Sync();
}

EngineCounts Engine::Counts() const {
  return {catalog_.snapshot()->size(),
          catalog_.shops()->governed_count(),
          tags_.size(),
          profiles_.user_count(),
          sessions_.session_count(),
          profiles_.evicted_count(),
          archive_ == nullptr ? 0 : archive_->size(),
          stats_.total_events()};
}

}  // namespace ranker
