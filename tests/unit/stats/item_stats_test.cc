#include "core/stats/item_stats.h"

#include <thread>
#include <vector>

#include "core/persist/state_encoding.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kT0 = 1'700'000'000'000;

StatsConfig ImmediateRefresh() { return StatsConfig{.popular_refresh_ms = 0}; }

std::vector<ProductIdx> AsVector(
    const std::shared_ptr<const std::vector<ProductIdx>>& list) {
  return *list;
}

TEST(ItemStatsStore, UnknownProductHasZeroCounts) {
  ItemStatsStore stats;
  ItemCounts counts = stats.CountsAt(12345, kT0);
  EXPECT_EQ(counts.impressions, 0.0);
  EXPECT_EQ(counts.clicks, 0.0);
  EXPECT_EQ(counts.carts, 0.0);
  EXPECT_EQ(counts.purchases, 0.0);
  EXPECT_EQ(counts.popularity, 0.0);
}

TEST(ItemStatsStore, ABatchReadGivesWhatEachProductsReadGives) {
  ItemStatsStore stats;
  // Products spread over shards and several per shard, unknown ones (never
  // recorded, and past every shard's end), duplicates, any order.
  for (ProductIdx p = 0; p < 300; p += 7) {
    for (int n = 0; n <= static_cast<int>(p % 5); ++n) {
      stats.Record(p, static_cast<EventType>(n % kEventTypeCount),
                   kT0 + p * 1000);
    }
  }
  const std::vector<ProductIdx> products = {299,    0, 7,   64,  71,  7,
                                            100000, 1, 294, 128, 135, 5000};
  const TimeMs now = kT0 + 3 * kMsPerDay;
  std::vector<ItemCounts> batch(products.size(), ItemCounts{1, 1, 1, 1, 1});
  stats.CountsAt(products, now, batch);
  for (size_t i = 0; i < products.size(); ++i) {
    SCOPED_TRACE(products[i]);
    const ItemCounts one = stats.CountsAt(products[i], now);
    EXPECT_EQ(batch[i].impressions, one.impressions);
    EXPECT_EQ(batch[i].clicks, one.clicks);
    EXPECT_EQ(batch[i].carts, one.carts);
    EXPECT_EQ(batch[i].purchases, one.purchases);
    EXPECT_EQ(batch[i].popularity, one.popularity);
  }
  EXPECT_GT(batch[2].popularity, 0.0);  // product 7 was recorded
  EXPECT_EQ(batch[6].popularity, 0.0);  // 100000 never was
}

TEST(ItemStatsStore, LifetimeCountsAreExactByTypeAndNeverDecay) {
  ItemStatsStore stats;
  EXPECT_EQ(TotalEvents(stats.LifetimeCounts(3)), 0u);
  for (int i = 0; i < kEventTypeCount; ++i) {
    // i + 1 events of type i, spread over a year.
    for (int n = 0; n <= i; ++n) {
      stats.Record(3, static_cast<EventType>(i), kT0 + n * 30 * kMsPerDay);
    }
  }
  const EventTypeCounts counts = stats.LifetimeCounts(3);
  for (int i = 0; i < kEventTypeCount; ++i) {
    EXPECT_EQ(counts[i], static_cast<uint32_t>(i + 1)) << i;
  }
  EXPECT_EQ(TotalEvents(counts), 45u);
  EXPECT_EQ(stats.total_events(), 45u);
  // Its shard neighbour and the next product have none.
  EXPECT_EQ(TotalEvents(stats.LifetimeCounts(3 + 64)), 0u);
  EXPECT_EQ(TotalEvents(stats.LifetimeCounts(4)), 0u);
}

