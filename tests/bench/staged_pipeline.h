// RankingPipeline (core/pipeline/ranking_pipeline.cc) taken apart into named
// steps, so that a benchmark can bring a request's state to the point just
// before a stage and time that stage alone. RankingPipeline keeps its stage
// objects private, so this class builds the same stages in the same order
// and runs them the same way; the fixture checks, for every benchmark
// request, that running all steps gives exactly Engine::Recommend's items
// (bench_fixture.cc), so the copy cannot drift unnoticed.
//
// Step names: "user_features", "retrieve/<source>" (one per retriever, in
// pipeline order, named after its source: session_neighbors, co_engagement,
// session_repeat, instant_interest, long_term_interest, context_tags,
// storefront, repurchase, cart, live_now, exploration, popular), "filter"
// (all filters, fused per candidate as the pipeline runs them),
// "item_features", "score/<scorer>" (one per scorer), "score/sum_and_sort",
// "rerank/<reranker>" (one per reranker), "result" (cut to the count and
// build the RecommendedItems).
#ifndef RANKER_TESTS_BENCH_STAGED_PIPELINE_H_
#define RANKER_TESTS_BENCH_STAGED_PIPELINE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/pipeline/item_feature_fetcher.h"
#include "core/pipeline/recommend_request.h"
#include "core/pipeline/request_state.h"
#include "core/pipeline/stages.h"
#include "core/pipeline/user_feature_fetcher.h"

namespace ranker::bench {

class StagedPipeline {
 public:
  struct Step {
    std::string name;
    std::function<void(RequestState&)> run;
  };

  StagedPipeline();
  StagedPipeline(const StagedPipeline&) = delete;
  StagedPipeline& operator=(const StagedPipeline&) = delete;

  const std::vector<Step>& steps() const { return steps_; }
  // The position of the step called `name`; aborts for an unknown name (a
  // benchmark naming a stage the pipeline no longer has).
  size_t IndexOf(absl::string_view name) const;
  // Runs steps [first, last).
  void Run(RequestState& state, size_t first, size_t last) const;

  // The filters one by one, for per-filter benchmarks (the "filter" step
  // runs them all).
  const std::vector<std::unique_ptr<CandidateFilter>>& filters() const {
    return filters_;
  }

  // The last result the "result" step built (for the fixture's check).
  const RecommendResult& last_result() const { return last_result_; }

 private:
  UserFeatureFetcher user_features_;
  std::vector<std::unique_ptr<Retriever>> retrievers_;
  std::vector<std::unique_ptr<CandidateFilter>> filters_;
  ItemFeatureFetcher item_features_;
  std::vector<std::unique_ptr<Scorer>> scorers_;
  std::vector<std::unique_ptr<Reranker>> rerankers_;
  std::vector<Step> steps_;
  // Written by the "result" step; the benchmarks are single-threaded.
  mutable RecommendResult last_result_;
};

}  // namespace ranker::bench

#endif  // RANKER_TESTS_BENCH_STAGED_PIPELINE_H_
