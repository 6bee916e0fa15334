// An immutable view of the whole catalog: products by dense index, the id map,
// the inverted tag index and the per-shop lists. Readers hold a shared_ptr to
// one snapshot for the whole request; writers build a new one and swap it in.
#ifndef RANKER_CORE_CATALOG_CATALOG_SNAPSHOT_H_
#define RANKER_CORE_CATALOG_CATALOG_SNAPSHOT_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/catalog/product.h"
#include "core/catalog/tag_index.h"
#include "core/types.h"

namespace ranker {

class CatalogSnapshot {
 public:
  using ProductList = std::vector<std::shared_ptr<const Product>>;

  CatalogSnapshot() = default;
  // `products` is indexed by ProductIdx (products[i]->idx == i); `shop_ids`
  // maps every shop name to its index.
  CatalogSnapshot(ProductList products,
                  absl::flat_hash_map<std::string, ShopIdx> shop_ids);
  // `previous` after an upsert that replaced or added the products at
  // `changed` (positions in `products`, each once): the indexes are derived
  // from previous's, touching only what the changed products carry, so a
  // batch of k products into a catalog of n does not rebuild every posting
  // list (loading a million products in API-sized batches would otherwise
  // be quadratic).
  CatalogSnapshot(const CatalogSnapshot& previous, ProductList products,
                  absl::flat_hash_map<std::string, ShopIdx> shop_ids,
                  std::span<const ProductIdx> changed);

  size_t size() const { return products_.size(); }
  const Product& product(ProductIdx idx) const { return *products_[idx]; }
  const ProductList& products() const { return products_; }
  std::optional<ProductIdx> Find(absl::string_view product_id) const;
  // A shop with at least one product (of any status) in this snapshot.
  std::optional<ShopIdx> FindShop(absl::string_view shop_id) const;
  const TagIndex& tag_index() const { return tag_index_; }
  // Products of one shop, in index order.
  std::span<const ProductIdx> ShopProducts(ShopIdx shop) const;
  // Products with a live window, latest end first (ties by index): the ones
  // live now or later are a prefix, so a reader stops at the first ended one.
  std::span<const ProductIdx> LiveByEndDescending() const {
    return live_by_end_;
  }
  // The tags of the products with a live-stream window (on now, planned or
  // over), weights divided by the product's tag norm (PostingWeight): the
  // live-now source reads the user's tags here instead of walking every
  // live product.
  const TagIndex& live_tag_index() const { return live_tag_index_; }

  // What eligibility reads of a product, in a dense array by index (8
  // bytes a product): retrieval checks it for every product it takes, and
  // reading it here costs one cache line for eight products instead of two
  // dependent misses through the product's pointer.
  struct Gate {
    ShopIdx shop = 0;
    ProductStatus status = ProductStatus::kActive;
  };
  const Gate& gate(ProductIdx idx) const { return gates_[idx]; }

 private:
  void SortLiveByEnd();

  ProductList products_;
  absl::flat_hash_map<absl::string_view, ProductIdx> by_id_;  // views products_
  absl::flat_hash_map<std::string, ShopIdx> shop_ids_;
  std::vector<std::vector<ProductIdx>> by_shop_;  // indexed by ShopIdx
  TagIndex tag_index_;
  std::vector<ProductIdx> live_by_end_;
  TagIndex live_tag_index_;
  std::vector<Gate> gates_;  // indexed by ProductIdx
};

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_CATALOG_SNAPSHOT_H_
