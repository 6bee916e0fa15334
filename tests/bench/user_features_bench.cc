// Stage 1, user feature fetch: UserFeatureFetcher::Fetch on a new request
// state (the profile view, the session's products, the context tags), and
// ProfileStore::View alone, which is most of it.
#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"
#include "tests/bench/stage_benchmark.h"

namespace ranker::bench {
namespace {

void BM_UserFeatures(benchmark::State& state) {
  RunPipelineSteps(state, "user_features", "user_features");
}
BENCHMARK(BM_UserFeatures)->Apply(Stage);

void BM_ProfileStoreView(benchmark::State& state) {
  const BenchWorld& world = WorldFor(static_cast<int>(state.range(0)));
  const ProfileStore& profiles = *world.state->resources().profiles;
  const std::vector<RecommendRequest>& requests = world.active.requests;
  size_t next = 0;
  size_t tags = 0;
  for (auto _ : state) {
    ProfileView view = profiles.View(requests[next].user_id, kBenchNow);
    tags += view.long_term.size() + view.instant.size();
    benchmark::DoNotOptimize(view);
    next = next + 1 == requests.size() ? 0 : next + 1;
  }
  state.counters["interest_tags"] =
      benchmark::Counter(tags, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ProfileStoreView)->Apply(ForEachCatalogSize);

}  // namespace
}  // namespace ranker::bench
