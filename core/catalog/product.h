// A product as callers describe it (ProductSpec, strings) and as the core
// stores it inside a catalog snapshot (Product, dense ids).
#ifndef RANKER_CORE_CATALOG_PRODUCT_H_
#define RANKER_CORE_CATALOG_PRODUCT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/types.h"

namespace ranker {

struct WeightedTagSpec {
  std::string tag;
  double weight = 1.0;
};

// The edge representation: what UpsertProducts and the catalog file carry.
struct ProductSpec {
  std::string id;
  std::string title;
  std::vector<WeightedTagSpec> tags;
  std::vector<std::string> category_path;
  std::string shop_id;
  double price = 0.0;
  ProductStatus status = ProductStatus::kActive;
  std::vector<ContentForm> content_forms;
  // 0: a durable good; otherwise days between typical purchases.
  int repurchase_cycle_days = 0;
  // A campaign runs while `campaign` is true: always when no window is given,
  // otherwise only inside [campaign_start_ms, campaign_end_ms). A window
  // without campaign = true is rejected, so that clearing the flag always
  // ends the campaign.
  bool campaign = false;
  TimeMs campaign_start_ms = 0;
  TimeMs campaign_end_ms = 0;
  // The product's live stream: live inside [live_start_ms, live_end_ms);
  // both 0 means no live stream.
  TimeMs live_start_ms = 0;
  TimeMs live_end_ms = 0;
  // Creators whose content features the product (at most 16, unique).
  std::vector<std::string> creator_ids;
};

// Checks every field against the API limits. Field names in errors are
// prefixed with `field_prefix` (e.g. "products[3].").
absl::Status ValidateProductSpec(const ProductSpec& spec,
                                 absl::string_view field_prefix);

struct TagWeight {
  TagId tag;
  float weight;
};

// A half-open time window [start, end); {0, 0} is "no window".
struct TimeWindow {
  TimeMs start = 0;
  TimeMs end = 0;

  bool empty() const { return start == 0 && end == 0; }
  bool Contains(TimeMs now) const { return start <= now && now < end; }
};

// Bit set of ContentForm values.
using ContentFormMask = uint8_t;
inline constexpr ContentFormMask FormBit(ContentForm form) {
  return static_cast<ContentFormMask>(1u << static_cast<int>(form));
}

// The core representation, immutable once inside a snapshot. What a request
// reads of every candidate (tags, norm, category, shop, price, flags) comes
// first, in the first cache line or two; the strings only a response or
// an explanation reads come last.
struct Product {
  ProductIdx idx = 0;
  float tag_norm = 0.0f;
  // Sorted by tag id, unique; the L2 norm of the weights (tag_norm) is kept
  // for cosine matching against interest vectors.
  std::vector<TagWeight> tags;
  CategoryIdx category_idx = 0;
  ShopIdx shop_idx = 0;
  double price = 0.0;
  ProductStatus status = ProductStatus::kActive;
  ContentFormMask content_forms = 0;
  bool campaign = false;
  int repurchase_cycle_days = 0;
  TimeWindow campaign_window;       // empty: runs while `campaign` is true
  TimeWindow live_window;           // empty: no live stream
  std::vector<CreatorId> creators;  // sorted, unique
  std::string id;
  std::string title;
  std::string category;  // the path joined with "/"
  std::string shop_id;

  bool is_durable() const { return repurchase_cycle_days == 0; }
  // Its live stream is on at `now`.
  bool LiveAt(TimeMs now) const {
    return !live_window.empty() && live_window.Contains(now);
  }
  // Its campaign is running at `now`.
  bool CampaignAt(TimeMs now) const {
    return campaign &&
           (campaign_window.empty() || campaign_window.Contains(now));
  }
  // The weight of `tag` on this product, 0 when absent.
  float TagWeightOf(TagId tag) const;
};

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_PRODUCT_H_
