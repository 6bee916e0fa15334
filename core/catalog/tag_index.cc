#include "core/catalog/tag_index.h"

#include <algorithm>

namespace ranker {

TagIndex::TagIndex(std::span<const std::shared_ptr<const Product>> products)
    : TagIndex(
          products, [](const Product&) { return true; },
          PostingWeight::kTagWeight) {}

TagIndex::TagIndex(std::span<const std::shared_ptr<const Product>> products,
                   bool (*include)(const Product&), PostingWeight weight) {
  for (const auto& product : products) {
    if (product == nullptr || !include(*product)) continue;
    const float scale = weight == PostingWeight::kTagWeight ? 1.0f
                        : product->tag_norm > 0.0f ? 1.0f / product->tag_norm
                                                   : 0.0f;
    for (const TagWeight& tw : product->tags) {
      if (tw.tag >= postings_.size()) postings_.resize(tw.tag + 1);
      postings_[tw.tag].push_back({product->idx, tw.weight * scale});
    }
  }
  for (auto& list : postings_) {
    if (list.empty()) continue;
    ++non_empty_tags_;
    std::sort(list.begin(), list.end(), [](const Posting& a, const Posting& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.product < b.product;
    });
    list.shrink_to_fit();
  }
}

std::span<const Posting> TagIndex::Postings(TagId tag) const {
  if (tag >= postings_.size()) return {};
  return postings_[tag];
}

}  // namespace ranker
