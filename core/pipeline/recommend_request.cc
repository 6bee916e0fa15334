#include "core/pipeline/recommend_request.h"

#include "absl/strings/str_cat.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {
namespace {

absl::Status CheckIdList(const std::vector<std::string>& ids,
                         absl::string_view field, size_t max_items,
                         size_t max_bytes) {
  if (auto s = CheckMaxItems(ids.size(), field, max_items); !s.ok()) return s;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (auto s = CheckIdentifier(ids[i], absl::StrCat(field, "[", i, "]"), true,
                                 max_bytes);
        !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRecommendRequest(const RecommendRequest& request) {
  if (auto s = CheckIdentifier(request.user_id, "user_id", true,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckIdentifier(request.session_id, "session_id", false,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (request.count < limits::kMinCount || request.count > limits::kMaxCount) {
    return FieldError(
        "count", absl::StrCat("must be in [", limits::kMinCount, ", ",
                              limits::kMaxCount, "], got ", request.count));
  }
  if (auto s = CheckIdList(request.context_tags, "context.content_tags",
                           limits::kMaxContentTags, limits::kMaxTagBytes);
      !s.ok()) {
    return s;
  }
  if (auto s =
          CheckIdList(request.recent_product_ids, "context.recent_product_ids",
                      limits::kMaxRecentProducts, limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckIdentifier(request.shop_id, "context.shop_id", false,
                               limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckIdList(request.exclude_product_ids, "exclude_product_ids",
                           limits::kMaxExcludedProducts, limits::kMaxIdBytes);
      !s.ok()) {
    return s;
  }
  if (request.content_slots < 0 ||
      request.content_slots > limits::kMaxContentSlots) {
    return FieldError("content_slots",
                      absl::StrCat("must be in [0, ", limits::kMaxContentSlots,
                                   "], got ", request.content_slots));
  }
  return CheckMaxItems(request.weight_overrides.size(), "weight_overrides",
                       limits::kMaxWeightOverrides);
}

}  // namespace ranker
