// The whole RecommendProducts path in the core: Engine::Recommend (request
// validation, config, snapshot, every stage, the result), feed scene, count
// 20, for active users (about 1000 candidates scored; the counters say how
// many) and for new ones (popular fallback only). And the staged pipeline's
// full run on the active users' requests, which the stage benchmarks add up
// to.
#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"
#include "tests/bench/stage_benchmark.h"

namespace ranker::bench {
namespace {

void BM_Recommend(benchmark::State& state, Users users) {
  const BenchWorld& world = WorldFor(static_cast<int>(state.range(0)));
  const BenchRequests& requests = world.RequestsOf(users);
  size_t next = 0;
  size_t results = 0;
  for (auto _ : state) {
    absl::StatusOr<RecommendResult> result =
        world.engine->Recommend(requests.requests[next]);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      break;
    }
    results += result->items.size();
    benchmark::DoNotOptimize(result);
    next = next + 1 == requests.requests.size() ? 0 : next + 1;
  }
  state.counters["retrieved"] = requests.retrieved;
  state.counters["candidates"] = requests.scored;
  state.counters["results"] =
      benchmark::Counter(results, benchmark::Counter::kAvgIterations);
}
BENCHMARK_CAPTURE(BM_Recommend, active_user, Users::kActive)
    ->Apply(ForEachCatalogSize);
BENCHMARK_CAPTURE(BM_Recommend, new_user, Users::kNew)
    ->Apply(ForEachCatalogSize);

void BM_PipelineSteps(benchmark::State& state) {
  RunPipelineSteps(state, "user_features", "result");
}
BENCHMARK(BM_PipelineSteps)->Apply(Stage);

}  // namespace
}  // namespace ranker::bench
