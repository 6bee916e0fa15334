// Stage 2, retrieval, one family of retrievers at a time, each on the state
// the retrievers before it left (as in the pipeline; the popular fallback
// only fills what the others did not find). The storefront retriever is not
// here: the benchmark requests are feed requests, where it does nothing.
#include "benchmark/benchmark.h"
#include "tests/bench/bench_fixture.h"
#include "tests/bench/stage_benchmark.h"

namespace ranker::bench {
namespace {

void BM_Retrieve(benchmark::State& state, const char* first, const char* last,
                 Users users = Users::kActive) {
  RunPipelineSteps(state, first, last, users);
}
// Session neighbours (session kNN), co-engagement and the session's own
// products.
BENCHMARK_CAPTURE(BM_Retrieve, session, "retrieve/session_neighbors",
                  "retrieve/session_repeat")
    ->Apply(Stage);
BENCHMARK_CAPTURE(BM_Retrieve, session_neighbors, "retrieve/session_neighbors",
                  "retrieve/session_neighbors")
    ->Apply(Stage);
// Instant, long-term and context interest tags through the tag index.
BENCHMARK_CAPTURE(BM_Retrieve, interest_tags, "retrieve/instant_interest",
                  "retrieve/context_tags")
    ->Apply(Stage);
// Due consumables and carts.
BENCHMARK_CAPTURE(BM_Retrieve, conversion, "retrieve/repurchase",
                  "retrieve/cart")
    ->Apply(CheapStage);
BENCHMARK_CAPTURE(BM_Retrieve, live_now, "retrieve/live_now",
                  "retrieve/live_now")
    ->Apply(Stage);
// Adjacent interest (exploration through tag co-occurrence).
BENCHMARK_CAPTURE(BM_Retrieve, exploration, "retrieve/exploration",
                  "retrieve/exploration")
    ->Apply(Stage);
// After the others: it only fills what they did not find (usually nothing).
BENCHMARK_CAPTURE(BM_Retrieve, popular, "retrieve/popular", "retrieve/popular")
    ->Apply(CheapStage);
// A new user: the fallback does all the work.
BENCHMARK_CAPTURE(BM_Retrieve, popular_new_user, "retrieve/popular",
                  "retrieve/popular", Users::kNew)
    ->Apply(Stage);
BENCHMARK_CAPTURE(BM_Retrieve, all, "retrieve/session_neighbors",
                  "retrieve/popular")
    ->Apply(Stage);

}  // namespace
}  // namespace ranker::bench
