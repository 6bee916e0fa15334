// Input limits shared by validation in the core and the documentation of the
// API (proto/ranker/v1/ranker.proto states the same numbers).
#ifndef RANKER_CORE_LIMITS_H_
#define RANKER_CORE_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace ranker::limits {

inline constexpr size_t kMaxIdBytes = 128;
inline constexpr size_t kMaxTagBytes = 128;
inline constexpr size_t kMaxTitleBytes = 512;
inline constexpr size_t kMaxTagsPerProduct = 64;
inline constexpr size_t kMaxCategoryDepth = 8;
inline constexpr size_t kMaxContentTags = 64;
inline constexpr size_t kMaxCreatorsPerProduct = 16;
inline constexpr size_t kMaxRecentProducts = 100;
inline constexpr size_t kMaxExcludedProducts = 1000;
inline constexpr size_t kMaxEventsPerCall = 10000;
inline constexpr size_t kMaxProductsPerCall = 10000;
inline constexpr size_t kMaxShopsPerCall = 10000;
inline constexpr size_t kMaxWeightOverrides = 64;
inline constexpr int kMinCount = 1;
inline constexpr int kMaxCount = 200;
// Content slots of one feed page (RecommendProductsRequest.content_slots).
inline constexpr int kMaxContentSlots = 1000;
inline constexpr int64_t kMaxDwellMs = 24LL * 3600 * 1000;
inline constexpr int kMaxRepurchaseCycleDays = 3650;
// DescribeUser: how many interest tags per speed; 0 asks for the default.
// The maximum is the long-term interest's own cap, so it can show them all.
inline constexpr int kDefaultDescribeTopTags = 20;
inline constexpr int kMaxDescribeTopTags = 128;
// Events may carry a client clock slightly ahead of ours, never by days.
inline constexpr int64_t kMaxEventClockSkewMs = 24LL * 3600 * 1000;

}  // namespace ranker::limits

#endif  // RANKER_CORE_LIMITS_H_
