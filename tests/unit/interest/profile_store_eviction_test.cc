// The user cap of ProfileStore: how many profiles it keeps, which one a new
// user evicts, and that eviction depends only on the events applied (so a
// write-ahead log replay rebuilds the same profiles).
#include <random>
#include <string>
#include <vector>

#include "core/interest/profile_store.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kT0 = 1'700'000'000'000;
const std::vector<TagWeight> kTags = {{3, 1.0f}};

ProfileEvent Click(ProductIdx product, TimeMs time) {
  ProfileEvent event;
  event.product = product;
  event.type = EventType::kClick;
  event.time = time;
  event.product_tags = kTags;
  return event;
}

bool Known(const ProfileStore& store, const std::string& user) {
  return store.View(user, kT0 + 1'000'000).known;
}

TEST(ProfileStoreEviction, NoCapKeepsEveryUser) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/4, /*max_users=*/0);
  for (int i = 0; i < 200; ++i)
    store.Apply("u" + std::to_string(i), Click(1, kT0));
  EXPECT_EQ(store.user_count(), 200u);
  EXPECT_EQ(store.evicted_count(), 0u);
}

TEST(ProfileStoreEviction, NeverHoldsMoreThanTheCap) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/4, /*max_users=*/10);
  for (int i = 0; i < 200; ++i) {
    store.Apply("u" + std::to_string(i), Click(1, kT0 + i));
    ASSERT_LE(store.user_count(), 10u) << "after user " << i;
  }
  EXPECT_EQ(store.evicted_count(), 200u - store.user_count());
  // The latest user always stays.
  EXPECT_TRUE(Known(store, "u199"));
}

TEST(ProfileStoreEviction, ANewUserEvictsTheProfileIdleTheLongest) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/1, /*max_users=*/3);
  store.Apply("a", Click(1, kT0 + 10));
  store.Apply("b", Click(1, kT0 + 30));
  store.Apply("c", Click(1, kT0 + 20));
  store.Apply("a", Click(2, kT0 + 40));  // a is active again: c is now oldest
  // A late event carrying an old time leaves b's last event time at 30.
  store.Apply("b", Click(2, kT0 + 5));
  store.Apply("d", Click(1, kT0 + 50));

  EXPECT_FALSE(Known(store, "c"));
  EXPECT_TRUE(Known(store, "a"));
  EXPECT_TRUE(Known(store, "b"));
  EXPECT_TRUE(Known(store, "d"));
  EXPECT_EQ(store.user_count(), 3u);
  EXPECT_EQ(store.evicted_count(), 1u);

  store.Apply("e", Click(1, kT0 + 60));  // b (30) is now the oldest
  EXPECT_FALSE(Known(store, "b"));
  EXPECT_EQ(store.evicted_count(), 2u);
}

TEST(ProfileStoreEviction, EqualIdleTimesEvictTheSmallestUserIdFirst) {
  // Apply order differs, the victim does not.
  for (const bool a_first : {true, false}) {
    ProfileStore store(InterestConfig{}, /*shard_count=*/1, /*max_users=*/2);
    store.Apply(a_first ? "a" : "b", Click(1, kT0));
    store.Apply(a_first ? "b" : "a", Click(1, kT0));
    store.Apply("c", Click(1, kT0));
    EXPECT_FALSE(Known(store, "a")) << a_first;
    EXPECT_TRUE(Known(store, "b")) << a_first;
    EXPECT_TRUE(Known(store, "c")) << a_first;
  }
}

TEST(ProfileStoreEviction, AnEvictedUserStartsAgainFromAnEmptyProfile) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/1, /*max_users=*/1);
  store.Apply("a", Click(1, kT0));
  store.Apply("a", Click(1, kT0));
  store.Apply("b", Click(1, kT0 + 1));
  store.Apply("a", Click(1, kT0 + 2));  // evicts b, a is new again
  ProfileView view = store.View("a", kT0 + 2);
  ASSERT_EQ(view.long_term.size(), 1u);
  EXPECT_FLOAT_EQ(view.long_term[0].weight, 1.0f);  // one click, not three
  EXPECT_FALSE(Known(store, "b"));
  EXPECT_EQ(store.evicted_count(), 2u);
}

TEST(ProfileStoreEviction, ACapBelowTheShardCountStillAdmitsUsers) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/64, /*max_users=*/3);
  for (int i = 0; i < 50; ++i) {
    store.Apply("u" + std::to_string(i), Click(1, kT0 + i));
    ASSERT_LE(store.user_count(), 3u);
    ASSERT_TRUE(Known(store, "u" + std::to_string(i)));
  }
  EXPECT_EQ(store.max_users(), 3u);
}

TEST(ProfileStoreEviction, TwoStoresFedTheSameEventsAreIdentical) {
  // Shuffled times (late events, ties) and returning users, as a replayed
  // write-ahead log would feed them: same sequence, same profiles.
  std::mt19937 random(7);
  std::vector<std::pair<std::string, ProfileEvent>> events;
  for (int i = 0; i < 3000; ++i) {
    const std::string user = "user-" + std::to_string(random() % 400);
    events.emplace_back(user, Click(random() % 20, kT0 + random() % 500));
  }
  ProfileStore first(InterestConfig{}, /*shard_count=*/8, /*max_users=*/60);
  ProfileStore second(InterestConfig{}, /*shard_count=*/8, /*max_users=*/60);
  for (const auto& [user, event] : events) first.Apply(user, event);
  for (const auto& [user, event] : events) second.Apply(user, event);

  EXPECT_EQ(first.user_count(), second.user_count());
  EXPECT_EQ(first.evicted_count(), second.evicted_count());
  EXPECT_GT(first.evicted_count(), 0u);
  for (int u = 0; u < 400; ++u) {
    const std::string user = "user-" + std::to_string(u);
    ProfileView a = first.View(user, kT0 + 1000);
    ProfileView b = second.View(user, kT0 + 1000);
    ASSERT_EQ(a.known, b.known) << user;
    EXPECT_EQ(a.recent_products, b.recent_products) << user;
    ASSERT_EQ(a.long_term.size(), b.long_term.size()) << user;
    for (size_t i = 0; i < a.long_term.size(); ++i) {
      EXPECT_EQ(a.long_term[i].tag, b.long_term[i].tag) << user;
      EXPECT_EQ(a.long_term[i].weight, b.long_term[i].weight) << user;
    }
  }
}

}  // namespace
}  // namespace ranker
