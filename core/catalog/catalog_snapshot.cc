#include "core/catalog/catalog_snapshot.h"

#include <algorithm>
#include <utility>

namespace ranker {

CatalogSnapshot::CatalogSnapshot(
    ProductList products, absl::flat_hash_map<std::string, ShopIdx> shop_ids)
    : products_(std::move(products)),
      shop_ids_(std::move(shop_ids)),
      by_shop_(shop_ids_.size()),
      tag_index_(products_),
      live_tag_index_(
          products_, [](const Product& p) { return !p.live_window.empty(); },
          PostingWeight::kTagWeightOverNorm) {
  by_id_.reserve(products_.size());
  for (const auto& product : products_) {
    by_id_.emplace(product->id, product->idx);
    if (product->shop_idx >= by_shop_.size()) {
      by_shop_.resize(product->shop_idx + 1);
    }
    by_shop_[product->shop_idx].push_back(product->idx);
    if (!product->live_window.empty()) live_by_end_.push_back(product->idx);
  }
  std::sort(live_by_end_.begin(), live_by_end_.end(),
            [&](ProductIdx a, ProductIdx b) {
              const TimeMs end_a = products_[a]->live_window.end;
              const TimeMs end_b = products_[b]->live_window.end;
              return end_a != end_b ? end_a > end_b : a < b;
            });
}

std::optional<ProductIdx> CatalogSnapshot::Find(
    absl::string_view product_id) const {
  if (auto it = by_id_.find(product_id); it != by_id_.end()) return it->second;
  return std::nullopt;
}

std::optional<ShopIdx> CatalogSnapshot::FindShop(
    absl::string_view shop_id) const {
  // A shop whose products all moved elsewhere is no longer in the catalog.
  if (auto it = shop_ids_.find(shop_id);
      it != shop_ids_.end() && !ShopProducts(it->second).empty()) {
    return it->second;
  }
  return std::nullopt;
}

std::span<const ProductIdx> CatalogSnapshot::ShopProducts(ShopIdx shop) const {
  if (shop >= by_shop_.size()) return {};
  return by_shop_[shop];
}

}  // namespace ranker
