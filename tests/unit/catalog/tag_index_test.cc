#include "core/catalog/tag_index.h"

#include <memory>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {
namespace {

std::shared_ptr<const Product> MakeProduct(ProductIdx idx,
                                           std::vector<TagWeight> tags) {
  auto product = std::make_shared<Product>();
  product->idx = idx;
  product->tags = std::move(tags);
  return product;
}

std::vector<ProductIdx> ProductsOf(std::span<const Posting> postings) {
  std::vector<ProductIdx> products;
  for (const Posting& p : postings) products.push_back(p.product);
  return products;
}

TEST(TagIndex, PostingsAreByDescendingWeightWithTiesByProductIdx) {
  std::vector<std::shared_ptr<const Product>> products = {
      MakeProduct(0, {{7, 0.5f}}), MakeProduct(1, {{7, 0.9f}}),
      MakeProduct(2, {{7, 0.5f}}), MakeProduct(3, {{7, 1.0f}}),
      MakeProduct(4, {{7, 0.5f}}),
  };
  // Insert in an order that differs from the idx order.
  std::vector<std::shared_ptr<const Product>> shuffled = {
      products[4], products[2], products[0], products[3], products[1]};
  TagIndex index(shuffled);
  std::span<const Posting> postings = index.Postings(7);
  EXPECT_EQ(ProductsOf(postings), (std::vector<ProductIdx>{3, 1, 0, 2, 4}));
  EXPECT_EQ(postings[0].weight, 1.0f);
  EXPECT_EQ(postings[1].weight, 0.9f);
  EXPECT_EQ(postings[4].weight, 0.5f);
}

TEST(TagIndex, EachTagHasItsOwnPostings) {
  std::vector<std::shared_ptr<const Product>> products = {
      MakeProduct(0, {{0, 1.0f}, {2, 0.3f}}),
      MakeProduct(1, {{2, 0.6f}}),
  };
  TagIndex index(products);
  EXPECT_EQ(ProductsOf(index.Postings(0)), (std::vector<ProductIdx>{0}));
  EXPECT_EQ(ProductsOf(index.Postings(2)), (std::vector<ProductIdx>{1, 0}));
  EXPECT_TRUE(index.Postings(1).empty());  // in range, no product
  EXPECT_EQ(index.tag_count(), 2u);
}

TEST(TagIndex, UnknownTagHasNoPostings) {
  std::vector<std::shared_ptr<const Product>> products = {
      MakeProduct(0, {{3, 1.0f}})};
  TagIndex index(products);
  EXPECT_TRUE(index.Postings(4).empty());
  EXPECT_TRUE(index.Postings(1'000'000).empty());
}

TEST(TagIndex, SkipsNullProductsAndEmptyIndexHasNothing) {
  std::vector<std::shared_ptr<const Product>> products = {
      nullptr, MakeProduct(1, {{0, 1.0f}})};
  TagIndex index(products);
  EXPECT_EQ(ProductsOf(index.Postings(0)), (std::vector<ProductIdx>{1}));
  TagIndex empty;
  EXPECT_TRUE(empty.Postings(0).empty());
  EXPECT_EQ(empty.tag_count(), 0u);
}

}  // namespace
}  // namespace ranker
