// Stage 3, filters: all of them as the pipeline runs them (erase what any
// filter rejects), and each filter's Keep over the retrieved candidates.
#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"
#include "tests/bench/stage_benchmark.h"

namespace ranker::bench {
namespace {

void BM_Filter(benchmark::State& state) {
  RunPipelineSteps(state, "filter", "filter");
}
BENCHMARK(BM_Filter)->Apply(Stage);

// Keep is read-only, so no state needs restoring: plain timing.
void BM_FilterEach(benchmark::State& state, const char* name) {
  const PreparedStates& prepared =
      PrepareStates(state, "filter", Users::kActive);
  const BenchWorld* world = prepared.world;
  if (world == nullptr) return;
  const CandidateFilter* filter = nullptr;
  for (const auto& f : world->pipeline.filters()) {
    if (f->name() == name) filter = f.get();
  }
  if (filter == nullptr) {
    state.SkipWithError("no such filter");
    return;
  }
  size_t next = 0;
  size_t kept = 0;
  size_t seen = 0;
  for (auto _ : state) {
    const RequestState& request = prepared.states[next];
    for (const Candidate& c : request.candidates) {
      kept += filter->Keep(request, c);
    }
    seen += request.candidates.size();
    next = next + 1 == prepared.states.size() ? 0 : next + 1;
  }
  state.SetItemsProcessed(seen);
  state.counters["kept_share"] = seen == 0 ? 0.0 : double(kept) / seen;
}
BENCHMARK_CAPTURE(BM_FilterEach, governance, "governance")
    ->Apply(ForEachCatalogSize);
BENCHMARK_CAPTURE(BM_FilterEach, storefront_shop, "storefront_shop")
    ->Apply(ForEachCatalogSize);
BENCHMARK_CAPTURE(BM_FilterEach, excluded, "excluded")
    ->Apply(ForEachCatalogSize);
BENCHMARK_CAPTURE(BM_FilterEach, purchased_durable, "purchased_durable")
    ->Apply(ForEachCatalogSize);
BENCHMARK_CAPTURE(BM_FilterEach, repurchase_not_due, "repurchase_not_due")
    ->Apply(ForEachCatalogSize);
BENCHMARK_CAPTURE(BM_FilterEach, dismissed, "dismissed")
    ->Apply(ForEachCatalogSize);
BENCHMARK_CAPTURE(BM_FilterEach, impression_fatigue, "impression_fatigue")
    ->Apply(ForEachCatalogSize);

}  // namespace
}  // namespace ranker::bench
