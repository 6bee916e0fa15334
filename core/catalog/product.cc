#include "core/catalog/product.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {
namespace {

// Both 0 (no window) or 0 <= start < end; errors name `<prefix>start_ms` or
// `<prefix>end_ms`.
absl::Status CheckWindow(TimeMs start, TimeMs end,
                         absl::string_view field_prefix) {
  if (start == 0 && end == 0) return absl::OkStatus();
  if (start < 0) {
    return FieldError(absl::StrCat(field_prefix, "start_ms"),
                      absl::StrCat("must not be negative, got ", start));
  }
  if (end <= start) {
    return FieldError(absl::StrCat(field_prefix, "end_ms"),
                      absl::StrCat("must be greater than ", field_prefix,
                                   "start_ms (", start, "), got ", end));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateProductSpec(const ProductSpec& spec,
                                 absl::string_view field_prefix) {
  auto field = [&](absl::string_view name) {
    return absl::StrCat(field_prefix, name);
  };
  if (auto s = CheckIdentifier(spec.id, field("product_id"), true,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (spec.title.size() > limits::kMaxTitleBytes) {
    return FieldError(
        field("title"),
        absl::StrCat("must be at most ", limits::kMaxTitleBytes, " bytes"));
  }
  if (auto s = CheckMaxItems(spec.tags.size(), field("tags"),
                             limits::kMaxTagsPerProduct);
      !s.ok()) {
    return s;
  }
  absl::flat_hash_set<absl::string_view> seen_tags;
  for (size_t i = 0; i < spec.tags.size(); ++i) {
    const std::string tag_field = field(absl::StrCat("tags[", i, "]"));
    if (auto s = CheckIdentifier(spec.tags[i].tag, tag_field + ".tag", true,
                                 limits::kMaxTagBytes);
        !s.ok()) {
      return s;
    }
    if (!seen_tags.insert(spec.tags[i].tag).second) {
      return FieldError(tag_field + ".tag",
                        absl::StrCat("duplicate tag '", spec.tags[i].tag, "'"));
    }
    if (auto s = CheckFiniteInRange(spec.tags[i].weight, tag_field + ".weight",
                                    0.0, 1.0);
        !s.ok()) {
      return s;
    }
    if (spec.tags[i].weight <= 0.0) {
      return FieldError(tag_field + ".weight", "must be greater than 0");
    }
  }
  if (spec.category_path.empty()) {
    return FieldError(field("category_path"), "must not be empty");
  }
  if (auto s = CheckMaxItems(spec.category_path.size(), field("category_path"),
                             limits::kMaxCategoryDepth);
      !s.ok()) {
    return s;
  }
  for (size_t i = 0; i < spec.category_path.size(); ++i) {
    if (auto s = CheckIdentifier(spec.category_path[i],
                                 field(absl::StrCat("category_path[", i, "]")),
                                 true, limits::kMaxTagBytes);
        !s.ok()) {
      return s;
    }
  }
  if (auto s = CheckIdentifier(spec.shop_id, field("shop_id"), true,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckFiniteInRange(spec.price, field("price"), 0.0, 1e12);
      !s.ok()) {
    return s;
  }
  for (size_t i = 0; i < spec.content_forms.size(); ++i) {
    if (spec.content_forms[i] == ContentForm::kUnknown) {
      return FieldError(field(absl::StrCat("content_forms[", i, "]")),
                        "must name a content form");
    }
  }
  if (spec.repurchase_cycle_days < 0 ||
      spec.repurchase_cycle_days > limits::kMaxRepurchaseCycleDays) {
    return FieldError(
        field("repurchase_cycle_days"),
        absl::StrCat("must be in [0, ", limits::kMaxRepurchaseCycleDays,
                     "], got ", spec.repurchase_cycle_days));
  }
  if (auto s =
          CheckWindow(spec.live_start_ms, spec.live_end_ms, field("live_"));
      !s.ok()) {
    return s;
  }
  if (auto s = CheckWindow(spec.campaign_start_ms, spec.campaign_end_ms,
                           field("campaign_"));
      !s.ok()) {
    return s;
  }
  if (!spec.campaign &&
      (spec.campaign_start_ms != 0 || spec.campaign_end_ms != 0)) {
    return FieldError(field("campaign"),
                      "must be true when a campaign window is given");
  }
  if (auto s = CheckMaxItems(spec.creator_ids.size(), field("creator_ids"),
                             limits::kMaxCreatorsPerProduct);
      !s.ok()) {
    return s;
  }
  absl::flat_hash_set<absl::string_view> seen_creators;
  for (size_t i = 0; i < spec.creator_ids.size(); ++i) {
    const std::string creator_field =
        field(absl::StrCat("creator_ids[", i, "]"));
    if (auto s = CheckIdentifier(spec.creator_ids[i], creator_field, true,
                                 limits::kMaxIdBytes);
        !s.ok()) {
      return s;
    }
    if (!seen_creators.insert(spec.creator_ids[i]).second) {
      return FieldError(creator_field, absl::StrCat("duplicate creator '",
                                                    spec.creator_ids[i], "'"));
    }
  }
  return absl::OkStatus();
}

float Product::TagWeightOf(TagId tag) const {
  auto it = std::lower_bound(
      tags.begin(), tags.end(), tag,
      [](const TagWeight& tw, TagId id) { return tw.tag < id; });
  return (it != tags.end() && it->tag == tag) ? it->weight : 0.0f;
}

}  // namespace ranker
