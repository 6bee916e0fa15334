#include "core/interest/profile_store.h"

#include <string>
#include <thread>
#include <vector>

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

TEST(ProfileStore, UnknownUserGivesAnEmptyUnknownView) {
  ProfileStore store(InterestConfig{});
  ProfileView view = store.View("nobody", kT0);
  EXPECT_FALSE(view.known);
  EXPECT_TRUE(view.long_term.empty());
  EXPECT_TRUE(view.instant.empty());
  EXPECT_TRUE(view.recent_products.empty());
  EXPECT_TRUE(view.purchases.empty());
  EXPECT_TRUE(view.dismissed.empty());
  EXPECT_EQ(store.user_count(), 0u);
}

TEST(ProfileStore, ApplyCreatesTheProfileAndViewSeesIt) {
  ProfileStore store(InterestConfig{});
  store.Apply("u1", Click(7, kT0));
  ProfileView view = store.View("u1", kT0);
  EXPECT_TRUE(view.known);
  ASSERT_EQ(view.long_term.size(), 1u);
  EXPECT_EQ(view.long_term[0].tag, 3u);
  EXPECT_FLOAT_EQ(view.long_term[0].weight, 1.0f);
  EXPECT_EQ(view.recent_products, (std::vector<ProductIdx>{7}));
  EXPECT_FALSE(store.View("u2", kT0).known);
}

TEST(ProfileStore, UserCountCountsDistinctUsersAcrossShards) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/8);
  for (int i = 0; i < 100; ++i) {
    store.Apply("user-" + std::to_string(i), Click(1, kT0));
    store.Apply("user-" + std::to_string(i), Click(2, kT0));
  }
  EXPECT_EQ(store.user_count(), 100u);
}

TEST(ProfileStore, ZeroShardsStillWorks) {
  ProfileStore store(InterestConfig{}, /*shard_count=*/0);
  store.Apply("u1", Click(1, kT0));
  EXPECT_TRUE(store.View("u1", kT0).known);
  EXPECT_EQ(store.user_count(), 1u);
}

TEST(ProfileStore, UsesItsOwnCopyOfTheConfig) {
  InterestConfig config;
  config.long_term_rate = 3.0;
  ProfileStore store(config);
  config.long_term_rate = 100.0;  // no effect on the store
  store.Apply("u1", Click(1, kT0));
  EXPECT_FLOAT_EQ(store.View("u1", kT0).long_term[0].weight, 3.0f);
  EXPECT_EQ(store.config().long_term_rate, 3.0);
}

TEST(ProfileStore, ConcurrentApplyFromManyThreadsLosesNoEvent) {
  constexpr int kThreads = 6;
  constexpr int kUsers = 300;
  constexpr int kEventsPerUserPerThread = 4;
  ProfileStore store(InterestConfig{}, /*shard_count=*/16);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&store, t] {
      for (int round = 0; round < kEventsPerUserPerThread; ++round) {
        for (int u = 0; u < kUsers; ++u) {
          // Interleave user orders across threads to mix shard contention.
          const int user = (u * (t + 1)) % kUsers;
          store.Apply("user-" + std::to_string(user), Click(user, kT0));
          if (u % 50 == 0) store.View("user-" + std::to_string(u), kT0);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(store.user_count(), static_cast<size_t>(kUsers));
  // All clicks happen at kT0 (no decay): a user's long-term weight is exactly
  // the number of clicks applied to it.
  for (int u = 0; u < kUsers; ++u) {
    int expected = 0;
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < kUsers; ++i) {
        if ((i * (t + 1)) % kUsers == u) expected += kEventsPerUserPerThread;
      }
    }
    ProfileView view = store.View("user-" + std::to_string(u), kT0);
    ASSERT_EQ(view.long_term.size(), expected > 0 ? 1u : 0u) << u;
    if (expected > 0) {
      EXPECT_EQ(view.long_term[0].weight, static_cast<float>(expected))
          << "user-" << u;
    }
  }
}

}  // namespace
}  // namespace ranker
