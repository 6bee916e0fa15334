#include "core/interest/user_profile.h"

#include <algorithm>

#include "core/persist/state_encoding.h"

namespace ranker {
namespace {

// Records `product` at `time`, dropping the oldest entry beyond `cap`.
void RecordCapped(absl::flat_hash_map<ProductIdx, TimeMs>& times,
                  ProductIdx product, TimeMs time, size_t cap) {
  TimeMs& slot = times[product];
  slot = std::max(slot, time);
  if (times.size() <= cap) return;
  auto oldest = std::min_element(
      times.begin(), times.end(),
      [](const auto& a, const auto& b) { return a.second < b.second; });
  times.erase(oldest);
}

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

}  // namespace

UserProfile::UserProfile(const InterestConfig& config)
    : long_term_(config.long_term_half_life_ms, config.long_term_max_tags),
      instant_(config.instant_half_life_ms, config.instant_max_tags),
      creators_(config.creator_half_life_ms, config.max_creators),
      form_half_life_ms_(config.form_half_life_ms),
      commerce_(config),
      cart_memory_ms_(config.cart_memory_ms) {}

void UserProfile::Apply(const ProfileEvent& event,
                        const InterestConfig& config) {
  last_event_time_ = std::max(last_event_time_, event.time);
  CountEvent(event_counts_, event.type);
  commerce_.Record(event.type, event.time, config);
  const double base_strength = EventStrength(event, config);
  const double strength =
      base_strength * config.ContentFormFactor(event.content_form);
  if (strength != 0.0) {
    for (const TagWeight& tag : event.product_tags) {
      const double amount = strength * tag.weight;
      long_term_.Add(tag.tag, amount * config.long_term_rate, event.time);
      instant_.Add(tag.tag, amount * config.instant_rate, event.time);
    }
    const double content_amount = strength * config.content_tag_factor;
    for (TagId tag : event.content_tags) {
      long_term_.Add(tag, content_amount * config.long_term_rate, event.time);
      instant_.Add(tag, content_amount * config.instant_rate, event.time);
    }
    if (event.creator.has_value()) {
      creators_.Add(*event.creator, strength, event.time);
    }
  }
  // A rejection is about the product, not the medium: only engagement
  // counts toward a form.
  if (base_strength > 0.0 && event.content_form != ContentForm::kUnknown) {
    forms_[static_cast<int>(event.content_form)].Add(base_strength, event.time,
                                                     form_half_life_ms_);
  }
  // Engaging with a product takes back an earlier not_interested and ends
  // its fatigue.
  if (strength > 0.0) {
    dismissed_.erase(event.product);
    unengaged_impressions_.erase(event.product);
  }
  switch (event.type) {
    case EventType::kImpression:
      RecordImpression(event.product, event.time, config);
      break;
    case EventType::kPurchase:
      RecordPurchase(event.product, event.time, config);
      break;
    case EventType::kNotInterested:
      RecordCapped(dismissed_, event.product, event.time, config.max_dismissed);
      break;
    case EventType::kAddToCart:
      RecordCart(event.product, event.time, config);
      [[fallthrough]];
    default:
      // Engagement: the product joins the recent list (most recent last).
      std::erase(recent_products_, event.product);
      recent_products_.push_back(event.product);
      while (recent_products_.size() > config.max_recent_products) {
        recent_products_.pop_front();
      }
  }
}

void UserProfile::RecordCart(ProductIdx product, TimeMs when,
                             const InterestConfig& config) {
  // Events may arrive late: a cart before the product's last purchase was
  // bought already.
  auto bought = purchases_.find(product);
  if (bought != purchases_.end() && bought->second >= when) return;
  RecordCapped(carted_, product, when, config.max_carted);
}

void UserProfile::RecordPurchase(ProductIdx product, TimeMs when,
                                 const InterestConfig& config) {
  RecordCapped(purchases_, product, when, config.max_purchases);
  // The purchase settles the carts before it; a later cart (a late event, or
  // a consumable carted again) still stands.
  auto carted = carted_.find(product);
  if (carted != carted_.end() && carted->second <= when) carted_.erase(carted);
}

void UserProfile::RecordImpression(ProductIdx product, TimeMs when,
                                   const InterestConfig& config) {
  UnengagedImpressions& record = unengaged_impressions_[product];
  if (record.count > 0 && when - record.last > config.impression_memory_ms) {
    record.count = 0;
  }
  ++record.count;
  record.last = std::max(record.last, when);
  if (unengaged_impressions_.size() <= config.max_impression_records) return;
  auto stalest = std::min_element(unengaged_impressions_.begin(),
                                  unengaged_impressions_.end(),
                                  [](const auto& a, const auto& b) {
                                    return a.second.last < b.second.last;
                                  });
  unengaged_impressions_.erase(stalest);
}

void UserProfile::SaveTo(persist::Encoder& out) const {
  long_term_.SaveTo(out);
  instant_.SaveTo(out);
  creators_.SaveTo(out);
  for (const DecayedValue& form : forms_) persist::PutDecayed(out, form);
  out.PutVarint(recent_products_.size());
  for (ProductIdx product : recent_products_) out.PutVarint(product);
  persist::PutTimes(out, purchases_);
  persist::PutTimes(out, carted_);
  persist::PutTimes(out, dismissed_);
  persist::PutMap(out, unengaged_impressions_,
                  [&](const UnengagedImpressions& record) {
                    out.PutVarint(record.count);
                    out.PutSigned(record.last);
                  });
  commerce_.SaveTo(out);
  out.PutSigned(last_event_time_);
  persist::PutCounts(out, event_counts_);
}

absl::Status UserProfile::LoadFrom(persist::Decoder& in) {
  RANKER_RETURN_IF_ERROR(long_term_.LoadFrom(in));
  RANKER_RETURN_IF_ERROR(instant_.LoadFrom(in));
  RANKER_RETURN_IF_ERROR(creators_.LoadFrom(in));
  for (DecayedValue& form : forms_) {
    RANKER_RETURN_IF_ERROR(persist::GetDecayed(in, form, "form affinity"));
  }
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "recent products"));
  recent_products_.clear();
  for (size_t i = 0; i < count; ++i) {
    ProductIdx product = 0;
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, product, "recent product"));
    recent_products_.push_back(product);
  }
  RANKER_RETURN_IF_ERROR(persist::GetTimes(in, purchases_, "purchases"));
  RANKER_RETURN_IF_ERROR(persist::GetTimes(in, carted_, "carted"));
  RANKER_RETURN_IF_ERROR(persist::GetTimes(in, dismissed_, "dismissed"));
  RANKER_RETURN_IF_ERROR(
      persist::GetMap(in, unengaged_impressions_, "impressions",
                      [&](UnengagedImpressions& record) {
                        RANKER_RETURN_IF_ERROR(persist::GetU32(
                            in, record.count, "impression count"));
                        return in.GetSigned(record.last, "impression time");
                      }));
  RANKER_RETURN_IF_ERROR(commerce_.LoadFrom(in));
  RANKER_RETURN_IF_ERROR(in.GetSigned(last_event_time_, "last event time"));
  return persist::GetCounts(in, event_counts_, "event counts");
}

ProfileView UserProfile::View(TimeMs now) const {
  ProfileView view;
  view.known = true;
  view.long_term = long_term_.WeightsAt(now);
  view.instant = instant_.WeightsAt(now);
  for (const TagWeight& creator : creators_.WeightsAt(now)) {
    view.creators.push_back({creator.tag, creator.weight});
  }
  for (int f = 0; f < kContentFormCount; ++f) {
    view.form_affinity[f] =
        static_cast<float>(forms_[f].ValueAt(now, form_half_life_ms_));
  }
  view.recent_products.assign(recent_products_.begin(), recent_products_.end());
  view.purchases = purchases_;
  for (const auto& [product, when] : carted_) {
    if (now - when < cart_memory_ms_) view.carted.emplace(product, when);
  }
  view.dismissed = dismissed_;
  view.unengaged_impressions = unengaged_impressions_;
  view.commerce = commerce_.EvidenceAt(now);
  view.event_counts = event_counts_;
  view.last_event_time = last_event_time_;
  return view;
}

}  // namespace ranker
