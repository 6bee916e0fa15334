#include "core/interest/interest_vector.h"

#include <algorithm>
#include <cmath>

#include "core/persist/state_encoding.h"

namespace ranker {

void InterestVector::Add(TagId tag, double amount, TimeMs when) {
  for (Entry& entry : entries_) {
    if (entry.tag == tag) {
      entry.weight.Add(amount, when, half_life_);
      return;
    }
  }
  if (max_tags_ == 0) return;
  if (entries_.size() >= max_tags_) {
    auto weakest = std::min_element(
        entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
          return std::abs(a.weight.ValueAt(when, half_life_)) <
                 std::abs(b.weight.ValueAt(when, half_life_));
        });
    // A new tag only displaces one that is currently weaker than it.
    if (std::abs(weakest->weight.ValueAt(when, half_life_)) >=
        std::abs(amount)) {
      return;
    }
    *weakest = Entry{tag, {}};
    weakest->weight.Add(amount, when, half_life_);
    return;
  }
  Entry entry{tag, {}};
  entry.weight.Add(amount, when, half_life_);
  entries_.push_back(entry);
}

std::vector<TagWeight> InterestVector::WeightsAt(TimeMs now,
                                                 double min_abs_weight) const {
  std::vector<TagWeight> weights;
  weights.reserve(entries_.size());
  for (const Entry& entry : entries_) {
    const double value = entry.weight.ValueAt(now, half_life_);
    if (std::abs(value) >= min_abs_weight) {
      weights.push_back({entry.tag, static_cast<float>(value)});
    }
  }
  std::sort(weights.begin(), weights.end(),
            [](const TagWeight& a, const TagWeight& b) {
              return a.weight != b.weight ? a.weight > b.weight : a.tag < b.tag;
            });
  return weights;
}

void InterestVector::SaveTo(persist::Encoder& out) const {
  out.PutVarint(entries_.size());
  for (const Entry& entry : entries_) {
    out.PutVarint(entry.tag);
    persist::PutDecayed(out, entry.weight);
  }
}

absl::Status InterestVector::LoadFrom(persist::Decoder& in) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "interest entries"));
  entries_.resize(count);
  for (Entry& entry : entries_) {
    RANKER_RETURN_IF_ERROR(persist::GetU32(in, entry.tag, "interest tag"));
    RANKER_RETURN_IF_ERROR(
        persist::GetDecayed(in, entry.weight, "interest weight"));
  }
  // A snapshot taken under a larger cap keeps its strongest entries only
  // once they are touched again; until then it is simply larger.
  return absl::OkStatus();
}

}  // namespace ranker
