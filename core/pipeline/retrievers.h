// Stage 2: candidate sources. Each proposes at most its quota (a knob in the
// RankingConfig) and records itself as the candidate's source.
#ifndef RANKER_CORE_PIPELINE_RETRIEVERS_H_
#define RANKER_CORE_PIPELINE_RETRIEVERS_H_

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/catalog/tag_index.h"
#include "core/pipeline/stages.h"

namespace ranker {

// Tag recall reads at most this many postings of one tag (its strongest
// products), which bounds per-request work at any catalog size.
inline constexpr size_t kMaxPostingsPerTag = 5000;

// Adds weight × the product's tag weight to `scores` for each of the (at
// most kMaxPostingsPerTag) postings of `tag` read.
void AddTagPostings(const TagIndex& index, TagId tag, double weight,
                    absl::flat_hash_map<ProductIdx, double>& scores);

// Tag recall: walks the inverted index for the strongest positive tags of one
// interest (instant, long-term or context) and keeps the products with the
// highest sum of interest weight × tag weight. Reads at most
// kMaxPostingsPerTag postings per tag, which bounds per-request work.
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
