// Stage 4, item feature fetch: the decayed counts of every candidate left
// after filtering (ItemFeatureFetcher).
#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"
#include "tests/bench/stage_benchmark.h"

namespace ranker::bench {
namespace {

void BM_ItemFeatures(benchmark::State& state) {
  RunPipelineSteps(state, "item_features", "item_features");
}
BENCHMARK(BM_ItemFeatures)->Apply(Stage);

}  // namespace
}  // namespace ranker::bench
