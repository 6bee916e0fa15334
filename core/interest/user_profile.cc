#include "core/interest/user_profile.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "core/persist/state_encoding.h"

namespace ranker {
namespace {

// Lists hold at most this many entries whatever the config says (one below
// PackedArrays' limit: a capped list briefly holds one more than its cap).
constexpr size_t kMaxListSize = PackedArrays<uint32_t>::kMaxSize - 1;

size_t Cap(size_t configured) { return std::min(configured, kMaxListSize); }

// How strongly one event speaks, before the per-speed rate and the content
// form's factor: its type's weight, scaled by dwell time.
double EventStrength(const ProfileEvent& event, const InterestConfig& config) {
  double strength = config.EventWeight(event.type);
  if (event.type == EventType::kDwell) {
    strength *= std::min(
        1.0, static_cast<double>(event.dwell_ms) / config.dwell_full_ms);
  }
  return strength;
}

// The shortest positive half-life of the profile's decayed values (0 when
// none decays), which decides when the reference time must move.
TimeMs ShortestHalfLife(const InterestConfig& config) {
  TimeMs shortest = 0;
  for (TimeMs half_life :
       {config.long_term_half_life_ms, config.instant_half_life_ms,
        config.creator_half_life_ms, config.form_half_life_ms,
        config.commerce_half_life_ms}) {
    if (half_life > 0 && (shortest == 0 || half_life < shortest)) {
      shortest = half_life;
    }
  }
  return shortest;
}

// The element count of a saved list, which must fit a profile list.
absl::Status GetListSize(persist::Decoder& in, absl::string_view name,
                         size_t& count) {
  RANKER_RETURN_IF_ERROR(in.GetCount(count, name));
  if (count > kMaxListSize) {
    return absl::DataLossError(absl::StrCat(name, ": ", count, " is too many"));
  }
  return absl::OkStatus();
}

}  // namespace

void UserProfile::MaybeRebase(TimeMs when, const InterestConfig& config) {
  if (!reference_.NeedsRebase(when, ShortestHalfLife(config))) return;
  const TimeMs elapsed = when - reference_.ref;
  auto rescale = [&](std::span<InterestEntry> entries, TimeMs half_life) {
    const double factor = DecayFactor(elapsed, half_life);
    for (InterestEntry& entry : entries) {
      entry.weight = static_cast<float>(entry.weight * factor);
    }
  };
  rescale(lists_.get<kLongTerm>(), config.long_term_half_life_ms);
  rescale(lists_.get<kInstant>(), config.instant_half_life_ms);
  rescale(lists_.get<kCreators>(), config.creator_half_life_ms);
  auto noticeable = [](const InterestEntry& entry) {
    return std::abs(entry.weight) >= kNegligibleInterest;
  };
  lists_.erase_unless<kLongTerm>(noticeable);
  lists_.erase_unless<kInstant>(noticeable);
  lists_.erase_unless<kCreators>(noticeable);
  const double form_factor = DecayFactor(elapsed, config.form_half_life_ms);
  for (float& form : forms_) form = static_cast<float>(form * form_factor);
  commerce_.Rescale(DecayFactor(elapsed, config.commerce_half_life_ms));
  reference_.ref = when;
}

template <size_t kList>
void UserProfile::AddInterest(uint32_t key, double amount, size_t max_entries) {
  const InterestUpdate update =
      PlanInterestUpdate(lists_.get<kList>(), key, amount, Cap(max_entries));
  ApplyInterestUpdate(update, lists_.get<kList>(), key, amount,
                      [&](const InterestEntry& entry) {
                        lists_.template push_back<kList>(entry);
                      });
}

void UserProfile::Apply(const ProfileEvent& event,
                        const InterestConfig& config) {
  // A profile's first event sets its reference time: amounts then enter at
  // scale 1 until time moves on.
  if (TotalEvents(event_counts_) == 0 && lists_.empty()) {
    reference_.ref = event.time;
  } else {
    MaybeRebase(event.time, config);
  }
  last_event_time_ = std::max(last_event_time_, event.time);
  CountEvent(event_counts_, event.type);
  const TimeMs when = event.time;
  commerce_.Record(event.type,
                   reference_.ScaleAt(when, config.commerce_half_life_ms),
                   config);
  const double base_strength = EventStrength(event, config);
  const double strength =
      base_strength * config.ContentFormFactor(event.content_form);
  // One exp2 per half-life (the default long-term, creator and form
  // half-lives are the same).
  const double long_term_scale =
      reference_.ScaleAt(when, config.long_term_half_life_ms);
  auto scale_for = [&](TimeMs half_life) {
    return half_life == config.long_term_half_life_ms
               ? long_term_scale
               : reference_.ScaleAt(when, half_life);
  };
  if (strength != 0.0) {
    const double long_term = config.long_term_rate * long_term_scale;
    const double instant =
        config.instant_rate *
        reference_.ScaleAt(when, config.instant_half_life_ms);
    for (const TagWeight& tag : event.product_tags) {
      const double amount = strength * tag.weight;
      AddInterest<kLongTerm>(tag.tag, amount * long_term,
                             config.long_term_max_tags);
      AddInterest<kInstant>(tag.tag, amount * instant, config.instant_max_tags);
    }
    const double content_amount = strength * config.content_tag_factor;
    for (TagId tag : event.content_tags) {
      AddInterest<kLongTerm>(tag, content_amount * long_term,
                             config.long_term_max_tags);
      AddInterest<kInstant>(tag, content_amount * instant,
                            config.instant_max_tags);
    }
    if (event.creator.has_value()) {
      AddInterest<kCreators>(*event.creator,
                             strength * scale_for(config.creator_half_life_ms),
                             config.max_creators);
    }
  }
  // A rejection is about the product, not the medium: only engagement
  // counts toward a form.
  if (base_strength > 0.0 && event.content_form != ContentForm::kUnknown) {
    float& form = forms_[static_cast<int>(event.content_form) - 1];
    form = static_cast<float>(form + base_strength *
                                         scale_for(config.form_half_life_ms));
  }
  // Engaging with a product takes back an earlier not_interested and ends
  // its fatigue.
  if (strength > 0.0) {
    if (auto [at, found] = Find<kDismissed>(event.product); found) {
      lists_.erase<kDismissed>(at);
    }
    if (auto [at, found] = Find<kImpressions>(event.product); found) {
      lists_.erase<kImpressions>(at);
    }
  }
  switch (event.type) {
    case EventType::kImpression:
      RecordImpression(event.product, event.time, config);
      break;
    case EventType::kPurchase:
      RecordPurchase(event.product, event.time, config);
      break;
    case EventType::kNotInterested:
      RecordCapped<kDismissed>(event.product, event.time, config.max_dismissed);
      break;
    case EventType::kAddToCart:
      RecordCart(event.product, event.time, config);
      [[fallthrough]];
    default:
      // Engagement: the product joins the recent list (most recent last).
      RecordRecent(event.product, config);
  }
}

template <size_t kList>
std::pair<size_t, bool> UserProfile::Find(ProductIdx product) const {
  const auto list = lists_.get<kList>();
  const auto it = std::lower_bound(
      list.begin(), list.end(), product,
      [](const auto& entry, ProductIdx p) { return entry.product < p; });
  return {static_cast<size_t>(it - list.begin()),
          it != list.end() && it->product == product};
}

template <size_t kList>
void UserProfile::RecordCapped(ProductIdx product, TimeMs when, size_t cap) {
  auto [at, found] = Find<kList>(product);
  if (found) {
    ProductTime& entry = lists_.get<kList>()[at];
    entry.time = PackedTime(std::max(entry.time.get(), when));
  } else {
    // A new entry starts at time 0, as a map's default value would.
    lists_.template insert<kList>(
        at, ProductTime{product, PackedTime(std::max(TimeMs{0}, when))});
  }
  if (lists_.template size<kList>() <= Cap(cap)) return;
  const auto list = lists_.get<kList>();
  const auto oldest = std::min_element(
      list.begin(), list.end(), [](const ProductTime& a, const ProductTime& b) {
        return a.time.get() < b.time.get();
      });
  lists_.template erase<kList>(static_cast<size_t>(oldest - list.begin()));
}

void UserProfile::RecordRecent(ProductIdx product,
                               const InterestConfig& config) {
  const auto recent = lists_.get<kRecent>();
  const size_t at = FindU32(recent.data(), recent.size(), product);
  if (at < recent.size()) lists_.erase<kRecent>(at);
  lists_.push_back<kRecent>(product);
  while (lists_.size<kRecent>() > Cap(config.max_recent_products)) {
    lists_.erase<kRecent>(0);
  }
}

void UserProfile::RecordCart(ProductIdx product, TimeMs when,
                             const InterestConfig& config) {
  // Events may arrive late: a cart before the product's last purchase was
  // bought already.
  if (auto [at, found] = Find<kPurchases>(product);
      found && lists_.get<kPurchases>()[at].time.get() >= when) {
    return;
  }
  RecordCapped<kCarted>(product, when, config.max_carted);
}

void UserProfile::RecordPurchase(ProductIdx product, TimeMs when,
                                 const InterestConfig& config) {
  RecordCapped<kPurchases>(product, when, config.max_purchases);
  // The purchase settles the carts before it; a later cart (a late event, or
  // a consumable carted again) still stands.
  if (auto [at, found] = Find<kCarted>(product);
      found && lists_.get<kCarted>()[at].time.get() <= when) {
    lists_.erase<kCarted>(at);
  }
}

void UserProfile::RecordImpression(ProductIdx product, TimeMs when,
                                   const InterestConfig& config) {
  auto [at, found] = Find<kImpressions>(product);
  if (!found) {
    lists_.insert<kImpressions>(at, ImpressionRecord{product, 0, 0, 0});
  }
  ImpressionRecord& record = lists_.get<kImpressions>()[at];
  const TimeMs last = record.last();
  if (record.count > 0 && when - last > config.impression_memory_ms) {
    record.count = 0;
  }
  if (record.count < UINT16_MAX) ++record.count;
  record.set_last(std::max(last, when));
  if (lists_.size<kImpressions>() <= Cap(config.max_impression_records)) {
    return;
  }
  const auto records = lists_.get<kImpressions>();
  const auto stalest = std::min_element(
      records.begin(), records.end(),
      [](const ImpressionRecord& a, const ImpressionRecord& b) {
        return a.last() < b.last();
      });
  lists_.erase<kImpressions>(static_cast<size_t>(stalest - records.begin()));
}

void UserProfile::SaveTo(persist::Encoder& out) const {
  const TimeMs ref = reference_.ref;
  for (const auto list : {lists_.get<kLongTerm>(), lists_.get<kInstant>(),
                          lists_.get<kCreators>()}) {
    out.PutVarint(list.size());
    for (const InterestEntry& entry : list) {
      out.PutVarint(entry.key);
      persist::PutDecayed(out, DecayedValue{entry.weight, ref});
    }
  }
  // Every form, kUnknown's always 0.
  persist::PutDecayed(out, DecayedValue{0.0f, ref});
  for (float form : forms_) persist::PutDecayed(out, DecayedValue{form, ref});
  out.PutVarint(lists_.size<kRecent>());
  for (ProductIdx product : lists_.get<kRecent>()) out.PutVarint(product);
  // Sorted by product, as the maps of earlier versions were written.
  for (const auto list : {lists_.get<kPurchases>(), lists_.get<kCarted>(),
                          lists_.get<kDismissed>()}) {
    out.PutVarint(list.size());
    for (const ProductTime& entry : list) {
      out.PutVarint(entry.product);
      out.PutSigned(entry.time.get());
    }
  }
  out.PutVarint(lists_.size<kImpressions>());
  for (const ImpressionRecord& record : lists_.get<kImpressions>()) {
    out.PutVarint(record.product);
    out.PutVarint(record.count);
    out.PutSigned(record.last());
  }
  persist::PutDecayed(out, DecayedValue{commerce_.shown(), ref});
  persist::PutDecayed(out, DecayedValue{commerce_.engaged(), ref});
  out.PutSigned(last_event_time_);
  persist::PutCounts(out, event_counts_);
}

template <size_t kList>
absl::Status UserProfile::LoadTimes(persist::Decoder& in,
                                    absl::string_view name) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(GetListSize(in, name, count));
  for (size_t i = 0; i < count; ++i) {
    ProductIdx product = 0;
    TimeMs time = 0;
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, name));
    RANKER_RETURN_IF_ERROR(in.GetSigned(time, name));
    auto [at, found] = Find<kList>(product);
    if (found) {
      return absl::DataLossError(absl::StrCat(name, ": product saved twice"));
    }
    lists_.insert<kList>(at, ProductTime{product, PackedTime(time)});
  }
  return absl::OkStatus();
}

