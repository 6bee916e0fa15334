#include "core/pipeline/request_state.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace ranker {

bool RequestState::Eligible(const Product& product) const {
  return Eligible(CatalogSnapshot::Gate{product.shop_idx, product.status});
}

bool RequestState::Eligible(const CatalogSnapshot::Gate& product) const {
  if (product.status != ProductStatus::kActive) return false;
  const ShopState& shop = shops.Of(product.shop);
  if (shop.banned()) return false;
  // A storefront is the shop itself: only a ban hides it there.
  return request.scene != Scene::kFeed ||
         shop.quality >= config.shop_quality_floor;
}

bool RequestState::AddCandidate(ProductIdx product, Source source,
                                float score) {
  const int s = static_cast<int>(source);
  auto [it, inserted] = candidate_index.try_emplace(
      product, static_cast<uint32_t>(candidates.size()));
  if (inserted) {
    Candidate candidate;
    candidate.product = product;
    candidate.item = &catalog.product(product);
    candidate.first_source = source;
    candidates.push_back(std::move(candidate));
  }
  Candidate& candidate = candidates[it->second];
  candidate.source_mask |= 1u << s;
  candidate.source_scores[s] = std::max(candidate.source_scores[s], score);
  return inserted;
}

void RequestState::AddBest(
    Source source, size_t quota,
    const absl::flat_hash_map<ProductIdx, double>& scores) {
  AddBest(source, quota, scores, [](ProductIdx) { return true; });
}

void RequestState::AddBest(
    Source source, size_t quota,
    const absl::flat_hash_map<ProductIdx, double>& scores,
    absl::FunctionRef<bool(ProductIdx)> keep) {
  if (quota == 0) return;
  std::vector<std::pair<double, ProductIdx>> ranked;
  ranked.reserve(scores.size());
  for (const auto& [product, score] : scores) {
    if (product < catalog.size() && score > 0.0) {
      ranked.emplace_back(score, product);
    }
  }
  // Best first (ties: lower index), eligibility checked on the way down:
  // nearly every product is eligible, so this reads about `quota` products
  // rather than every one scored, each a likely cache miss in a large
  // catalog. A heap: O(n) to build, O(log n) per product taken.
  auto worse = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  };
  std::make_heap(ranked.begin(), ranked.end(), worse);
  // Taken in batches of what is still missing: each batch's gates and
  // product pointers are asked for as it is popped, so their cache misses
  // overlap, then checked best first (pop_heap leaves the best at the end).
  size_t added = 0;
  auto end = ranked.end();
  while (added < quota && end != ranked.begin()) {
    const auto batch_end = end;
    for (size_t i = quota - added; i > 0 && end != ranked.begin(); --i) {
      std::pop_heap(ranked.begin(), end, worse);
      --end;
      __builtin_prefetch(&catalog.gate(end->second));
      __builtin_prefetch(&catalog.products()[end->second]);
    }
    for (auto it = batch_end; it != end && added < quota;) {
      --it;
      const auto& [score, product] = *it;
      if (!Eligible(catalog.gate(product)) || !keep(product)) continue;
      AddCandidate(product, source, static_cast<float>(score));
      ++added;
    }
  }
}

size_t RequestState::CountFrom(Source source) const {
  return std::count_if(
      candidates.begin(), candidates.end(),
      [source](const Candidate& c) { return c.HasSource(source); });
}

}  // namespace ranker
