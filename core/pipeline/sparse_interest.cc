#include "core/pipeline/sparse_interest.h"

#include <algorithm>
#include <cmath>

namespace ranker {

SparseInterest::SparseInterest(const std::vector<TagWeight>& weights) {
  for (const TagWeight& tw : weights) weights_[tw.tag] += tw.weight;
  by_weight_.reserve(weights_.size());
  double norm_sq = 0.0;
  for (const auto& [tag, weight] : weights_) {
    by_weight_.push_back({tag, weight});
    norm_sq += static_cast<double>(weight) * weight;
  }
  norm_ = std::sqrt(norm_sq);
  std::sort(by_weight_.begin(), by_weight_.end(),
            [](const TagWeight& a, const TagWeight& b) {
              return a.weight != b.weight ? a.weight > b.weight : a.tag < b.tag;
            });
}

float SparseInterest::WeightOf(TagId tag) const {
  auto it = weights_.find(tag);
  return it == weights_.end() ? 0.0f : it->second;
}

double SparseInterest::Match(const Product& product) const {
  if (norm_ == 0.0 || product.tag_norm == 0.0f) return 0.0;
  double dot = 0.0;
  for (const TagWeight& tw : product.tags) {
    if (auto it = weights_.find(tw.tag); it != weights_.end()) {
      dot += static_cast<double>(it->second) * tw.weight;
    }
  }
  return dot / (norm_ * product.tag_norm);
}

}  // namespace ranker
