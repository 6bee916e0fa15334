// Stage 2: candidate sources. Each proposes at most its quota (a knob in the
// RankingConfig) and records itself as the candidate's source.
#ifndef RANKER_CORE_PIPELINE_RETRIEVERS_H_
#define RANKER_CORE_PIPELINE_RETRIEVERS_H_

#include <span>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/catalog/tag_index.h"
#include "core/pipeline/stages.h"

namespace ranker {

// Adds weight × the product's tag weight to `scores` for each of the first
// (strongest) `max_postings` postings of `tag`: the cap
// (RankingConfig::postings_per_tag) bounds per-request work at any catalog
// size.
void AddTagPostings(const TagIndex& index, TagId tag, double weight,
                    size_t max_postings,
                    absl::flat_hash_map<ProductIdx, double>& scores);

// Postings the next `tags` tags will add at most: what an accumulator
// reserves so that it never rehashes while they are added.
size_t PostingsBound(const TagIndex& index, std::span<const TagWeight> tags,
                     size_t max_postings);
// The same for (tag, weight) pairs (the exploration retriever's adjacent
// tags).
size_t PostingsBound(const TagIndex& index,
                     std::span<const std::pair<TagId, double>> tags,
                     size_t max_postings);

// Tag recall: walks the inverted index for the strongest positive tags of one
// interest (instant, long-term or context) and keeps the products with the
// highest sum of interest weight × tag weight. Reads at most
// postings_per_tag postings per tag, which bounds per-request work.
class InterestTagRetriever : public Retriever {
 public:
  InterestTagRetriever(Source source, SparseInterest RequestState::*interest,
                       double RankingConfig::*quota)
      : source_(source), interest_(interest), quota_(quota) {}
  absl::string_view name() const override { return SourceName(source_); }
  void Retrieve(RequestState& state) const override;

 private:
  Source source_;
  SparseInterest RequestState::*interest_;
  double RankingConfig::*quota_;
};

// The storefront's own products (STOREFRONT scene with a shop id).
class StorefrontRetriever : public Retriever {
 public:
  absl::string_view name() const override {
    return SourceName(Source::kStorefront);
  }
  void Retrieve(RequestState& state) const override;
};

// The fallback: the most popular products by decayed engagement, then (for a
// catalog without enough engagement yet) active products in a walk over the
// catalog. Where no other retriever found anything it adds popular_quota
// candidates (at least enough for the request's count to survive the
// filters); otherwise only the candidates the list still lacks.
class PopularRetriever : public Retriever {
 public:
  static constexpr size_t kCatalogWalkStride = 7919;

  absl::string_view name() const override {
    return SourceName(Source::kPopular);
  }
  void Retrieve(RequestState& state) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_RETRIEVERS_H_
