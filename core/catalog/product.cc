#include "core/catalog/product.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {

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
  return absl::OkStatus();
}

float Product::TagWeightOf(TagId tag) const {
  auto it = std::lower_bound(
      tags.begin(), tags.end(), tag,
      [](const TagWeight& tw, TagId id) { return tw.tag < id; });
  return (it != tags.end() && it->tag == tag) ? it->weight : 0.0f;
}

}  // namespace ranker