TEST(ItemStatsStore, TotalEventsCountsEveryProductAndSurvivesASnapshot) {
  ItemStatsStore stats;
  EXPECT_EQ(stats.total_events(), 0u);
  stats.Record(0, EventType::kImpression, kT0);
  stats.Record(0, EventType::kImpression, kT0);
  stats.Record(65, EventType::kPurchase, kT0);  // another shard
  stats.Record(7, EventType::kNotInterested, kT0);
  EXPECT_EQ(stats.total_events(), 4u);

  persist::Encoder saved;
  stats.SaveTo(saved);
  ItemStatsStore loaded;
  persist::Decoder in(saved.bytes());
  ASSERT_TRUE(loaded.LoadFrom(in).ok());
  EXPECT_EQ(loaded.total_events(), 4u);
  loaded.Record(7, EventType::kClick, kT0);
  EXPECT_EQ(loaded.total_events(), 5u);
}

TEST(ItemStatsStore, CountsEachEventTypeSeparately) {
  ItemStatsStore stats;
  stats.Record(3, EventType::kImpression, kT0);
  stats.Record(3, EventType::kImpression, kT0);
  stats.Record(3, EventType::kImpression, kT0);
  stats.Record(3, EventType::kClick, kT0);
  stats.Record(3, EventType::kClick, kT0);
  stats.Record(3, EventType::kAddToCart, kT0);
  stats.Record(3, EventType::kPurchase, kT0);
  ItemCounts counts = stats.CountsAt(3, kT0);
  EXPECT_EQ(counts.impressions, 3.0);
  EXPECT_EQ(counts.clicks, 2.0);
  EXPECT_EQ(counts.carts, 1.0);
  EXPECT_EQ(counts.purchases, 1.0);
  // 0 × 3 impressions + 1 × 2 clicks + 3 cart + 5 purchase.
  EXPECT_EQ(counts.popularity, 10.0);
  // Other products are untouched, including its shard neighbours.
  EXPECT_EQ(stats.CountsAt(3 + 64, kT0).clicks, 0.0);
  EXPECT_EQ(stats.CountsAt(4, kT0).clicks, 0.0);
}

TEST(ItemStatsStore, OtherEventTypesOnlyAddPopularity) {
  ItemStatsStore stats;
  stats.Record(0, EventType::kDwell, kT0);     // 0.5
  stats.Record(0, EventType::kLike, kT0);      // 1
  stats.Record(0, EventType::kShare, kT0);     // 2
  stats.Record(0, EventType::kFavorite, kT0);  // 2
  ItemCounts counts = stats.CountsAt(0, kT0);
  EXPECT_EQ(counts.clicks, 0.0);
  EXPECT_EQ(counts.impressions, 0.0);
  EXPECT_EQ(counts.popularity, 5.5);
}

TEST(ItemStatsStore, NotInterestedLowersPopularity) {
  ItemStatsStore stats;
  stats.Record(0, EventType::kClick, kT0);
  stats.Record(0, EventType::kNotInterested, kT0);
  stats.Record(0, EventType::kNotInterested, kT0);
  EXPECT_EQ(stats.CountsAt(0, kT0).popularity, -1.0);
}

TEST(ItemStatsStore, CountsDecayWithTheHalfLife) {
  ItemStatsStore stats;  // 3-day half-life
  for (int i = 0; i < 4; ++i) stats.Record(1, EventType::kClick, kT0);
  EXPECT_DOUBLE_EQ(stats.CountsAt(1, kT0 + 3 * kMsPerDay).clicks, 2.0);
  EXPECT_DOUBLE_EQ(stats.CountsAt(1, kT0 + 6 * kMsPerDay).clicks, 1.0);
  EXPECT_DOUBLE_EQ(stats.CountsAt(1, kT0 + 6 * kMsPerDay).popularity, 1.0);
}

TEST(ItemStatsStore, PopularIsByDescendingPopularityWithTiesByIdx) {
  ItemStatsStore stats(ImmediateRefresh());
  stats.Record(70, EventType::kClick, kT0);         // 1
  stats.Record(5, EventType::kPurchase, kT0);       // 5
  stats.Record(2, EventType::kClick, kT0);          // 1
  stats.Record(9, EventType::kAddToCart, kT0);      // 3
  stats.Record(4, EventType::kImpression, kT0);     // 0: not popular
  stats.Record(6, EventType::kNotInterested, kT0);  // negative
  EXPECT_EQ(AsVector(stats.Popular(kT0, 10)),
            (std::vector<ProductIdx>{5, 9, 2, 70}));
}

