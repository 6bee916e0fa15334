// Stage 6, reranking: each reranker on the list the ones before it left,
// the whole stage, and building the response items.
#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"
#include "tests/bench/stage_benchmark.h"

namespace ranker::bench {
namespace {

void BM_Rerank(benchmark::State& state, const char* first, const char* last) {
  RunPipelineSteps(state, first, last);
}
// timing: Stage, or CheapStage for rerankers of a microsecond or less.
#define RANKER_BENCH_RERANKER(name, timing)                            \
  BENCHMARK_CAPTURE(BM_Rerank, name, "rerank/" #name, "rerank/" #name) \
      ->Apply(timing)
RANKER_BENCH_RERANKER(exploration_slots, Stage);
RANKER_BENCH_RERANKER(long_tail_exposure, CheapStage);
RANKER_BENCH_RERANKER(diversity, Stage);
RANKER_BENCH_RERANKER(commerce_density, CheapStage);
#undef RANKER_BENCH_RERANKER
BENCHMARK_CAPTURE(BM_Rerank, all, "rerank/exploration_slots",
                  "rerank/commerce_density")
    ->Apply(Stage);
// Cut to the count and build the RecommendedItems (explanation_builder.h).
BENCHMARK_CAPTURE(BM_Rerank, result, "result", "result")->Apply(CheapStage);

}  // namespace
}  // namespace ranker::bench
