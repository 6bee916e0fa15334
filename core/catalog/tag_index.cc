#include "core/catalog/tag_index.h"

#include <algorithm>
#include <iterator>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace ranker {

TagIndex::TagIndex(std::span<const std::shared_ptr<const Product>> products)
    : TagIndex(
          products, [](const Product&) { return true; },
          PostingWeight::kTagWeight) {}

namespace {

bool Stronger(const Posting& a, const Posting& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.product < b.product;
}

float PostingScale(const Product& product, PostingWeight weight) {
  if (weight == PostingWeight::kTagWeight) return 1.0f;
  return product.tag_norm > 0.0f ? 1.0f / product.tag_norm : 0.0f;
}

}  // namespace

TagIndex::TagIndex(std::span<const std::shared_ptr<const Product>> products,
                   bool (*include)(const Product&), PostingWeight weight) {
  std::vector<PostingList> lists;
  for (const auto& product : products) {
    if (product == nullptr || !include(*product)) continue;
    const float scale = PostingScale(*product, weight);
    for (const TagWeight& tw : product->tags) {
      if (tw.tag >= lists.size()) lists.resize(tw.tag + 1);
      lists[tw.tag].push_back({product->idx, tw.weight * scale});
    }
  }
  postings_.resize(lists.size());
  for (size_t tag = 0; tag < lists.size(); ++tag) {
    PostingList& list = lists[tag];
    if (list.empty()) continue;
    ++non_empty_tags_;
    std::sort(list.begin(), list.end(), Stronger);
    list.shrink_to_fit();
    postings_[tag] = std::make_shared<const PostingList>(std::move(list));
  }
}

TagIndex TagIndex::WithChanges(const TagIndex& base,
                               std::span<const Product* const> removed,
                               std::span<const Product* const> added,
                               bool (*include)(const Product&),
                               PostingWeight weight) {
  // Per touched tag: the products whose postings leave, the postings that
  // come in.
  absl::flat_hash_map<TagId, absl::flat_hash_set<ProductIdx>> leaving;
  absl::flat_hash_map<TagId, PostingList> arriving;
  for (const Product* product : removed) {
    for (const TagWeight& tw : product->tags) {
      leaving[tw.tag].insert(product->idx);
    }
  }
  for (const Product* product : added) {
    if (!include(*product)) continue;
    const float scale = PostingScale(*product, weight);
    for (const TagWeight& tw : product->tags) {
      arriving[tw.tag].push_back({product->idx, tw.weight * scale});
    }
  }

  TagIndex index = base;
  auto rebuild = [&](TagId tag) {
    if (tag >= index.postings_.size()) index.postings_.resize(tag + 1);
    const std::shared_ptr<const PostingList>& old = index.postings_[tag];
    PostingList kept;
    if (old != nullptr) {
      kept.reserve(old->size());
      const auto gone = leaving.find(tag);
      for (const Posting& posting : *old) {
        if (gone == leaving.end() || !gone->second.contains(posting.product)) {
          kept.push_back(posting);
        }
      }
    }
    PostingList merged;
    if (auto in = arriving.find(tag); in != arriving.end()) {
      std::sort(in->second.begin(), in->second.end(), Stronger);
      merged.reserve(kept.size() + in->second.size());
      std::merge(kept.begin(), kept.end(), in->second.begin(), in->second.end(),
                 std::back_inserter(merged), Stronger);
    } else {
      merged = std::move(kept);
    }
    index.non_empty_tags_ -= old != nullptr;
    if (merged.empty()) {
      index.postings_[tag] = nullptr;
    } else {
      ++index.non_empty_tags_;
      index.postings_[tag] =
          std::make_shared<const PostingList>(std::move(merged));
    }
  };
  for (const auto& [tag, products] : leaving) rebuild(tag);
  for (const auto& [tag, postings] : arriving) {
    if (!leaving.contains(tag)) rebuild(tag);
  }
  return index;
}

std::span<const Posting> TagIndex::Postings(TagId tag) const {
  if (tag >= postings_.size() || postings_[tag] == nullptr) return {};
  return *postings_[tag];
}

}  // namespace ranker