TEST(ItemStatsStore, PopularKeepsOnlyCountProductsOnAFirstCall) {
  ItemStatsStore stats(ImmediateRefresh());
  stats.Record(1, EventType::kClick, kT0);
  stats.Record(2, EventType::kPurchase, kT0);
  stats.Record(3, EventType::kAddToCart, kT0);
  EXPECT_EQ(AsVector(stats.Popular(kT0, 2)), (std::vector<ProductIdx>{2, 3}));
}

TEST(ItemStatsStore, PopularReflectsDecay) {
  ItemStatsStore stats(ImmediateRefresh());
  stats.Record(1, EventType::kPurchase, kT0);                   // 5 at kT0
  stats.Record(2, EventType::kAddToCart, kT0 + 6 * kMsPerDay);  // 3
  // At kT0 + 6 days product 1 has decayed to 1.25.
  EXPECT_EQ(AsVector(stats.Popular(kT0 + 6 * kMsPerDay, 10)),
            (std::vector<ProductIdx>{2, 1}));
}

TEST(ItemStatsStore, PopularIsRefreshedAtMostEveryRefreshInterval) {
  ItemStatsStore stats(StatsConfig{.popular_refresh_ms = 1000});
  stats.Record(1, EventType::kClick, kT0);
  auto first = stats.Popular(kT0, 10);
  EXPECT_EQ(*first, (std::vector<ProductIdx>{1}));
  stats.Record(2, EventType::kPurchase, kT0 + 10);
  // Within the interval: the same cached list.
  auto cached = stats.Popular(kT0 + 999, 10);
  EXPECT_EQ(cached, first);
  EXPECT_EQ(*cached, (std::vector<ProductIdx>{1}));
  // At the interval: recomputed.
  EXPECT_EQ(*stats.Popular(kT0 + 1000, 10), (std::vector<ProductIdx>{2, 1}));
}

TEST(ItemStatsStore, ZeroRefreshIntervalRecomputesEveryTime) {
  ItemStatsStore stats(ImmediateRefresh());
  EXPECT_TRUE(stats.Popular(kT0, 10)->empty());
  stats.Record(8, EventType::kClick, kT0);
  EXPECT_EQ(*stats.Popular(kT0, 10), (std::vector<ProductIdx>{8}));
}

