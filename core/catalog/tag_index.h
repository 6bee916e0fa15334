// The inverted tag index: for each tag, the products carrying it, strongest
// first. Built once per catalog snapshot and then read-only.
#ifndef RANKER_CORE_CATALOG_TAG_INDEX_H_
#define RANKER_CORE_CATALOG_TAG_INDEX_H_

#include <memory>
#include <span>
#include <vector>

#include "core/catalog/product.h"
#include "core/types.h"

namespace ranker {

struct Posting {
  ProductIdx product;
  float weight;  // the tag's weight on the product (or as PostingWeight says)
};

// What a posting's weight is: the tag's weight on the product, or that
// divided by the product's tag norm, so that summing interest weight ×
// posting weight over an interest's tags gives the cosine without reading
// the product.
enum class PostingWeight { kTagWeight, kTagWeightOverNorm };

class TagIndex {
 public:
  TagIndex() = default;
  // Indexes every product's tags. Null entries are skipped.
  explicit TagIndex(std::span<const std::shared_ptr<const Product>> products);
  // Indexes the tags of the products `include` accepts.
  TagIndex(std::span<const std::shared_ptr<const Product>> products,
           bool (*include)(const Product&), PostingWeight weight);

  // `base` after an upsert: the postings of `removed` (previous versions of
  // replaced products) taken out, those of `added` (products `include`
  // accepts) merged in. Only the tags they carry get new lists; the others
  // are shared with `base`, so an upsert of k products into a catalog of n
  // costs the touched lists' length, not a rebuild of every list.
  static TagIndex WithChanges(const TagIndex& base,
                              std::span<const Product* const> removed,
                              std::span<const Product* const> added,
                              bool (*include)(const Product&),
                              PostingWeight weight);

  // Products carrying `tag`, by descending tag weight (ties by product idx).
  std::span<const Posting> Postings(TagId tag) const;
  // Number of tags with at least one product.
  size_t tag_count() const { return non_empty_tags_; }

 private:
  using PostingList = std::vector<Posting>;
  // Indexed by TagId; null for a tag without products. Shared between the
  // snapshots an upsert did not change it in.
  std::vector<std::shared_ptr<const PostingList>> postings_;
  size_t non_empty_tags_ = 0;
};

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_TAG_INDEX_H_