absl::Status UserProfile::LoadFrom(persist::Decoder& in,
                                   const InterestConfig& config) {
  *this = UserProfile();
  // Decayed values are read first with their times, then stored as of the
  // latest of those times.
  struct SavedEntry {
    uint32_t key;
    DecayedValue weight;
  };
  std::array<std::vector<SavedEntry>, 3> interests;
  std::array<DecayedValue, kContentFormCount> forms;
  DecayedValue shown, engaged;
  bool any = false;
  TimeMs ref = 0;
  auto saw = [&](const DecayedValue& value) {
    ref = any ? std::max(ref, value.at) : value.at;
    any = true;
  };
  for (std::vector<SavedEntry>& entries : interests) {
    size_t count = 0;
    RANKER_RETURN_IF_ERROR(GetListSize(in, "interest entries", count));
    entries.resize(count);
    for (SavedEntry& entry : entries) {
      RANKER_RETURN_IF_ERROR(persist::GetU32(in, entry.key, "interest tag"));
      RANKER_RETURN_IF_ERROR(
          persist::GetDecayed(in, entry.weight, "interest weight"));
      saw(entry.weight);
    }
  }
  for (DecayedValue& form : forms) {
    RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, form, "form affinity"));
    saw(form);
  }
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(GetListSize(in, "recent products", count));
  for (size_t i = 0; i < count; ++i) {
    ProductIdx product = 0;
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, "recent product"));
    lists_.push_back<kRecent>(product);
  }
  RANKER_RETURN_IF_ERROR(LoadTimes<kPurchases>(in, "purchases"));
  RANKER_RETURN_IF_ERROR(LoadTimes<kCarted>(in, "carted"));
  RANKER_RETURN_IF_ERROR(LoadTimes<kDismissed>(in, "dismissed"));
  RANKER_RETURN_IF_ERROR(GetListSize(in, "impressions", count));
  for (size_t i = 0; i < count; ++i) {
    ProductIdx product = 0;
    uint32_t impressions = 0;
    TimeMs last = 0;
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, "impressions"));
    RANKER_RETURN_IF_ERROR(
        persist::GetU32(in, impressions, "impression count"));
    RANKER_RETURN_IF_ERROR(in.GetSigned(last, "impression time"));
    auto [at, found] = Find<kImpressions>(product);
    if (found) {
      return absl::DataLossError("impressions: product saved twice");
    }
    lists_.insert<kImpressions>(
        at, ImpressionRecord{product,
                             static_cast<uint16_t>(
                                 std::min<uint32_t>(impressions, UINT16_MAX)),
                             0, 0});
    lists_.get<kImpressions>()[at].set_last(last);
  }
  RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, shown, "commerce shown"));
  RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, engaged, "commerce engaged"));
  saw(shown);
  saw(engaged);
  RANKER_RETURN_IF_ERROR(in.GetSigned(last_event_time_, "last event time"));
  RANKER_RETURN_IF_ERROR(persist::GetCounts(in, event_counts_, "event counts"));

  // As of the reference time (a no-op for values saved at it).
  reference_.ref = ref;
  auto stored = [&](const DecayedValue& value, TimeMs half_life) {
    return static_cast<float>(value.value *
                              reference_.ScaleAt(value.at, half_life));
  };
  // A snapshot taken under a larger cap keeps its strongest entries only
  // once they are touched again; until then the lists are simply longer.
  for (const SavedEntry& entry : interests[kLongTerm]) {
    lists_.push_back<kLongTerm>(
        {entry.key, stored(entry.weight, config.long_term_half_life_ms)});
  }
  for (const SavedEntry& entry : interests[kInstant]) {
    lists_.push_back<kInstant>(
        {entry.key, stored(entry.weight, config.instant_half_life_ms)});
  }
  for (const SavedEntry& entry : interests[kCreators]) {
    lists_.push_back<kCreators>(
        {entry.key, stored(entry.weight, config.creator_half_life_ms)});
  }
  for (int f = 0; f < kContentFormCount; ++f) {
    // kUnknown (form 0) is never raised.
    if (f > 0) forms_[f - 1] = stored(forms[f], config.form_half_life_ms);
  }
  commerce_.Set(stored(shown, config.commerce_half_life_ms),
                stored(engaged, config.commerce_half_life_ms));
  return absl::OkStatus();
}

