// An interest as the pipeline uses it: tags strongest first (to retrieve by)
// plus a hash map and norm (to match products by cosine similarity).
#ifndef RANKER_CORE_PIPELINE_SPARSE_INTEREST_H_
#define RANKER_CORE_PIPELINE_SPARSE_INTEREST_H_

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/catalog/product.h"

namespace ranker {

class SparseInterest {
 public:
  SparseInterest() = default;
  // Duplicate tags are summed.
  explicit SparseInterest(const std::vector<TagWeight>& weights);

  bool empty() const { return by_weight_.empty(); }
  // Tags by descending weight (negative ones last).
  const std::vector<TagWeight>& by_weight() const { return by_weight_; }
  float WeightOf(TagId tag) const;
  // The Euclidean norm of the weights (0 when empty).
  double norm() const { return norm_; }
  // Cosine similarity with the product's tags, in [-1, 1]; 0 when either side
  // is empty.
  double Match(const Product& product) const;

 private:
  std::vector<TagWeight> by_weight_;
  absl::flat_hash_map<TagId, float> weights_;
  double norm_ = 0.0;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_SPARSE_INTEREST_H_
