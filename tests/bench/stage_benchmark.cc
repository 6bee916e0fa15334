#include "tests/bench/stage_benchmark.h"

#include <time.h>

#include <chrono>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

namespace ranker::bench {
namespace {

constexpr double kCheapStageMinTime = 0.01;

std::vector<benchmark::internal::Benchmark*>& CheapStages() {
  static auto* stages = new std::vector<benchmark::internal::Benchmark*>();
  return *stages;
}

// The last PrepareStates result, with what RunPipelineSteps derived from it.
struct CachedStates {
  std::tuple<int, size_t, Users> key;
  PreparedStates prepared;
  // For RunPipelineSteps, when `last` matches: the states it works on and
  // the candidate counts before and after the steps.
  size_t end = 0;
  std::vector<RequestState> work;
  double before = 0;
  double after = 0;
};
std::unique_ptr<CachedStates>& Cache() {
  static auto* cache = new std::unique_ptr<CachedStates>();
  return *cache;
}

// What the steps after the user feature fetch write (the retrievers add
// candidates and exploration's adjacent tags, the filter erases, the others
// rewrite candidates): copied back by assignment, which reuses the
// destination's memory.
void RestoreCandidates(const RequestState& from, RequestState& to) {
  to.candidates = from.candidates;
  to.candidate_index = from.candidate_index;
  to.adjacent_tags = from.adjacent_tags;
}

double ThreadCpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec * 1e-9;
}

}  // namespace

void Stage(benchmark::internal::Benchmark* b) {
  ForEachCatalogSize(b);
  b->UseManualTime();
}

void CheapStage(benchmark::internal::Benchmark* b) {
  Stage(b);
  b->MinTime(kCheapStageMinTime);
  CheapStages().push_back(b);
}

void CapCheapStageMinTime(double seconds) {
  if (seconds <= 0 || seconds >= kCheapStageMinTime) return;
  for (benchmark::internal::Benchmark* b : CheapStages()) b->MinTime(seconds);
}

const PreparedStates& PrepareStates(benchmark::State& state,
                                    absl::string_view step, Users users) {
  static const PreparedStates kNone;
  const int products = static_cast<int>(state.range(0));
  const BenchWorld& world = WorldFor(products);
  if (!world.pipeline_mismatch.empty()) {
    state.SkipWithError(world.pipeline_mismatch.c_str());
    return kNone;
  }
  const size_t begin = world.pipeline.IndexOf(step);
  std::unique_ptr<CachedStates>& cache = Cache();
  const auto key = std::make_tuple(products, begin, users);
  if (cache != nullptr && cache->key == key) return cache->prepared;

  cache.reset();  // free the last one first: at 1M they are big
  cache = std::make_unique<CachedStates>();
  cache->key = key;
  cache->prepared.world = &world;
  std::vector<RequestState>& states = cache->prepared.states;
  const std::vector<RecommendRequest>& requests =
      world.RequestsOf(users).requests;
  states.reserve(requests.size());
  for (const RecommendRequest& request : requests) {
    states.push_back(NewRequestState(world, request));
    world.pipeline.Run(states.back(), 0, begin);
  }
  return cache->prepared;
}

void RunPipelineSteps(benchmark::State& state, absl::string_view first,
                      absl::string_view last, Users users) {
  const PreparedStates& prepared = PrepareStates(state, first, users);
  if (prepared.world == nullptr) return;
  const StagedPipeline& pipeline = prepared.world->pipeline;
  const std::vector<RequestState>& ready = prepared.states;
  const size_t begin = pipeline.IndexOf(first);
  const size_t end = pipeline.IndexOf(last) + 1;

  CachedStates& cache = *Cache();
  if (cache.end != end) {
    cache.end = end;
    cache.work.clear();  // RequestState cannot be assigned: copy anew
    std::vector<RequestState>(ready.begin(), ready.end()).swap(cache.work);
    cache.before = cache.after = 0;
    for (RequestState& work : cache.work) {
      cache.before += work.candidates.size();
      pipeline.Run(work, begin, end);
      cache.after += work.candidates.size();
    }
    cache.before /= ready.size();
    cache.after /= ready.size();
  }

  // The steps alone: wall time as the iteration time, and this thread's
  // CPU time (what a busy machine's waiting does not inflate) as a counter.
  double cpu_seconds = 0;
  auto run_timed = [&](RequestState& work) {
    const double cpu_start = ThreadCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    pipeline.Run(work, begin, end);
    benchmark::DoNotOptimize(work.candidates.data());
    benchmark::ClobberMemory();
    const auto stop = std::chrono::steady_clock::now();
    cpu_seconds += ThreadCpuSeconds() - cpu_start;
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
  };
  size_t next = 0;
  auto advance = [&] { next = next + 1 == ready.size() ? 0 : next + 1; };
  if (begin == 0) {
    // The user feature fetch fills a new state: a new copy each time.
    std::optional<RequestState> work;
    for (auto _ : state) {
      work.emplace(ready[next]);
      run_timed(*work);
      advance();
    }
  } else {
    for (auto _ : state) {
      RestoreCandidates(ready[next], cache.work[next]);
      run_timed(cache.work[next]);
      advance();
    }
  }
  state.counters["cand_in"] = cache.before;
  state.counters["cand_out"] = cache.after;
  state.counters["stage_cpu"] =
      benchmark::Counter(cpu_seconds, benchmark::Counter::kAvgIterations);
}

}  // namespace ranker::bench
