#include "core/pipeline/retrievers.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace ranker {

namespace {

// The postings of `tag` a reader takes: its first (strongest) max_postings.
std::span<const Posting> CappedPostings(const TagIndex& index, TagId tag,
                                        size_t max_postings) {
  std::span<const Posting> postings = index.Postings(tag);
  return postings.size() > max_postings ? postings.first(max_postings)
                                        : postings;
}

}  // namespace

void AddTagPostings(const TagIndex& index, TagId tag, double weight,
                    size_t max_postings,
                    absl::flat_hash_map<ProductIdx, double>& scores) {
  for (const Posting& posting : CappedPostings(index, tag, max_postings)) {
    scores[posting.product] += weight * posting.weight;
  }
}

size_t PostingsBound(const TagIndex& index, std::span<const TagWeight> tags,
                     size_t max_postings) {
  size_t bound = 0;
  for (const TagWeight& tw : tags) {
    bound += CappedPostings(index, tw.tag, max_postings).size();
  }
  return bound;
}

size_t PostingsBound(const TagIndex& index,
                     std::span<const std::pair<TagId, double>> tags,
                     size_t max_postings) {
  size_t bound = 0;
  for (const auto& tag_weight : tags) {
    bound += CappedPostings(index, tag_weight.first, max_postings).size();
  }
  return bound;
}

void InterestTagRetriever::Retrieve(RequestState& state) const {
  const SparseInterest& interest = state.*interest_;
  const size_t quota = KnobCount(state.config.*quota_);
  if (interest.empty() || quota == 0) return;
  const size_t tags_used = KnobCount(state.config.interest_tags_used, 1);

  const size_t max_postings = KnobCount(state.config.postings_per_tag, 1);

  // by_weight() is strongest first: the tags read are a prefix of it.
  const std::vector<TagWeight>& by_weight = interest.by_weight();
  size_t tags_read = 0;
  while (tags_read < by_weight.size() && tags_read < tags_used &&
         by_weight[tags_read].weight > 0.0f) {
    ++tags_read;
  }
  const std::span<const TagWeight> tags(by_weight.data(), tags_read);
  const TagIndex& index = state.catalog.tag_index();
  absl::flat_hash_map<ProductIdx, double> accumulated;
  accumulated.reserve(PostingsBound(index, tags, max_postings));
  for (const TagWeight& tw : tags) {
    AddTagPostings(index, tw.tag, tw.weight, max_postings, accumulated);
  }
  state.AddBest(source_, quota, accumulated);
}

void StorefrontRetriever::Retrieve(RequestState& state) const {
  if (!state.storefront_shop.has_value()) return;
  const size_t quota = KnobCount(state.config.storefront_quota);
  size_t added = 0;
  for (ProductIdx product :
       state.catalog.ShopProducts(*state.storefront_shop)) {
    if (added == quota) break;
    if (!state.Eligible(state.catalog.gate(product))) continue;
    state.AddCandidate(product, Source::kStorefront);
    ++added;
  }
}

void PopularRetriever::Retrieve(RequestState& state) const {
  // Never fewer new candidates than the request may need after the filters
  // drop the user's excluded, dismissed and purchased products: a list is
  // short only when the catalog itself is.
  const size_t needed = static_cast<size_t>(state.request.count) +
                        state.excluded.size() + state.profile.dismissed.size() +
                        state.profile.purchases.size() +
                        state.profile.unengaged_impressions.size();
  // The fallback, not a competitor: where nothing personal was found it
  // proposes the popular_quota most popular products; otherwise only as many
  // as the list still needs.
  const size_t personal = state.candidates.size();
  const size_t quota =
      personal == 0 ? std::max(KnobCount(state.config.popular_quota), needed)
                    : (needed > personal ? needed - personal : 0);
  if (quota == 0) return;
  size_t added = 0;
  auto add = [&](ProductIdx product) {
    // The popular list may name products newer than this snapshot.
    if (product >= state.catalog.size()) return;
    if (!state.Eligible(state.catalog.gate(product))) return;
    if (state.AddCandidate(product, Source::kPopular)) ++added;
  };
  for (ProductIdx product : *state.resources.stats->Popular(state.now, quota)) {
    if (added == quota) return;
    add(product);
  }
  // Without enough engagement yet, walk the catalog with a stride coprime to
  // its size: every product is reachable and the walk spreads over the
  // categories instead of returning the first few of the file.
  const size_t size = state.catalog.size();
  size_t stride = kCatalogWalkStride % std::max<size_t>(size, 1);
  while (size > 1 && std::gcd(stride, size) != 1) ++stride;
  for (size_t k = 0; k < size && added < quota; ++k) {
    add(static_cast<ProductIdx>((k * std::max<size_t>(stride, 1)) % size));
  }
}

}  // namespace ranker
