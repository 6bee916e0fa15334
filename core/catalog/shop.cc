#include "core/catalog/shop.h"

#include "absl/strings/str_cat.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {

absl::Status ValidateShopSpec(const ShopSpec& spec,
                              absl::string_view field_prefix) {
  if (auto s = CheckIdentifier(spec.id, absl::StrCat(field_prefix, "shop_id"),
                               /*required=*/true, limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (spec.quality_score.has_value()) {
    return CheckFiniteInRange(*spec.quality_score,
                              absl::StrCat(field_prefix, "quality_score"), 0.0,
                              1.0);
  }
  return absl::OkStatus();
}

}  // namespace ranker
