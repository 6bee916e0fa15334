// The live catalog: hands out the current immutable snapshot to readers and
// applies upserts by building the next snapshot and swapping it in atomically.
// Shop governance is published the same way but on its own, so that banning a
// shop never rebuilds the product snapshot. Readers never wait for writers;
// writers are serialized among themselves.
#ifndef RANKER_CORE_CATALOG_CATALOG_H_
#define RANKER_CORE_CATALOG_CATALOG_H_

#include <atomic>
#include <memory>
#include <span>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/catalog/catalog_snapshot.h"
#include "core/catalog/product.h"
#include "core/catalog/shop.h"
#include "core/catalog/shop_governance.h"
#include "core/catalog/tag_dictionary.h"
#include "core/persist/encoding.h"

namespace ranker {

struct UpsertResult {
  int inserted = 0;
  int updated = 0;
};

class Catalog {
 public:
  // `tags` must outlive the catalog.
  explicit Catalog(TagDictionary* tags);
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  std::shared_ptr<const CatalogSnapshot> snapshot() const {
    return snapshot_.load(std::memory_order_acquire);
  }

  // Creator ids (Product::creators) of this catalog. Events intern their
  // creator here too, so that a user's creator affinity and the products'
  // creators share one id space. Append-only, like the tag dictionary.
  TagDictionary& creators() { return creators_; }
  const TagDictionary& creators() const { return creators_; }

  // Validates every spec (errors name "products[i].<field>") and applies all
  // of them or none. A product id that exists is replaced whole.
  absl::StatusOr<UpsertResult> Upsert(std::span<const ProductSpec> specs);
  // Upsert in two steps, for callers that log the call in between (the
  // Engine's write-ahead log): the validation depends on the specs alone, so
  // a call that passed it once passes it on replay. Apply can still fail
  // with RESOURCE_EXHAUSTED (a full tag or creator dictionary), changing
  // nothing, and fails the same way when replayed against the same state.
  absl::Status ValidateUpsert(std::span<const ProductSpec> specs) const;
  absl::StatusOr<UpsertResult> ApplyUpsert(std::span<const ProductSpec> specs);

  std::shared_ptr<const ShopGovernance> shops() const {
    return shops_.load(std::memory_order_acquire);
  }

  // Sets the governance of shops; validates every spec (errors name
  // "shops[i].<field>") and applies all of them or none. A shop may be
  // governed before any of its products exists: its name gets the ShopIdx its
  // products will carry. `inserted` counts shops governed for the first time.
  absl::StatusOr<UpsertResult> UpsertShops(std::span<const ShopSpec> specs);
  // UpsertShops in two steps (see ValidateUpsert); applying cannot fail.
  absl::Status ValidateUpsertShops(std::span<const ShopSpec> specs) const;
  UpsertResult ApplyUpsertShops(std::span<const ShopSpec> specs);

  // Snapshots: products with their dense ids, shop and category names in id
  // order, shop governance and the creator dictionary (the tag dictionary is
  // the engine's, saved on its own). SaveTo needs no concurrent writer (see
  // TagDictionary::SaveTo) and the current `products` and `shops` taken by
  // the caller; LoadFrom replaces an empty catalog's state and needs the tag
  // dictionary loaded first.
  void SaveTo(const CatalogSnapshot& products, const ShopGovernance& shops,
              persist::Encoder& out) const ABSL_NO_THREAD_SAFETY_ANALYSIS;
  absl::Status LoadFrom(persist::Decoder& in);

 private:
  // Shop and category names of the next snapshot, committed only when the
  // whole call succeeds.
  struct NameIds {
    absl::flat_hash_map<std::string, ShopIdx> shops;
    absl::flat_hash_map<std::string, CategoryIdx> categories;
  };
  absl::StatusOr<std::shared_ptr<const Product>> BuildProduct(
      const ProductSpec& spec, ProductIdx idx, NameIds& names);

  TagDictionary* const tags_;
  TagDictionary creators_;
  std::atomic<std::shared_ptr<const CatalogSnapshot>> snapshot_;
  std::atomic<std::shared_ptr<const ShopGovernance>> shops_;
  absl::Mutex write_mu_;
  NameIds names_ ABSL_GUARDED_BY(write_mu_);
};

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_CATALOG_H_
