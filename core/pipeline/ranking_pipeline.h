// The RecommendProducts pipeline as a readable list of stages:
//   user features → retrieve → filter → item features → score → rerank.
// Stages are created once and shared by all requests; per-request data lives
// in the RequestState. Before each stage the request's deadline is checked.
#ifndef RANKER_CORE_PIPELINE_RANKING_PIPELINE_H_
#define RANKER_CORE_PIPELINE_RANKING_PIPELINE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "core/deadline.h"
#include "core/pipeline/item_feature_fetcher.h"
#include "core/pipeline/stages.h"
#include "core/pipeline/user_feature_fetcher.h"

namespace ranker {

class RankingPipeline {
 public:
  // The standard stage list (see docs/ranking.md); `clock` is what the
  // request's deadline is read against.
  explicit RankingPipeline(DeadlineClock clock = absl::Now);

  // Runs every stage; the result holds at most request.count items.
  // DEADLINE_EXCEEDED naming the stage it would have started next ("...
  // before the retrieve stage") once state.request.deadline has passed; the
  // deadline is read once before each stage.
  absl::StatusOr<RecommendResult> Run(RequestState& state) const;

 private:
  const DeadlineClock clock_;
  UserFeatureFetcher user_features_;
  std::vector<std::unique_ptr<Retriever>> retrievers_;
  std::vector<std::unique_ptr<CandidateFilter>> filters_;
  ItemFeatureFetcher item_features_;
  std::vector<std::unique_ptr<Scorer>> scorers_;
  std::vector<std::unique_ptr<Reranker>> rerankers_;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_RANKING_PIPELINE_H_
