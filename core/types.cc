#include "core/types.h"

namespace ranker {

absl::string_view SceneName(Scene scene) {
  switch (scene) {
    case Scene::kFeed:
      return "feed";
    case Scene::kStorefront:
      return "storefront";
  }
  return "unknown";
}

absl::string_view EventTypeName(EventType type) {
  switch (type) {
    case EventType::kImpression:
      return "impression";
    case EventType::kClick:
      return "click";
    case EventType::kDwell:
      return "dwell";
    case EventType::kLike:
      return "like";
    case EventType::kShare:
      return "share";
    case EventType::kFavorite:
      return "favorite";
    case EventType::kAddToCart:
      return "add_to_cart";
    case EventType::kPurchase:
      return "purchase";
    case EventType::kNotInterested:
      return "not_interested";
  }
  return "unknown";
}

absl::string_view ContentFormName(ContentForm form) {
  switch (form) {
    case ContentForm::kUnknown:
      return "unknown";
    case ContentForm::kShortVideo:
      return "short_video";
    case ContentForm::kLiveStream:
      return "live_stream";
    case ContentForm::kProductCard:
      return "product_card";
  }
  return "unknown";
}

absl::string_view ProductStatusName(ProductStatus status) {
  switch (status) {
    case ProductStatus::kActive:
      return "active";
    case ProductStatus::kOutOfStock:
      return "out_of_stock";
    case ProductStatus::kBanned:
      return "banned";
  }
  return "unknown";
}

absl::string_view ShopStatusName(ShopStatus status) {
  switch (status) {
    case ShopStatus::kActive:
      return "active";
    case ShopStatus::kBanned:
      return "banned";
  }
  return "unknown";
}

}  // namespace ranker
