// The RecommendProducts pipeline as a readable list of stages:
//   user features → retrieve → filter → item features → score → rerank.
// Stages are created once and shared by all requests; per-request data lives
// in the RequestState.
#ifndef RANKER_CORE_PIPELINE_RANKING_PIPELINE_H_
#define RANKER_CORE_PIPELINE_RANKING_PIPELINE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/pipeline/item_feature_fetcher.h"
#include "core/pipeline/stages.h"
#include "core/pipeline/user_feature_fetcher.h"

namespace ranker {

class RankingPipeline {
 public:
  // The standard stage list (see docs/ranking.md).
  RankingPipeline();

  // Runs every stage; the result holds at most request.count items.
  absl::StatusOr<RecommendResult> Run(RequestState& state) const;

 private:
  UserFeatureFetcher user_features_;
  std::vector<std::unique_ptr<Retriever>> retrievers_;
  std::vector<std::unique_ptr<CandidateFilter>> filters_;
  ItemFeatureFetcher item_features_;
  std::vector<std::unique_ptr<Scorer>> scorers_;
  std::vector<std::unique_ptr<Reranker>> rerankers_;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_RANKING_PIPELINE_H_
