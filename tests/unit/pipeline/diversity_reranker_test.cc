#include "core/pipeline/diversity_reranker.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

TEST(DiversityReranker, CapIsTheShareOfTheCountRoundedUpAndAtLeastOne) {
  EXPECT_EQ(DiversityReranker::Cap(0.4, 5), 2u);
  EXPECT_EQ(DiversityReranker::Cap(0.3, 20), 6u);
  EXPECT_EQ(DiversityReranker::Cap(0.3, 10),
            3u);  // 0.3 × 10 is 3.0000000000000004
  EXPECT_EQ(DiversityReranker::Cap(0.25, 10), 3u);
  EXPECT_EQ(DiversityReranker::Cap(0.2, 5), 1u);
  EXPECT_EQ(DiversityReranker::Cap(0.0, 10), 1u);
  EXPECT_EQ(DiversityReranker::Cap(1.0, 200), 200u);
  EXPECT_EQ(DiversityReranker::Cap(0.5, 0), 1u);
  EXPECT_EQ(DiversityReranker::Cap(0.5, -3), 1u);
}

// Builds a catalog of products given as (id, category, shop), in rank order,
// and a request state whose candidates are those products in that order.
class DiversityRerankerTest : public ::testing::Test {
 protected:
  struct Item {
    std::string id;
    std::string category;
    std::string shop;
  };

  std::vector<std::string> Rerank(const std::vector<Item>& items, int count,
                                  bool storefront = false) {
    std::vector<ProductSpec> specs;
    for (const Item& item : items) {
      specs.push_back(Spec(item.id, {}, {item.category}, item.shop));
    }
    world_.catalog.Add(specs);
    world_.request.count = count;
    state_ = world_.State();
    if (storefront) state_->storefront_shop = world_.snapshot->FindShop("s0");
    for (const Item& item : items) {
      state_->AddCandidate(world_.catalog.Idx(item.id), Source::kPopular);
    }
    ranked_ = state_->candidates;
    DiversityReranker().Rerank(*state_, ranked_);
    return IdsOf(ranked_);
  }

  const Candidate& Ranked(const std::string& id) {
    for (const Candidate& c : ranked_) {
      if (c.item->id == id) return c;
    }
    ADD_FAILURE() << id << " not ranked";
    return ranked_.front();
  }

  PipelineWorld world_;
  std::unique_ptr<RequestState> state_;
  std::vector<Candidate> ranked_;
};

TEST_F(DiversityRerankerTest,
       OneCategoryKeepsItsShareThenFillsFromTheDeferred) {
  world_.config.category_max_share = 0.4;
  world_.config.shop_max_share = 1.0;
  world_.request.debug = true;
  std::vector<Item> items;
  for (int i = 0; i < 10; ++i) {
    items.push_back(
        {"p" + std::to_string(i), "travel", "s" + std::to_string(i)});
  }
  // Cap 2 of 5: p0 and p1 kept in order, then nothing else is left, so the
  // deferred p2, p3, p4 fill the list in their order.
  EXPECT_EQ(Rerank(items, 5),
            (std::vector<std::string>{"p0", "p1", "p2", "p3", "p4"}));
  EXPECT_TRUE(Ranked("p0").rerank_notes.empty());
  EXPECT_TRUE(Ranked("p1").rerank_notes.empty());
  EXPECT_EQ(Ranked("p2").rerank_notes,
            (std::vector<std::string>{
                "moved down: category cap",
                "placed after the capped list: too few others"}));
  EXPECT_EQ(Ranked("p4").rerank_notes.size(), 2u);
}

TEST_F(DiversityRerankerTest, OtherCategoriesMoveAheadOfACappedOne) {
  world_.config.category_max_share = 0.4;
  world_.config.shop_max_share = 1.0;
  EXPECT_EQ(Rerank({{"a1", "A", "s1"},
                    {"a2", "A", "s2"},
                    {"a3", "A", "s3"},
                    {"a4", "A", "s4"},
                    {"b1", "B", "s5"},
                    {"b2", "B", "s6"},
                    {"b3", "B", "s7"},
                    {"c1", "C", "s8"}},
                   5),
            (std::vector<std::string>{"a1", "a2", "b1", "b2", "c1"}));
}

TEST_F(DiversityRerankerTest, ShopCapDefersAShopsExtraProducts) {
  world_.config.category_max_share = 1.0;
  world_.config.shop_max_share = 0.2;  // 1 of 5
  world_.request.debug = true;
  EXPECT_EQ(Rerank({{"x1", "c1", "s1"},
                    {"x2", "c2", "s1"},
                    {"x3", "c3", "s1"},
                    {"y1", "c4", "s2"},
                    {"y2", "c5", "s2"},
                    {"z1", "c6", "s3"}},
                   5),
            (std::vector<std::string>{"x1", "y1", "z1", "x2", "x3"}));
  EXPECT_EQ(Ranked("x2").rerank_notes.front(), "moved down: shop cap");
}

TEST_F(DiversityRerankerTest, ShopCapIsLiftedInAStorefront) {
  world_.config.category_max_share = 1.0;
  world_.config.shop_max_share = 0.2;
  std::vector<Item> items;
  for (int i = 0; i < 6; ++i) {
    items.push_back({"p" + std::to_string(i), "c" + std::to_string(i), "s0"});
  }
  EXPECT_EQ(Rerank(items, 5, /*storefront=*/true),
            (std::vector<std::string>{"p0", "p1", "p2", "p3", "p4"}));
  for (const Candidate& c : ranked_) EXPECT_TRUE(c.rerank_notes.empty());
}

TEST_F(DiversityRerankerTest, CategoryCapStillAppliesInAStorefront) {
  world_.config.category_max_share = 0.4;
  EXPECT_EQ(Rerank({{"a1", "A", "s0"},
                    {"a2", "A", "s0"},
                    {"a3", "A", "s0"},
                    {"b1", "B", "s0"},
                    {"c1", "C", "s0"}},
                   5, /*storefront=*/true),
            (std::vector<std::string>{"a1", "a2", "b1", "c1", "a3"}));
}

TEST_F(DiversityRerankerTest, CutsTheListToTheCount) {
  world_.config.category_max_share = 1.0;
  world_.config.shop_max_share = 1.0;
  EXPECT_EQ(Rerank({{"a", "c", "s"}, {"b", "c", "s"}, {"c", "c", "s"}}, 2),
            (std::vector<std::string>{"a", "b"}));
}

TEST_F(DiversityRerankerTest, KeepsEverythingWhenThereAreFewerThanCount) {
  EXPECT_EQ(Rerank({{"a", "c", "s"}, {"b", "c", "s"}}, 20),
            (std::vector<std::string>{"a", "b"}));
}

TEST_F(DiversityRerankerTest, WritesNoNotesWithoutDebug) {
  world_.config.category_max_share = 0.0;
  Rerank({{"a", "c", "s1"}, {"b", "c", "s2"}, {"d", "c", "s3"}}, 3);
  for (const Candidate& c : ranked_) EXPECT_TRUE(c.rerank_notes.empty());
}

}  // namespace
}  // namespace ranker
