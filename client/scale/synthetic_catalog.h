#ifndef RANKER_CLIENT_SCALE_SYNTHETIC_CATALOG_H_
#define RANKER_CLIENT_SCALE_SYNTHETIC_CATALOG_H_

// A made-up catalog of any size, for measuring the service at scale
// (docs/performance.md). The bundled demo catalog has 2,000 products over a
// few hundred tags; a million products over the same vocabulary would give
// every tag tens of thousands of products, which no real catalog does. Here
// the vocabulary grows with the catalog the way a marketplace's does: more
// leaf categories, each with its own kind tag and a pool of topic tags drawn
// from a long Zipf-distributed vocabulary, so tag frequencies follow a long
// tail, and shops' sizes too.
//
// Product i is a pure function of (options, i): generation streams, and the
// histories generator (synthetic_histories.h) can ask for any product's
// category without materialising the catalog.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/base/call_once.h"
#include "client/load/zipf_sampler.h"
#include "core/catalog/product.h"

namespace ranker::scale {

struct SyntheticCatalogOptions {
  int products = 1'000'000;
  // Zero: scaled with the catalog (one leaf category per 2,500 products, at
  // least 48; one topic tag per 50 products, at least 2,000; one shop per
  // 50 products, at least 100; one creator per 200 products, at least 40).
  int leaf_categories = 0;
  int topic_tags = 0;
  int shops = 0;
  int creators = 0;
  uint64_t seed = 20261203;
  // "Now" for live-stream windows: 1 in 200 products is live from an hour
  // before it to a day after.
  int64_t now_ms = 0;
};

class SyntheticCatalog {
 public:
  explicit SyntheticCatalog(const SyntheticCatalogOptions& options);

  int size() const { return options_.products; }
  int leaf_categories() const { return options_.leaf_categories; }
  int topic_tags() const { return options_.topic_tags; }

  // "p0000042": "p" and seven digits (more when the catalog needs them).
  std::string ProductId(int index) const;
  // The leaf category of product `index`, in [0, leaf_categories()).
  int LeafCategoryOf(int index) const;
  ProductSpec Product(int index) const;

  // Products of each leaf category in index order, built on first use
  // (4 bytes a product); thread-safe.
  const std::vector<std::vector<int>>& ProductsByLeaf() const;

 private:
  // The topic tags a leaf category's products draw from, by rank.
  int TopicOfLeaf(int leaf, size_t rank) const;

  SyntheticCatalogOptions options_;
  int id_digits_;
  load::ZipfSampler leaf_sampler_;   // leaf category sizes: a long tail
  load::ZipfSampler topic_sampler_;  // a topic's rank within its leaf pool
  load::ZipfSampler shop_sampler_;   // shop sizes
  mutable absl::once_flag by_leaf_once_;
  mutable std::vector<std::vector<int>> by_leaf_;
};

}  // namespace ranker::scale

#endif  // RANKER_CLIENT_SCALE_SYNTHETIC_CATALOG_H_
