#include "core/stats/session_index.h"

#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

std::vector<SessionId> SessionsWith(const SessionIndex& index,
                                    ProductIdx product, size_t limit) {
  std::vector<SessionId> ids;
  const SessionIndex::Reader reader(index);
  reader.ForEachSessionWith(product, limit, [&](SessionId id) {
    ids.push_back(id);
    return true;
  });
  return ids;
}

TEST(SessionIndex, AppendsInOrderAndReportsTheEarlierProducts) {
  SessionIndex index;
  std::vector<ProductIdx> previous = {99};
  EXPECT_TRUE(index.Append("s", 1, &previous));
  EXPECT_TRUE(previous.empty());
  EXPECT_TRUE(index.Append("s", 2, &previous));
  EXPECT_EQ(previous, (std::vector<ProductIdx>{1}));
  EXPECT_TRUE(index.Append("s", 3, &previous));
  EXPECT_EQ(previous, (std::vector<ProductIdx>{1, 2}));
  EXPECT_EQ(index.SessionProducts("s"), (std::vector<ProductIdx>{1, 2, 3}));
  EXPECT_TRUE(index.SessionProducts("other").empty());
}

TEST(SessionIndex, ARepeatOfTheLastProductIsNotAppended) {
  SessionIndex index;
  std::vector<ProductIdx> previous;
  index.Append("s", 1, &previous);
  EXPECT_FALSE(index.Append("s", 1, &previous));
  EXPECT_TRUE(index.Append("s", 2, &previous));
  EXPECT_TRUE(index.Append("s", 1, &previous));  // not the last: kept
  EXPECT_EQ(index.SessionProducts("s"), (std::vector<ProductIdx>{1, 2, 1}));
}

TEST(SessionIndex, SessionsWithAProductComeMostRecentFirstUpToTheLimit) {
  SessionIndex index;
  for (const char* key : {"a", "b", "c", "d"}) {
    index.Append(key, 7, nullptr);
  }
  const std::vector<SessionId> all = SessionsWith(index, 7, 10);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(SessionsWith(index, 7, 2).size(), 2u);
  EXPECT_TRUE(SessionsWith(index, 8, 10).empty());
  const SessionIndex::Reader reader(index);
  EXPECT_EQ(all[0], *reader.Find("d"));
  EXPECT_EQ(all[3], *reader.Find("a"));
}

TEST(SessionIndex, TheOldestSessionsAreEvictedBeyondTheCap) {
  SessionIndex index({.max_sessions = 2});
  index.Append("a", 7, nullptr);
  index.Append("b", 7, nullptr);
  index.Append("c", 7, nullptr);
  EXPECT_EQ(index.session_count(), 2u);
  EXPECT_TRUE(index.SessionProducts("a").empty());
  EXPECT_EQ(SessionsWith(index, 7, 10).size(), 2u);
  const SessionIndex::Reader reader(index);
  EXPECT_FALSE(reader.Find("a").has_value());
  const std::span<const ProductIdx> products =
      reader.Products(*reader.Find("c"));
  EXPECT_EQ(std::vector<ProductIdx>(products.begin(), products.end()),
            (std::vector<ProductIdx>{7}));
}

TEST(SessionIndex, PostingsPerProductAreBounded) {
  SessionIndex index({.max_sessions_per_product = 3});
  for (int i = 0; i < 20; ++i) {
    index.Append(std::to_string(i), 7, nullptr);
  }
  // At most twice the cap is kept between trims; the newest come first.
  const std::vector<SessionId> ids = SessionsWith(index, 7, 100);
  EXPECT_GE(ids.size(), 3u);
  EXPECT_LE(ids.size(), 6u);
  const SessionIndex::Reader reader(index);
  EXPECT_EQ(ids.front(), *reader.Find("19"));
}

TEST(SessionIndex, ASessionStopsGrowingAtItsCap) {
  SessionIndex index({.max_products_per_session = 2});
  EXPECT_TRUE(index.Append("s", 1, nullptr));
  EXPECT_TRUE(index.Append("s", 2, nullptr));
  EXPECT_FALSE(index.Append("s", 3, nullptr));
  EXPECT_EQ(index.SessionProducts("s"), (std::vector<ProductIdx>{1, 2}));
}

