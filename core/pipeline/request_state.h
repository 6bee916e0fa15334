// Everything one RecommendProducts call works on, created per request and
// dropped at its end (the request's arena): the inputs, the user features,
// and the candidates the stages add, filter, score and reorder.
#ifndef RANKER_CORE_PIPELINE_REQUEST_STATE_H_
#define RANKER_CORE_PIPELINE_REQUEST_STATE_H_

#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "core/catalog/catalog_snapshot.h"
#include "core/catalog/shop_governance.h"
#include "core/catalog/tag_dictionary.h"
#include "core/interest/profile_store.h"
#include "core/pipeline/candidate.h"
#include "core/pipeline/ranking_config.h"
#include "core/pipeline/recommend_request.h"
#include "core/pipeline/sparse_interest.h"
#include "core/stats/co_engagement_index.h"
#include "core/stats/item_stats.h"
#include "core/stats/session_index.h"
#include "core/stats/tag_cooccurrence_index.h"

namespace ranker {

// The shared stores a request reads; owned by the Engine.
struct RankingResources {
  const TagDictionary* tags = nullptr;
  const ProfileStore* profiles = nullptr;
  const ItemStatsStore* stats = nullptr;
  const SessionIndex* sessions = nullptr;
  const CoEngagementIndex* co_engagement = nullptr;
  const TagCooccurrenceIndex* tag_cooccurrence = nullptr;
};

struct RequestState {
  RequestState(const RecommendRequest& request, RankingConfig config,
               const CatalogSnapshot& catalog, const ShopGovernance& shops,
               RankingResources resources, TimeMs now)
      : request(request),
        config(config),
        catalog(catalog),
        shops(shops),
        resources(resources),
        now(now) {}

  // Whether governance lets `product` be shown in this request: it is active,
  // its shop is not banned, and in the feed its shop's quality is at least
  // shop_quality_floor. Retrievers skip what fails this, and the
  // GovernanceFilter drops it whatever proposed it.
  bool Eligible(const Product& product) const;
  bool Eligible(const CatalogSnapshot::Gate& product) const;

  // Adds `product` proposed by `source` with its retrieval score, or marks
  // the extra source (and score) on a candidate already present. Returns true
  // when the product is new.
  bool AddCandidate(ProductIdx product, Source source, float score = 0.0f);
  // Adds, as proposed by `source`, the `quota` highest-scoring products of
  // `scores` that are in this snapshot, Eligible and score above 0 (ties by
  // product index), each with its score.
  void AddBest(Source source, size_t quota,
               const absl::flat_hash_map<ProductIdx, double>& scores);
  // The same, only products `keep` also accepts.
  void AddBest(Source source, size_t quota,
               const absl::flat_hash_map<ProductIdx, double>& scores,
               absl::FunctionRef<bool(ProductIdx)> keep);
  size_t CountFrom(Source source) const;

  const RecommendRequest& request;
  const RankingConfig config;  // defaults with the request's overrides
  const CatalogSnapshot& catalog;
  const ShopGovernance& shops;  // taken with the snapshot, for this request
  const RankingResources resources;
  const TimeMs now;

  // User features, filled by the UserFeatureFetcher.
  ProfileView profile;
  SparseInterest long_term;
  SparseInterest instant;
  SparseInterest context;  // content tags and recently viewed products
  // The current session's products, oldest first: the request's
  // recent_product_ids when given, else what LogEvent recorded for this
  // user's session.
  std::vector<ProductIdx> session_products;
  absl::flat_hash_set<ProductIdx> excluded;
  std::optional<ShopIdx> storefront_shop;
  bool storefront_shop_unknown = false;  // shop_id given but not in catalog
  // Tags next to the user's interests that the exploration retriever used,
  // with their adjacency weight (for its rerank notes).
  absl::flat_hash_map<TagId, double> adjacent_tags;

  std::vector<Candidate> candidates;
  absl::flat_hash_map<ProductIdx, uint32_t> candidate_index;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_REQUEST_STATE_H_
