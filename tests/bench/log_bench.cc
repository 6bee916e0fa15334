// Event application through the facade: Engine::Log (validation, then every
// event applied to the profile, item statistics, sessions, co-engagement and
// tag co-occurrence) on a loaded engine without a journal, 1 and 1000
// events per call. items_per_second is events per second.
#include <span>

#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"

namespace ranker::bench {
namespace {

void ForEachSizeAndBatch(benchmark::internal::Benchmark* b) {
  b->ArgNames({"products", "events_per_call"});
  for (int size : BenchCatalogSizes()) {
    b->Args({size, 1});
    b->Args({size, 1000});
  }
}

void BM_EngineLog(benchmark::State& state) {
  BenchWorld& world = WorldFor(static_cast<int>(state.range(0)));
  Engine& engine = world.LogEngine();
  const size_t batch = static_cast<size_t>(state.range(1));
  const std::span<const Event> pool(world.event_pool);
  size_t offset = 0;
  for (auto _ : state) {
    if (offset + batch > pool.size()) offset = 0;
    absl::Status status = engine.Log(pool.subspan(offset, batch));
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
    offset += batch;
  }
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_EngineLog)->Apply(ForEachSizeAndBatch);

}  // namespace
}  // namespace ranker::bench