ProfileView UserProfile::View(TimeMs now, const InterestConfig& config) const {
  auto decay = [&](TimeMs half_life) {
    return DecayFactor(now - reference_.ref, half_life);
  };
  ProfileView view;
  view.known = true;
  view.long_term = InterestWeights(lists_.get<kLongTerm>(),
                                   decay(config.long_term_half_life_ms));
  view.instant = InterestWeights(lists_.get<kInstant>(),
                                 decay(config.instant_half_life_ms));
  for (const TagWeight& creator : InterestWeights(
           lists_.get<kCreators>(), decay(config.creator_half_life_ms))) {
    view.creators.push_back({creator.tag, creator.weight});
  }
  const double form_decay = decay(config.form_half_life_ms);
  for (int f = 0; f < kContentFormCount; ++f) {
    view.form_affinity[f] =
        f == 0 ? 0.0f : static_cast<float>(forms_[f - 1] * form_decay);
  }
  const auto recent = lists_.get<kRecent>();
  view.recent_products.assign(recent.begin(), recent.end());
  view.purchases.reserve(lists_.size<kPurchases>());
  for (const ProductTime& entry : lists_.get<kPurchases>()) {
    view.purchases.emplace(entry.product, entry.time.get());
  }
  for (const ProductTime& entry : lists_.get<kCarted>()) {
    const TimeMs when = entry.time.get();
    if (now - when < config.cart_memory_ms)
      view.carted.emplace(entry.product, when);
  }
  view.dismissed.reserve(lists_.size<kDismissed>());
  for (const ProductTime& entry : lists_.get<kDismissed>()) {
    view.dismissed.emplace(entry.product, entry.time.get());
  }
  view.unengaged_impressions.reserve(lists_.size<kImpressions>());
  for (const ImpressionRecord& record : lists_.get<kImpressions>()) {
    view.unengaged_impressions.emplace(
        record.product, UnengagedImpressions{record.count, record.last()});
  }
  view.commerce = commerce_.EvidenceAt(decay(config.commerce_half_life_ms));
  view.event_counts = event_counts_;
  view.last_event_time = last_event_time_;
  return view;
}

}  // namespace ranker
