// Stage 5, scoring: each scorer over the filtered candidates, the sum and
// sort that follow, and the whole stage.
#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"
#include "tests/bench/stage_benchmark.h"

namespace ranker::bench {
namespace {

void BM_Score(benchmark::State& state, const char* first, const char* last) {
  RunPipelineSteps(state, first, last);
}
// timing: Stage, or CheapStage for scorers of a few microseconds.
#define RANKER_BENCH_SCORER(name, timing)                           \
  BENCHMARK_CAPTURE(BM_Score, name, "score/" #name, "score/" #name) \
      ->Apply(timing)
RANKER_BENCH_SCORER(interest_match, Stage);
RANKER_BENCH_SCORER(engagement_rate, Stage);
RANKER_BENCH_SCORER(popularity, Stage);
RANKER_BENCH_SCORER(session, Stage);
RANKER_BENCH_SCORER(shop_quality, CheapStage);
RANKER_BENCH_SCORER(value, Stage);
RANKER_BENCH_SCORER(repurchase_due, CheapStage);
RANKER_BENCH_SCORER(cart, CheapStage);
RANKER_BENCH_SCORER(fact_boost, Stage);
RANKER_BENCH_SCORER(popularity_debias, Stage);
RANKER_BENCH_SCORER(exploration, CheapStage);
RANKER_BENCH_SCORER(sum_and_sort, Stage);
#undef RANKER_BENCH_SCORER
BENCHMARK_CAPTURE(BM_Score, all, "score/interest_match", "score/sum_and_sort")
    ->Apply(Stage);

}  // namespace
}  // namespace ranker::bench
