// Vocabulary shared by every core module: dense ids, time, and the enums of
// the domain. Strings exist only at the edge; inside the core, products and
// tags are dense integers so that indexes are plain vectors.
#ifndef RANKER_CORE_TYPES_H_
#define RANKER_CORE_TYPES_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace ranker {

// Position of a product in the catalog, assigned on first upsert, never reused.
using ProductIdx = uint32_t;
// A tag's id in the TagDictionary, stable for the process lifetime.
using TagId = uint32_t;
// Dense ids of shops and of category paths inside a catalog.
using ShopIdx = uint32_t;
using CategoryIdx = uint32_t;
// A creator's id in the creator dictionary (a TagDictionary instance of its
// own), stable for the process lifetime like TagId.
using CreatorId = uint32_t;
// Milliseconds since the Unix epoch.
using TimeMs = int64_t;

inline constexpr TimeMs kMsPerMinute = 60 * 1000;
inline constexpr TimeMs kMsPerDay = 24 * 60 * kMsPerMinute;

enum class Scene { kFeed, kStorefront };

enum class EventType {
  kImpression,
  kClick,
  kDwell,
  kLike,
  kShare,
  kFavorite,
  kAddToCart,
  kPurchase,
  kNotInterested,
};
inline constexpr int kEventTypeCount = 9;

enum class ContentForm { kUnknown, kShortVideo, kLiveStream, kProductCard };
inline constexpr int kContentFormCount = 4;

enum class ProductStatus { kActive, kOutOfStock, kBanned };

// A shop's governance status: a banned shop's products are never returned.
enum class ShopStatus { kActive, kBanned };

absl::string_view SceneName(Scene scene);
absl::string_view EventTypeName(EventType type);
absl::string_view ContentFormName(ContentForm form);
absl::string_view ProductStatusName(ProductStatus status);
absl::string_view ShopStatusName(ShopStatus status);

}  // namespace ranker

#endif  // RANKER_CORE_TYPES_H_
