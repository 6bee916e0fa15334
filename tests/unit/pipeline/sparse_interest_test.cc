#include "core/pipeline/sparse_interest.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

// A product with `tags` (sorted by tag id) and their L2 norm, as the catalog
// builds it.
Product MakeProduct(std::vector<TagWeight> tags) {
  Product product;
  double norm_sq = 0.0;
  for (const TagWeight& tw : tags) norm_sq += tw.weight * tw.weight;
  product.tags = std::move(tags);
  product.tag_norm = static_cast<float>(std::sqrt(norm_sq));
  return product;
}

TEST(SparseInterest, EmptyInterestMatchesNothing) {
  SparseInterest interest;
  EXPECT_TRUE(interest.empty());
  EXPECT_EQ(interest.Match(MakeProduct({{1, 1.0f}})), 0.0);
  EXPECT_EQ(interest.WeightOf(1), 0.0f);
  EXPECT_TRUE(SparseInterest(std::vector<TagWeight>{}).empty());
}

TEST(SparseInterest, ByWeightIsDescendingWithNegativesLastAndTiesByTag) {
  SparseInterest interest({{5, 1.0f}, {2, -2.0f}, {9, 3.0f}, {1, 1.0f}});
  const std::vector<TagWeight>& sorted = interest.by_weight();
  ASSERT_EQ(sorted.size(), 4u);
  EXPECT_EQ(sorted[0].tag, 9u);
  EXPECT_EQ(sorted[1].tag, 1u);
  EXPECT_EQ(sorted[2].tag, 5u);
  EXPECT_EQ(sorted[3].tag, 2u);
  EXPECT_EQ(sorted[3].weight, -2.0f);
}

TEST(SparseInterest, DuplicateTagsAreSummed) {
  SparseInterest interest({{4, 1.0f}, {4, 0.5f}, {7, 1.0f}});
  EXPECT_EQ(interest.by_weight().size(), 2u);
  EXPECT_EQ(interest.WeightOf(4), 1.5f);
  EXPECT_EQ(interest.WeightOf(7), 1.0f);
  EXPECT_EQ(interest.WeightOf(8), 0.0f);
}

TEST(SparseInterest, MatchIsTheCosineSimilarity) {
  SparseInterest interest({{1, 3.0f}, {2, 4.0f}});  // norm 5
  EXPECT_DOUBLE_EQ(interest.Match(MakeProduct({{1, 1.0f}})), 0.6);
  EXPECT_DOUBLE_EQ(interest.Match(MakeProduct({{2, 0.5f}})), 0.8);
  // (3, 4)·(0.6, 0.8) / (5 × 1) = 1: the same direction.
  EXPECT_NEAR(interest.Match(MakeProduct({{1, 0.6f}, {2, 0.8f}})), 1.0, 1e-6);
  // (3, 4, 0)·(1, 0, 1) / (5 × √2).
  EXPECT_NEAR(interest.Match(MakeProduct({{1, 1.0f}, {3, 1.0f}})),
              3.0 / (5.0 * std::sqrt(2.0)), 1e-6);
  EXPECT_EQ(interest.Match(MakeProduct({{3, 1.0f}})), 0.0);
}

TEST(SparseInterest, NegativeInterestGivesANegativeMatch) {
  SparseInterest interest({{1, -2.0f}});
  EXPECT_DOUBLE_EQ(interest.Match(MakeProduct({{1, 0.5f}})), -1.0);
}

TEST(SparseInterest, ProductWithoutTagsMatchesZero) {
  SparseInterest interest({{1, 1.0f}});
  EXPECT_EQ(interest.Match(MakeProduct({})), 0.0);
}

}  // namespace
}  // namespace ranker