TEST(ItemStatsStore, AskingForMoreThanTheCachedCountRecomputes) {
  ItemStatsStore stats(StatsConfig{.popular_refresh_ms = 60'000});
  stats.Record(1, EventType::kPurchase, kT0);
  stats.Record(2, EventType::kClick, kT0);
  EXPECT_EQ(*stats.Popular(kT0, 1), (std::vector<ProductIdx>{1}));
  EXPECT_EQ(*stats.Popular(kT0 + 1, 5), (std::vector<ProductIdx>{1, 2}));
}

TEST(ItemStatsStore, AClockGoingBackwardsRecomputes) {
  ItemStatsStore stats(StatsConfig{.popular_refresh_ms = 60'000});
  stats.Record(1, EventType::kClick, kT0);
  EXPECT_EQ(stats.Popular(kT0, 5)->size(), 1u);
  stats.Record(2, EventType::kPurchase, kT0);
  EXPECT_EQ(*stats.Popular(kT0 - 1, 5), (std::vector<ProductIdx>{2, 1}));
}

TEST(ItemStatsStore, ShorterRequestsGetAPrefixOfTheLongestListAskedFor) {
  // The cache keeps the longest length ever asked for (so callers with
  // different quotas do not force recomputations); a shorter request gets
  // that list, whose first `count` entries are the `count` most popular.
  ItemStatsStore stats(ImmediateRefresh());
  for (ProductIdx p = 0; p < 10; ++p) {
    for (ProductIdx k = 0; k <= p; ++k) {
      stats.Record(p, EventType::kClick, kT0);
    }
  }
  EXPECT_EQ(stats.Popular(kT0, 10)->size(), 10u);
  std::vector<ProductIdx> top2 = AsVector(stats.Popular(kT0, 2));
  ASSERT_GE(top2.size(), 2u);
  EXPECT_EQ(top2[0], 9u);
  EXPECT_EQ(top2[1], 8u);
}

TEST(ItemStatsStore, CountsStayExactOverMonthsOfEvents) {
  // A year of daily clicks: the shard's reference time moves several times
  // (every 24 half-lives) and the decayed sum stays the geometric series.
  ItemStatsStore stats({.half_life_ms = kMsPerDay});
  double expected = 0;
  for (int day = 0; day < 365; ++day) {
    stats.Record(5, EventType::kClick, kT0 + day * kMsPerDay);
    expected = expected / 2 + 1;
  }
  EXPECT_NEAR(stats.CountsAt(5, kT0 + 364 * kMsPerDay).clicks, expected, 1e-5);
  EXPECT_NEAR(stats.CountsAt(5, kT0 + 365 * kMsPerDay).clicks, expected / 2,
              1e-5);
}

TEST(ItemStatsStore, SnapshotsRoundTripBitForBit) {
  ItemStatsStore stats;
  for (ProductIdx p = 0; p < 300; p += 7) {
    for (int i = 0; i <= static_cast<int>(p % kEventTypeCount); ++i) {
      stats.Record(p, static_cast<EventType>(i), kT0 + p * 997 + i);
    }
  }
  persist::Encoder saved;
  stats.SaveTo(saved);
  ItemStatsStore loaded;
  persist::Decoder in(saved.bytes());
  ASSERT_TRUE(loaded.LoadFrom(in).ok());
  EXPECT_TRUE(in.done());
  persist::Encoder again;
  loaded.SaveTo(again);
  EXPECT_EQ(again.bytes(), saved.bytes());
  EXPECT_EQ(loaded.CountsAt(14, kT0 + kMsPerDay).popularity,
            stats.CountsAt(14, kT0 + kMsPerDay).popularity);
}

TEST(ItemStatsStore, LoadsSnapshotsWithATimePerCounter) {
  // The encoding of snapshots written before shards had a reference time.
  persist::Encoder out;
  out.PutBool(false);
  out.PutBool(true);
  out.PutVarint(2);  // products
  for (int product = 0; product < 2; ++product) {
    const TimeMs at = kT0 + product * 3 * kMsPerDay;  // one half-life apart
    for (int counter = 0; counter < 5; ++counter) {
      persist::PutDecayed(out, DecayedValue{4.0f, at});
    }
    persist::PutCounts(out, EventTypeCounts{});
  }
  ItemStatsStore stats;
  persist::Decoder in(out.bytes());
  ASSERT_TRUE(stats.LoadFrom(in).ok());
  EXPECT_TRUE(stats.has_purchases());
  const TimeMs now = kT0 + 3 * kMsPerDay;
  EXPECT_DOUBLE_EQ(stats.CountsAt(0, now).clicks, 2.0);
  EXPECT_DOUBLE_EQ(stats.CountsAt(1, now).purchases, 4.0);
}

TEST(ItemStatsStore, ConcurrentRecordsAreAllCounted) {
  ItemStatsStore stats;
  constexpr int kThreads = 4;
  constexpr int kProducts = 200;
  constexpr int kRounds = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int r = 0; r < kRounds; ++r) {
        for (ProductIdx p = 0; p < kProducts; ++p) {
          stats.Record(p, EventType::kClick, kT0);
        }
        stats.Popular(kT0, 10);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (ProductIdx p = 0; p < kProducts; ++p) {
    ASSERT_EQ(stats.CountsAt(p, kT0).clicks, kThreads * kRounds) << p;
  }
  EXPECT_EQ(stats.total_events(), uint64_t{kThreads} * kRounds * kProducts);
}

}  // namespace
}  // namespace ranker
