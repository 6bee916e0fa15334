#include "core/catalog/tag_dictionary.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(TagDictionary, InternAssignsDenseIdsInOrderOfFirstSight) {
  TagDictionary tags;
  EXPECT_EQ(tags.Intern("travel"), 0u);
  EXPECT_EQ(tags.Intern("kitchen"), 1u);
  EXPECT_EQ(tags.Intern("travel"), 0u);
  EXPECT_EQ(tags.size(), 2u);
}

TEST(TagDictionary, FindDoesNotCreateTags) {
  TagDictionary tags;
  EXPECT_EQ(tags.Find("travel"), std::nullopt);
  EXPECT_EQ(tags.size(), 0u);
  tags.Intern("travel");
  EXPECT_EQ(tags.Find("travel"), 0u);
  EXPECT_EQ(tags.Find("Travel"), std::nullopt);  // case matters
}

TEST(TagDictionary, NameReturnsTheInternedStringAndEmptyForUnknownIds) {
  TagDictionary tags;
  tags.Intern("travel");
  tags.Intern("style:modern");
  EXPECT_EQ(tags.Name(0), "travel");
  EXPECT_EQ(tags.Name(1), "style:modern");
  EXPECT_EQ(tags.Name(2), "");
  EXPECT_EQ(tags.Name(4'000'000'000u), "");
}

TEST(TagDictionary, RefusesNewTagsAtTheCapButKeepsKnownOnes) {
  TagDictionary tags(/*max_tags=*/2);
  EXPECT_EQ(tags.Intern("a"), 0u);
  EXPECT_EQ(tags.Intern("b"), 1u);
  EXPECT_EQ(tags.Intern("c"), std::nullopt);
  EXPECT_EQ(tags.Intern("a"), 0u);
  EXPECT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags.Find("c"), std::nullopt);
}

TEST(TagDictionary, NamesStayValidWhileManyTagsAreAdded) {
  TagDictionary tags;
  for (int i = 0; i < 10'000; ++i) tags.Intern("tag-" + std::to_string(i));
  EXPECT_EQ(tags.Find("tag-0"), 0u);
  EXPECT_EQ(tags.Find("tag-9999"), 9999u);
  EXPECT_EQ(tags.Name(1234), "tag-1234");
}

TEST(TagDictionary, ConcurrentInternOfTheSameTagsAgreesOnIds) {
  TagDictionary tags;
  constexpr int kThreads = 4;
  constexpr int kTags = 500;
  std::vector<std::vector<TagId>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTags; ++i) {
        seen[t].push_back(*tags.Intern("tag-" + std::to_string(i)));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(tags.size(), static_cast<size_t>(kTags));
  for (int t = 1; t < kThreads; ++t) EXPECT_EQ(seen[t], seen[0]);
  for (int i = 0; i < kTags; ++i) {
    EXPECT_EQ(tags.Name(seen[0][i]), "tag-" + std::to_string(i));
  }
}

}  // namespace
}  // namespace ranker
