// Google Benchmark's main, except that --benchmark_min_time also caps the
// CheapStage benchmarks' own min time (stage_benchmark.h), so that a short
// run, such as the CTest smoke run, stays short. Like the release server
// (server/main.cc), it turns Abseil's per-lock deadlock detection off, so
// the figures are the server's.
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "benchmark/benchmark.h"
#include "tests/bench/stage_benchmark.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    double seconds = 0;
    if (absl::ConsumePrefix(&arg, "--benchmark_min_time=") &&
        absl::SimpleAtod(arg, &seconds)) {
      ranker::bench::CapCheapStageMinTime(seconds);
    }
  }
#ifdef NDEBUG
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
