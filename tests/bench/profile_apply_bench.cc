// Event application below the facade: ProfileStore::Apply (the sharded
// store: hash, lock, find, update) on a store holding the event users'
// histories, and UserProfile::Apply on one profile at its caps. Events are
// the world's event pool, resolved to dense ids outside the loop.
#include <vector>

#include "benchmark/benchmark.h"
#include "core/interest/profile_store.h"
#include "core/interest/user_profile.h"
#include "tests/bench/bench_fixture.h"

namespace ranker::bench {
namespace {

ProfileEvent ToProfileEvent(const CatalogSnapshot& catalog,
                            const Event& event) {
  ProfileEvent out;
  out.product = catalog.Find(event.product_id).value_or(0);
  out.type = event.type;
  out.time = event.timestamp_ms == 0 ? kBenchNow : event.timestamp_ms;
  out.dwell_ms = event.dwell_ms;
  out.product_tags = catalog.product(out.product).tags;
  out.content_form = event.content_form;
  return out;
}

std::vector<ProfileEvent> ResolvePool(const BenchWorld& world) {
  std::vector<ProfileEvent> events;
  for (const Event& event : world.event_pool) {
    events.push_back(ToProfileEvent(world.state->catalog(), event));
  }
  return events;
}

void BM_ProfileStoreApply(benchmark::State& state) {
  const BenchWorld& world = WorldFor(static_cast<int>(state.range(0)));
  const CatalogSnapshot& catalog = world.state->catalog();
  const EngineOptions options = BenchEngineOptions();
  ProfileStore store(options.interest, options.profile_shards,
                     options.max_users);
  for (int user : world.event_pool_users) {
    for (const Event& event : world.histories->UserEvents(user)) {
      store.Apply(event.user_id, ToProfileEvent(catalog, event));
    }
  }
  const std::vector<ProfileEvent> events = ResolvePool(world);
  size_t next = 0;
  for (auto _ : state) {
    store.Apply(world.event_pool[next].user_id, events[next]);
    next = next + 1 == events.size() ? 0 : next + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["users"] = store.user_count();
}
BENCHMARK(BM_ProfileStoreApply)->Apply(ForEachCatalogSize);

void BM_UserProfileApply(benchmark::State& state) {
  const BenchWorld& world = WorldFor(static_cast<int>(state.range(0)));
  const InterestConfig& config = world.state->interest_config();
  const std::vector<ProfileEvent> events = ResolvePool(world);
  UserProfile profile;
  for (const ProfileEvent& event : events) profile.Apply(event, config);
  size_t next = 0;
  for (auto _ : state) {
    profile.Apply(events[next], config);
    next = next + 1 == events.size() ? 0 : next + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UserProfileApply)->Apply(ForEachCatalogSize);

}  // namespace
}  // namespace ranker::bench
