#include "core/stats/tag_cooccurrence_index.h"

#include <map>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

constexpr TimeMs kNow = 1'000'000;

std::map<TagId, double> Neighbors(const TagCooccurrenceIndex& index, TagId tag,
                                  TimeMs now = kNow) {
  std::map<TagId, double> shares;
  index.ForEachNeighbor(
      tag, now, [&](TagId other, double share) { shares[other] = share; });
  return shares;
}

TEST(TagCooccurrenceIndex, ContentTagsLinkToTheEngagedProductsTagsBothWays) {
  TagCooccurrenceIndex index;
  // Watching "business-travel" (1), clicking a product tagged kettle (2, 1.0)
  // and portable (3, 0.5).
  const std::vector<TagId> content = {1};
  const std::vector<TagWeight> product = {{2, 1.0f}, {3, 0.5f}};
  index.RecordContent(content, product, kNow);
  const auto from_travel = Neighbors(index, 1);
  ASSERT_EQ(from_travel.size(), 2u);
  EXPECT_NEAR(from_travel.at(2), 1.0 / 1.5, 1e-6);
  EXPECT_NEAR(from_travel.at(3), 0.5 / 1.5, 1e-6);
  EXPECT_EQ(Neighbors(index, 2), (std::map<TagId, double>{{1, 1.0}}));
  EXPECT_EQ(Neighbors(index, 3), (std::map<TagId, double>{{1, 1.0}}));
}

TEST(TagCooccurrenceIndex, ConsecutiveProductsLinkTheirTags) {
  TagCooccurrenceIndex index;
  const std::vector<TagWeight> first = {{1, 1.0f}};
  const std::vector<TagWeight> second = {{2, 2.0f}, {3, 1.0f}};
  index.RecordSequence(first, second, kNow);
  const auto shares = Neighbors(index, 1);
  EXPECT_NEAR(shares.at(2), 2.0 / 3.0, 1e-6);
  EXPECT_NEAR(shares.at(3), 1.0 / 3.0, 1e-6);
  // Tags of the same product are not linked to each other.
  EXPECT_EQ(Neighbors(index, 2), (std::map<TagId, double>{{1, 1.0}}));
}

TEST(TagCooccurrenceIndex, SharedTagsAreNotLinkedAndNoTagIsItsOwnNeighbor) {
  TagCooccurrenceIndex index;
  const std::vector<TagWeight> a = {{1, 1.0f}, {2, 1.0f}};
  const std::vector<TagWeight> b = {{2, 1.0f}, {3, 1.0f}};
  index.RecordSequence(a, b, kNow);
  EXPECT_EQ(Neighbors(index, 1), (std::map<TagId, double>{{3, 1.0}}));
  EXPECT_TRUE(Neighbors(index, 2).empty());
  EXPECT_EQ(Neighbors(index, 3), (std::map<TagId, double>{{1, 1.0}}));
}

TEST(TagCooccurrenceIndex, OnlyEachSidesStrongestPositiveTagsTakePart) {
  TagCooccurrenceIndex index({.max_tags_per_side = 1});
  const std::vector<TagId> content = {1, 2};  // the first one counts
  const std::vector<TagWeight> product = {{3, 0.2f}, {4, 0.9f}, {5, -1.0f}};
  index.RecordContent(content, product, kNow);
  EXPECT_EQ(Neighbors(index, 1), (std::map<TagId, double>{{4, 1.0}}));
  EXPECT_TRUE(Neighbors(index, 2).empty());
  EXPECT_TRUE(Neighbors(index, 3).empty());
  EXPECT_TRUE(Neighbors(index, 5).empty());
}

TEST(TagCooccurrenceIndex, EachTagKeepsItsStrongestNeighbors) {
  TagCooccurrenceIndex index({.max_neighbors = 2});
  const std::vector<TagId> content = {1};
  for (TagId tag = 2; tag <= 6; ++tag) {
    // Tag t co-occurs with tag 1 at weight t − 1.
    const std::vector<TagWeight> product = {{tag, static_cast<float>(tag - 1)}};
    index.RecordContent(content, product, kNow);
  }
  // Pruned to the two strongest (6: 5, 5: 4) when the fifth arrived.
  const auto shares = Neighbors(index, 1);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_NEAR(shares.at(6), 5.0 / 9.0, 1e-6);
  EXPECT_NEAR(shares.at(5), 4.0 / 9.0, 1e-6);
}

TEST(TagCooccurrenceIndex, OldEvidenceDecays) {
  TagCooccurrenceIndex index({.half_life_ms = 1000});
  const std::vector<TagId> content = {1};
  const std::vector<TagWeight> old_product = {{2, 1.0f}};
  const std::vector<TagWeight> new_product = {{3, 1.0f}};
  index.RecordContent(content, old_product, kNow);
  index.RecordContent(content, new_product, kNow + 1000);
  // At kNow + 1000 the old edge weighs 0.5, the new one 1.
  const auto shares = Neighbors(index, 1, kNow + 1000);
  EXPECT_NEAR(shares.at(2), 0.5 / 1.5, 1e-6);
  EXPECT_NEAR(shares.at(3), 1.0 / 1.5, 1e-6);
}

TEST(TagCooccurrenceIndex, UnknownTagsHaveNoNeighbors) {
  TagCooccurrenceIndex index;
  EXPECT_TRUE(Neighbors(index, 42).empty());
  const std::vector<TagId> no_content;
  const std::vector<TagWeight> product = {{1, 1.0f}};
  index.RecordContent(no_content, product, kNow);
  EXPECT_TRUE(Neighbors(index, 1).empty());
}

}  // namespace
}  // namespace ranker