TEST(SessionIndex, InverseSessionFrequencyFavoursRareProducts) {
  SessionIndex index;
  index.Append("a", 7, nullptr);
  index.Append("a", 8, nullptr);
  index.Append("a", 7, nullptr);  // again in the same session: once
  index.Append("b", 7, nullptr);
  index.Append("c", 9, nullptr);
  index.Append("d", 9, nullptr);
  const SessionIndex::Reader reader(index);
  EXPECT_DOUBLE_EQ(reader.InverseSessionFrequency(7), std::log(1 + 4.0 / 2.0));
  EXPECT_DOUBLE_EQ(reader.InverseSessionFrequency(8), std::log(1 + 4.0 / 1.0));
  EXPECT_EQ(reader.InverseSessionFrequency(5), 0.0);
}

TEST(SessionIndex, KeysSurviveAcrossArenaChunksAndEvictions) {
  // 100-byte keys: 20,000 of them fill 30 arena chunks; the oldest 15,000
  // sessions are evicted, their chunks freed, and every live key still
  // finds its own session.
  SessionIndex index({.max_sessions = 5000});
  auto key = [](int i) {
    return std::string(90, 'k') + std::to_string(i + 1000000000);
  };
  for (int i = 0; i < 20000; ++i) {
    ASSERT_TRUE(index.Append(key(i), static_cast<ProductIdx>(i), nullptr));
    ASSERT_TRUE(index.Append(key(i), static_cast<ProductIdx>(i + 1), nullptr));
  }
  EXPECT_EQ(index.session_count(), 5000u);
  EXPECT_TRUE(index.SessionProducts(key(14999)).empty());
  EXPECT_EQ(index.SessionProducts(key(15000)),
            (std::vector<ProductIdx>{15000, 15001}));
  EXPECT_EQ(index.SessionProducts(key(19999)),
            (std::vector<ProductIdx>{19999, 20000}));
  {
    const SessionIndex::Reader reader(index);
    for (int i = 15000; i < 20000; i += 499) {
      const std::optional<SessionId> id = reader.Find(key(i));
      ASSERT_TRUE(id.has_value());
      EXPECT_EQ(reader.Products(*id)[0], static_cast<ProductIdx>(i));
    }
  }
  // Product 15001 is in sessions 15000 and 15001; only live ones are seen.
  EXPECT_EQ(SessionsWith(index, 15001, 10).size(), 2u);
  EXPECT_TRUE(SessionsWith(index, 100, 10).empty());
}

TEST(SessionIndex, SnapshotsRoundTrip) {
  SessionIndex index({.max_sessions = 3});
  for (const char* key : {"a", "b", "c", "d"}) {
    for (ProductIdx p : {7u, 8u, 9u, 10u, 11u, 12u, 13u}) {
      index.Append(key, p + (key[0] - 'a'), nullptr);
    }
  }
  persist::Encoder out;
  index.SaveTo(out);
  SessionIndex loaded({.max_sessions = 3});
  persist::Decoder in(out.bytes());
  ASSERT_TRUE(loaded.LoadFrom(in).ok());
  EXPECT_TRUE(in.done());
  persist::Encoder again;
  loaded.SaveTo(again);
  EXPECT_EQ(again.bytes(), out.bytes());
  EXPECT_EQ(loaded.SessionProducts("d"), index.SessionProducts("d"));
  EXPECT_TRUE(loaded.SessionProducts("a").empty());
  EXPECT_DOUBLE_EQ(SessionIndex::Reader(loaded).InverseSessionFrequency(10),
                   SessionIndex::Reader(index).InverseSessionFrequency(10));
  // The loaded index goes on where the saved one stopped.
  loaded.Append("e", 1, nullptr);
  EXPECT_EQ(*SessionIndex::Reader(loaded).Find("e"), 4u);
}

TEST(SessionKey, SeparatesUserAndSession) {
  EXPECT_NE(SessionKey("ab", "c"), SessionKey("a", "bc"));
  EXPECT_EQ(SessionKey("u", "s"), SessionKey("u", "s"));
}

}  // namespace
}  // namespace ranker
