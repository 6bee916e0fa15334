#include "core/catalog/catalog_snapshot.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace ranker {
namespace {

bool AnyProduct(const Product&) { return true; }
bool HasLiveWindow(const Product& product) {
  return !product.live_window.empty();
}

}  // namespace

CatalogSnapshot::CatalogSnapshot(
    ProductList products, absl::flat_hash_map<std::string, ShopIdx> shop_ids)
    : products_(std::move(products)),
      shop_ids_(std::move(shop_ids)),
      by_shop_(shop_ids_.size()),
      tag_index_(products_),
      live_tag_index_(products_, HasLiveWindow,
                      PostingWeight::kTagWeightOverNorm) {
  by_id_.reserve(products_.size());
  gates_.reserve(products_.size());
  for (const auto& product : products_) {
    gates_.push_back({product->shop_idx, product->status});
    by_id_.emplace(product->id, product->idx);
    if (product->shop_idx >= by_shop_.size()) {
      by_shop_.resize(product->shop_idx + 1);
    }
    by_shop_[product->shop_idx].push_back(product->idx);
    if (!product->live_window.empty()) live_by_end_.push_back(product->idx);
  }
  SortLiveByEnd();
}

CatalogSnapshot::CatalogSnapshot(
    const CatalogSnapshot& previous, ProductList products,
    absl::flat_hash_map<std::string, ShopIdx> shop_ids,
    std::span<const ProductIdx> changed)
    : products_(std::move(products)),
      by_id_(previous.by_id_),
      shop_ids_(std::move(shop_ids)),
      by_shop_(previous.by_shop_),
      gates_(previous.gates_) {
  gates_.resize(products_.size());
  if (by_shop_.size() < shop_ids_.size()) by_shop_.resize(shop_ids_.size());
  absl::flat_hash_set<ProductIdx> changed_set(changed.begin(), changed.end());
  std::vector<const Product*> removed, added, live_removed;
  for (ProductIdx idx : changed) {
    const Product* before =
        idx < previous.size() ? previous.products_[idx].get() : nullptr;
    const Product& after = *products_[idx];
    if (before != nullptr) {
      removed.push_back(before);
      if (HasLiveWindow(*before)) live_removed.push_back(before);
      // The key views the previous version's id: replace it with a view of
      // this one's, which lives as long as this snapshot.
      by_id_.erase(before->id);
      if (before->shop_idx != after.shop_idx) {
        std::erase(by_shop_[before->shop_idx], idx);
      }
    }
    by_id_.emplace(after.id, idx);
    gates_[idx] = {after.shop_idx, after.status};
    if (after.shop_idx >= by_shop_.size()) by_shop_.resize(after.shop_idx + 1);
    std::vector<ProductIdx>& shop = by_shop_[after.shop_idx];
    if (auto it = std::lower_bound(shop.begin(), shop.end(), idx);
        it == shop.end() || *it != idx) {
      shop.insert(it, idx);
    }
    added.push_back(&after);
  }
  tag_index_ = TagIndex::WithChanges(previous.tag_index_, removed, added,
                                     AnyProduct, PostingWeight::kTagWeight);
  live_tag_index_ =
      TagIndex::WithChanges(previous.live_tag_index_, live_removed, added,
                            HasLiveWindow, PostingWeight::kTagWeightOverNorm);
  for (ProductIdx idx : previous.live_by_end_) {
    if (!changed_set.contains(idx)) live_by_end_.push_back(idx);
  }
  for (ProductIdx idx : changed) {
    if (HasLiveWindow(*products_[idx])) live_by_end_.push_back(idx);
  }
  SortLiveByEnd();
}

void CatalogSnapshot::SortLiveByEnd() {
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
