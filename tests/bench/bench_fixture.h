// The world every micro-benchmark runs in: a synthetic catalog of a given
// size (client/scale), user histories loaded through Engine::Log, and
// feed requests of active users. Built once per process and size, on first
// use, and kept until exit (building the 1M world takes minutes).
//
// Sizes: 10k and 100k products by default; RANKER_BENCH_LARGE=1 adds 1M;
// RANKER_BENCH_PRODUCTS=<n>[,<n>...] replaces the list. Users: half as many
// as products, at most 250k (RANKER_BENCH_USERS=<n> sets the number), 20
// events each on average (client/scale/synthetic_histories.h).
// RANKER_BENCH_SMOKE=1 (the CTest smoke run) makes a small world quickly: 1000
// products unless RANKER_BENCH_PRODUCTS says otherwise, few requests, a small
// event pool.
#ifndef RANKER_TESTS_BENCH_BENCH_FIXTURE_H_
#define RANKER_TESTS_BENCH_BENCH_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "client/scale/synthetic_catalog.h"
#include "client/scale/synthetic_histories.h"
#include "core/engine.h"
#include "core/event.h"
#include "core/pipeline/recommend_request.h"
#include "core/pipeline/request_state.h"
#include "tests/bench/engine_state_copy.h"
#include "tests/bench/staged_pipeline.h"

namespace ranker::bench {

// The fixed "now" of every world: its catalog's live windows, the end of its
// histories, and the engines' clock (so decay and the popular list do not
// move between iterations).
inline constexpr TimeMs kBenchNow = 1'790'000'000'000;

// The catalog sizes of this run (see above).
std::vector<int> BenchCatalogSizes();
// Benchmark::Apply argument: one run per catalog size (see above), the
// argument named "products".
void ForEachCatalogSize(benchmark::internal::Benchmark* b);

// The ranking config of the benchmarks: the defaults with the retrieval
// quotas raised so that an active user's feed request scores over 1000
// candidates (the defaults give about 700 after filtering).
RankingConfig BenchRankingConfig();
EngineOptions BenchEngineOptions();

// Which users the requests are for.
enum class Users {
  // Users with at least 10 events in their history, each in its latest
  // session with the content tags of its latest product: every retriever
  // has something to go on.
  kActive,
  // Users never seen, no session, no context: the popular fallback does
  // the retrieval.
  kNew,
};

// Feed requests (count 20, 80 content slots) and what the staged pipeline
// counted for them, averaged.
struct BenchRequests {
  std::vector<RecommendRequest> requests;
  double retrieved = 0;  // candidates after the retrievers
  double scored = 0;     // after the filters
};

struct BenchWorld {
  int products = 0;
  int users = 0;
  std::unique_ptr<scale::SyntheticCatalog> catalog;
  std::unique_ptr<scale::SyntheticHistories> histories;
  // Loaded with the catalog and every user's history; Recommend only.
  std::unique_ptr<Engine> engine;
  // The same state as stage-level stores, for the stage benchmarks.
  std::unique_ptr<EngineStateCopy> state;
  StagedPipeline pipeline;
  BenchRequests active;
  BenchRequests new_users;
  const BenchRequests& RequestsOf(Users users) const {
    return users == Users::kActive ? active : new_users;
  }
  // Empty when the staged pipeline gave Engine::Recommend's items for every
  // request; otherwise what differed (the stage benchmarks then fail).
  std::string pipeline_mismatch;

  // Another engine loaded from the same snapshot, for the write benchmarks
  // (they change its state; `engine` stays as loaded). Built on first use.
  Engine& LogEngine();
  // More of the loaded users' events (continuing their histories), for the
  // write benchmarks.
  std::vector<Event> event_pool;
  std::vector<int> event_pool_users;  // whose events they are

  std::string snapshot_path;
  std::unique_ptr<Engine> log_engine;
};

// The world of `products` products, built on first use.
BenchWorld& WorldFor(int products);

// A RequestState for `request` over the world's stores, as Engine::Recommend
// builds it.
RequestState NewRequestState(const BenchWorld& world,
                             const RecommendRequest& request);

}  // namespace ranker::bench

#endif  // RANKER_TESTS_BENCH_BENCH_FIXTURE_H_
