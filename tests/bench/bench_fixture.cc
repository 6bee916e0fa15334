#include "tests/bench/bench_fixture.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <span>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "core/limits.h"
#include "core/persist/snapshot_file.h"

namespace ranker::bench {
namespace {

constexpr int kEventsPerLogCall = 1000;
// Requests of each kind and events in the pool; a smoke run has fewer
// (SmokeRun()).
struct WorldShape {
  int active_requests;
  int new_user_requests;
  int event_pool;
};
constexpr WorldShape kFullShape = {64, 16, 20'000};
constexpr WorldShape kSmokeShape = {4, 2, 2'000};
constexpr int kSmokeProducts = 1'000;
// Users: half the products, at most this many (the 1M world would otherwise
// log 10M events and hold three copies of 500k profiles).
constexpr int kMaxUsers = 250'000;
constexpr int kActiveUserMinEvents = 10;

bool SmokeRun() {
  const char* smoke = std::getenv("RANKER_BENCH_SMOKE");
  return smoke != nullptr && std::string(smoke) == "1";
}

const WorldShape& Shape() { return SmokeRun() ? kSmokeShape : kFullShape; }

int BenchUsers(int products) {
  if (const char* users = std::getenv("RANKER_BENCH_USERS")) {
    int n = 0;
    if (absl::SimpleAtoi(users, &n) && n > 0) return n;
    std::fprintf(stderr, "ignoring RANKER_BENCH_USERS='%s'\n", users);
  }
  return std::clamp(products / 2, 1, kMaxUsers);
}

}  // namespace

std::vector<int> BenchCatalogSizes() {
  std::vector<int> sizes;
  if (const char* list = std::getenv("RANKER_BENCH_PRODUCTS")) {
    for (absl::string_view part : absl::StrSplit(list, ',')) {
      int n = 0;
      if (absl::SimpleAtoi(part, &n) && n > 0) sizes.push_back(n);
    }
    if (!sizes.empty()) return sizes;
    std::fprintf(stderr, "ignoring RANKER_BENCH_PRODUCTS='%s'\n", list);
  }
  if (SmokeRun()) return {kSmokeProducts};
  sizes = {10'000, 100'000};
  if (const char* large = std::getenv("RANKER_BENCH_LARGE");
      large != nullptr && std::string(large) == "1") {
    sizes.push_back(1'000'000);
  }
  return sizes;
}

namespace {

void Check(const absl::Status& status, absl::string_view what) {
  if (status.ok()) return;
  std::fprintf(stderr, "bench world: %.*s: %s\n", static_cast<int>(what.size()),
               what.data(), status.ToString().c_str());
  std::abort();
}

double SecondsSince(absl::Time start) {
  return absl::ToDoubleSeconds(absl::Now() - start);
}

// Snapshot directories, removed at exit.
struct TempDirs {
  absl::Mutex mu;
  std::vector<std::filesystem::path> dirs;
  ~TempDirs() {
    std::error_code ignored;
    for (const auto& dir : dirs) std::filesystem::remove_all(dir, ignored);
  }
};
TempDirs& Temporaries() {
  static TempDirs dirs;
  return dirs;
}

std::string NewTempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "ranker_bench.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    Check(absl::InternalError("mkdtemp failed"), pattern);
  }
  TempDirs& temporaries = Temporaries();
  absl::MutexLock lock(&temporaries.mu);
  temporaries.dirs.push_back(pattern);
  return pattern;
}

void LoadCatalog(BenchWorld& world) {
  std::vector<ProductSpec> batch;
  for (int i = 0; i < world.products; ++i) {
    batch.push_back(world.catalog->Product(i));
    // API-sized batches, as the server loads a catalog file.
    if (batch.size() == limits::kMaxProductsPerCall ||
        i + 1 == world.products) {
      Check(world.engine->UpsertProducts(batch).status(), "UpsertProducts");
      batch.clear();
    }
  }
}

size_t LoadHistories(BenchWorld& world) {
  std::vector<Event> batch;
  size_t events = 0;
  auto flush = [&] {
    if (batch.empty()) return;
    Check(world.engine->Log(batch), "Log");
    events += batch.size();
    batch.clear();
  };
  for (int user = 0; user < world.users; ++user) {
    for (Event& event : world.histories->UserEvents(user)) {
      batch.push_back(std::move(event));
      if (batch.size() == kEventsPerLogCall) flush();
    }
  }
  flush();
  return events;
}

RecommendRequest FeedRequest(std::string user_id, std::string session_id) {
  RecommendRequest request;
  request.user_id = std::move(user_id);
  request.session_id = std::move(session_id);
  request.scene = Scene::kFeed;
  request.count = 20;
  request.content_slots = 80;
  return request;
}

// Requests of users with at least kActiveUserMinEvents events, spread over
// the user ids, and of new users.
void MakeRequests(BenchWorld& world) {
  const CatalogSnapshot& catalog = world.state->catalog();
  std::vector<RecommendRequest>& active = world.active.requests;
  const int wanted = Shape().active_requests;
  for (int k = 0; static_cast<int>(active.size()) < wanted; ++k) {
    const int user = static_cast<int>((int64_t{k} * 7919 + 13) % world.users);
    std::vector<Event> events = world.histories->UserEvents(user);
    if (static_cast<int>(events.size()) < kActiveUserMinEvents &&
        k < 100 * wanted) {
      continue;
    }
    RecommendRequest request =
        FeedRequest(events.back().user_id, events.back().session_id);
    // The video being watched is about what the user last looked at.
    if (auto product = catalog.Find(events.back().product_id)) {
      const auto& tags = catalog.product(*product).tags;
      for (size_t i = 0; i < tags.size() && i < 3; ++i) {
        request.context_tags.push_back(world.state->tags().Name(tags[i].tag));
      }
    }
    active.push_back(std::move(request));
  }
  for (int k = 0; k < Shape().new_user_requests; ++k) {
    world.new_users.requests.push_back(
        FeedRequest(absl::StrCat("bench-new-u", k), "s1"));
  }
}

// Runs every request through the staged pipeline, counts its candidates and
// compares its items with Engine::Recommend's.
void CheckPipeline(BenchWorld& world, BenchRequests& requests) {
  const StagedPipeline& pipeline = world.pipeline;
  const size_t filter = pipeline.IndexOf("filter");
  const size_t end = pipeline.steps().size();
  for (const RecommendRequest& request : requests.requests) {
    RequestState state = NewRequestState(world, request);
    pipeline.Run(state, 0, filter);
    requests.retrieved += state.candidates.size();
    pipeline.Run(state, filter, filter + 1);
    requests.scored += state.candidates.size();
    pipeline.Run(state, filter + 1, end);

    absl::StatusOr<RecommendResult> expected = world.engine->Recommend(request);
    Check(expected.status(), "Recommend");
    const auto& got = pipeline.last_result().items;
    // The same items with the same scores up to rounding: the stores' hash
    // maps iterate in another order than the engine's, so sums over them can
    // differ in the last bits (and near-ties may swap places).
    bool same = got.size() == expected->items.size();
    absl::flat_hash_set<std::string> ids;
    for (size_t i = 0; same && i < got.size(); ++i) {
      const double a = got[i].score;
      const double b = expected->items[i].score;
      same = std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
      ids.insert(got[i].product_id);
    }
    for (size_t i = 0; same && i < got.size(); ++i) {
      same = ids.contains(expected->items[i].product_id);
    }
    if (!same && world.pipeline_mismatch.empty()) {
      world.pipeline_mismatch = absl::StrCat(
          "tests/bench/staged_pipeline.cc no longer matches "
          "core/pipeline/ranking_pipeline.cc: user ",
          request.user_id, " got other items than Engine::Recommend");
    }
  }
  requests.retrieved /= requests.requests.size();
  requests.scored /= requests.requests.size();
}

// More events of the request users (the active ones), at the world's now.
void MakeEventPool(BenchWorld& world) {
  scale::SyntheticHistoryOptions options;
  options.users = world.users;
  options.now_ms = kBenchNow;
  options.seed = 20261205;  // not the loaded histories' seed
  scale::SyntheticHistories more(*world.catalog, options);
  const int wanted = Shape().event_pool;
  for (int k = 0; static_cast<int>(world.event_pool.size()) < wanted; ++k) {
    const int user = static_cast<int>((int64_t{k} * 7919 + 13) % world.users);
    world.event_pool_users.push_back(user);
    for (Event& event : more.UserEvents(user)) {
      event.timestamp_ms = kBenchNow;
      world.event_pool.push_back(std::move(event));
    }
  }
  world.event_pool.resize(wanted);
}

std::unique_ptr<BenchWorld> BuildWorld(int products) {
  auto world = std::make_unique<BenchWorld>();
  world->products = products;
  world->users = BenchUsers(products);
  std::fprintf(stderr, "bench world: %d products, %d users...\n", products,
               world->users);

  absl::Time start = absl::Now();
  scale::SyntheticCatalogOptions catalog_options;
  catalog_options.products = products;
  catalog_options.now_ms = kBenchNow;
  world->catalog = std::make_unique<scale::SyntheticCatalog>(catalog_options);
  world->catalog->ProductsByLeaf();
  world->engine = std::make_unique<Engine>(BenchEngineOptions());
  LoadCatalog(*world);
  const double catalog_s = SecondsSince(start);

  start = absl::Now();
  scale::SyntheticHistoryOptions history_options;
  history_options.users = world->users;
  history_options.now_ms = kBenchNow;
  world->histories = std::make_unique<scale::SyntheticHistories>(
      *world->catalog, history_options);
  const size_t events = LoadHistories(*world);
  const double log_s = SecondsSince(start);

  start = absl::Now();
  absl::StatusOr<std::string> path =
      WriteEngineSnapshot(*world->engine, NewTempDir());
  Check(path.status(), "snapshot");
  world->snapshot_path = *path;
  absl::StatusOr<std::unique_ptr<EngineStateCopy>> state =
      EngineStateCopy::Load(*path, BenchEngineOptions());
  Check(state.status(), "loading the snapshot");
  world->state = std::move(*state);
  const double copy_s = SecondsSince(start);

  MakeRequests(*world);
  CheckPipeline(*world, world->active);
  CheckPipeline(*world, world->new_users);
  MakeEventPool(*world);
  std::fprintf(stderr,
               "bench world: %d products in %.1f s, %zu events in %.1f s, "
               "state copy in %.1f s; active users' requests: %.0f "
               "candidates retrieved, %.0f scored\n",
               products, catalog_s, events, log_s, copy_s,
               world->active.retrieved, world->active.scored);
  if (!world->pipeline_mismatch.empty()) {
    std::fprintf(stderr, "bench world: %s\n", world->pipeline_mismatch.c_str());
  }
  return world;
}

}  // namespace

void ForEachCatalogSize(benchmark::internal::Benchmark* b) {
  b->ArgName("products");
  for (int size : BenchCatalogSizes()) b->Arg(size);
}

RankingConfig BenchRankingConfig() {
  RankingConfig config;
  config.instant_interest_quota = 500;
  config.long_term_interest_quota = 500;
  config.context_tags_quota = 400;
  config.session_neighbors_quota = 300;
  config.co_engagement_quota = 300;
  config.live_now_quota = 100;
  config.exploration_quota = 200;
  return config;
}

EngineOptions BenchEngineOptions() {
  EngineOptions options;
  options.ranking = BenchRankingConfig();
  options.clock = [] { return kBenchNow; };
  return options;
}

Engine& BenchWorld::LogEngine() {
  if (log_engine == nullptr) {
    log_engine = std::make_unique<Engine>(BenchEngineOptions());
    absl::StatusOr<persist::SnapshotReader> in =
        persist::SnapshotReader::Open(snapshot_path);
    Check(in.status(), "reading the snapshot");
    Check(log_engine->LoadSnapshot(*in), "loading the snapshot");
  }
  return *log_engine;
}

BenchWorld& WorldFor(int products) {
  static absl::Mutex mu(absl::kConstInit);
  // Never destroyed: tearing down a 1M world at exit only costs time.
  static auto* worlds = new std::map<int, std::unique_ptr<BenchWorld>>();
  absl::MutexLock lock(&mu);
  std::unique_ptr<BenchWorld>& world = (*worlds)[products];
  if (world == nullptr) world = BuildWorld(products);
  return *world;
}

RequestState NewRequestState(const BenchWorld& world,
                             const RecommendRequest& request) {
  return RequestState(request, BenchRankingConfig(), world.state->catalog(),
                      world.state->shops(), world.state->resources(),
                      kBenchNow);
}

}  // namespace ranker::bench
