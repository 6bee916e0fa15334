// Timing a stretch of the pipeline on its own: each of the world's requests
// is brought to the state just before the stretch once, outside the loop;
// each iteration then restores one such state (not timed) and runs the
// stretch on it (timed: manual time, so register with ->Apply(Stage)).
#ifndef RANKER_TESTS_BENCH_STAGE_BENCHMARK_H_
#define RANKER_TESTS_BENCH_STAGE_BENCHMARK_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "benchmark/benchmark.h"
#include "core/pipeline/request_state.h"
#include "tests/bench/bench_fixture.h"

namespace ranker::bench {

// Benchmark::Apply arguments for RunPipelineSteps benchmarks: every catalog
// size, manual time. CheapStage also sets a min time of 0.01 s: for a stage
// of a few microseconds or less, restoring the state between runs costs 10
// to 100 times the stage, and the default min time of stage time would take
// seconds of wall time (it only costs precision, which such a stage does not
// need).
void Stage(benchmark::internal::Benchmark* b);
void CheapStage(benchmark::internal::Benchmark* b);
// A smaller --benchmark_min_time applies to the CheapStage benchmarks too
// (a benchmark's own min time overrides the flag): bench_main.cc calls this
// before running them.
void CapCheapStageMinTime(double seconds);

// Times the pipeline steps from `first` through `last` (step names:
// staged_pipeline.h) at the catalog size state.range(0), on the requests of
// `users`. Counters: candidates before and after the steps (cand_in,
// cand_out), averaged over the requests.
void RunPipelineSteps(benchmark::State& state, absl::string_view first,
                      absl::string_view last, Users users = Users::kActive);

// The world of state.range(0) and the requests of `users`, each run through
// the steps before `step`. Kept for the next call with the same arguments
// (Google Benchmark calls a benchmark function several times while it
// settles on an iteration count). Null world (and the benchmark skipped with
// the reason) when the staged pipeline does not reproduce Engine::Recommend.
struct PreparedStates {
  const BenchWorld* world = nullptr;
  std::vector<RequestState> states;
};
const PreparedStates& PrepareStates(benchmark::State& state,
                                    absl::string_view step, Users users);

}  // namespace ranker::bench

#endif  // RANKER_TESTS_BENCH_STAGE_BENCHMARK_H_
