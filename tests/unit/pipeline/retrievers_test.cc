#include "core/pipeline/retrievers.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::IdsOf;
using test::PipelineWorld;
using test::Spec;

// Products whose accumulated weight for the interest {t1: 2, t2: 1} is known.
class InterestTagRetrieverTest : public ::testing::Test {
 protected:
  InterestTagRetrieverTest() {
    world_.catalog.Add({
        Spec("a", {{"t1", 0.5}}),               // 1.0
        Spec("b", {{"t2", 1.0}}),               // 1.0 (ties with a)
        Spec("c", {{"t1", 1.0}, {"t2", 1.0}}),  // 3.0
        Spec("d", {{"t1", 0.9}}),               // 1.8
        Spec("e", {{"t3", 1.0}}),               // not in the interest
        Spec("f", {{"t1", 1.0}}, {"misc"}, "shop",
             ProductStatus::kBanned),  // 2.0 but banned
        Spec("g", {{"t1", 1.0}}, {"misc"}, "shop",
             ProductStatus::kOutOfStock),  // 2.0 but out of stock
    });
    t1_ = world_.catalog.Tag("t1");
    t2_ = world_.catalog.Tag("t2");
    t3_ = world_.catalog.Tag("t3");
  }

  std::vector<std::string> Retrieve(std::vector<TagWeight> interest,
                                    double quota) {
    world_.config.instant_interest_quota = quota;
    auto state = world_.State();
    state->instant = SparseInterest(interest);
    retriever_.Retrieve(*state);
    for (const Candidate& c : state->candidates) {
      EXPECT_EQ(c.first_source, Source::kInstantInterest);
    }
    return IdsOf(state->candidates);
  }

  PipelineWorld world_;
  InterestTagRetriever retriever_{Source::kInstantInterest,
                                  &RequestState::instant,
                                  &RankingConfig::instant_interest_quota};
  TagId t1_ = 0, t2_ = 0, t3_ = 0;
};

TEST_F(InterestTagRetrieverTest,
       KeepsTheProductsWithTheHighestAccumulatedWeight) {
  EXPECT_EQ(Retrieve({{t1_, 2.0f}, {t2_, 1.0f}}, 2),
            (std::vector<std::string>{"c", "d"}));
}

TEST_F(InterestTagRetrieverTest, BreaksTiesByProductIdx) {
  EXPECT_EQ(Retrieve({{t1_, 2.0f}, {t2_, 1.0f}}, 3),
            (std::vector<std::string>{"c", "d", "a"}));
  EXPECT_EQ(Retrieve({{t1_, 2.0f}, {t2_, 1.0f}}, 100),
            (std::vector<std::string>{"c", "d", "a", "b"}));
}

TEST_F(InterestTagRetrieverTest, NeverProposesInactiveProducts) {
  std::vector<std::string> ids = Retrieve({{t1_, 2.0f}}, 100);
  EXPECT_EQ(ids, (std::vector<std::string>{"c", "d", "a"}));
}

TEST_F(InterestTagRetrieverTest, FractionalQuotaIsRoundedDown) {
  EXPECT_EQ(Retrieve({{t1_, 2.0f}, {t2_, 1.0f}}, 1.9),
            (std::vector<std::string>{"c"}));
}

TEST_F(InterestTagRetrieverTest, ZeroQuotaOrEmptyInterestProposesNothing) {
  EXPECT_TRUE(Retrieve({{t1_, 2.0f}}, 0).empty());
  EXPECT_TRUE(Retrieve({}, 100).empty());
}

TEST_F(InterestTagRetrieverTest, NegativeInterestTagsAreNotRetrievedBy) {
  EXPECT_EQ(Retrieve({{t1_, -5.0f}, {t3_, 1.0f}}, 100),
            (std::vector<std::string>{"e"}));
}

TEST_F(InterestTagRetrieverTest, UsesOnlyTheStrongestTags) {
  world_.config.interest_tags_used = 1;
  // Only t1 is read: "b" (t2 only) is not retrieved, "c" counts 2.0.
  EXPECT_EQ(Retrieve({{t1_, 2.0f}, {t2_, 1.0f}}, 100),
            (std::vector<std::string>{"c", "d", "a"}));
}

TEST_F(InterestTagRetrieverTest, MarksItsSourceOnCandidatesAlreadyPresent) {
  world_.config.long_term_interest_quota = 100;
  auto state = world_.State();
  state->AddCandidate(world_.catalog.Idx("d"), Source::kPopular);
  state->long_term = SparseInterest({{t2_, 1.0f}});
  InterestTagRetriever long_term(Source::kLongTermInterest,
                                 &RequestState::long_term,
                                 &RankingConfig::long_term_interest_quota);
  long_term.Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"d", "b", "c"}));
  EXPECT_EQ(state->candidates[0].first_source, Source::kPopular);
  EXPECT_FALSE(state->candidates[0].HasSource(Source::kLongTermInterest));
  EXPECT_EQ(long_term.name(), "long_term_interest");
}

TEST(StorefrontRetriever, ProposesTheShopsActiveProductsUpToItsQuota) {
  PipelineWorld world;
  world.catalog.Add({
      Spec("a", {}, {"c"}, "s1"),
      Spec("b", {}, {"c"}, "s2"),
      Spec("c", {}, {"c"}, "s1", ProductStatus::kBanned),
      Spec("d", {}, {"c"}, "s1"),
      Spec("e", {}, {"c"}, "s1"),
  });
  StorefrontRetriever retriever;
  {
    auto state = world.State();
    retriever.Retrieve(*state);
    EXPECT_TRUE(state->candidates.empty());  // no storefront shop
  }
  auto state = world.State();
  state->storefront_shop = world.snapshot->FindShop("s1");
  retriever.Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"a", "d", "e"}));
  EXPECT_EQ(state->candidates[0].first_source, Source::kStorefront);

  world.config.storefront_quota = 2;
  auto capped = world.State();
  capped->storefront_shop = world.snapshot->FindShop("s1");
  retriever.Retrieve(*capped);
  EXPECT_EQ(IdsOf(capped->candidates), (std::vector<std::string>{"a", "d"}));
}

TEST(StorefrontRetriever, ABannedShopsStorefrontProposesNothing) {
  PipelineWorld world;
  world.catalog.Add({Spec("a", {}, {"c"}, "s1"), Spec("b", {}, {"c"}, "s1")});
  ASSERT_TRUE(world.catalog.catalog
                  .UpsertShops(std::vector<ShopSpec>{
                      {"s1", ShopStatus::kBanned, std::nullopt}})
                  .ok());
  world.request.scene = Scene::kStorefront;
  auto state = world.State();
  state->storefront_shop = world.snapshot->FindShop("s1");
  ASSERT_TRUE(state->storefront_shop.has_value());
  StorefrontRetriever().Retrieve(*state);
  EXPECT_TRUE(state->candidates.empty());
}

// Ten products p0..p9: the catalog walk's stride is 7919 % 10 = 9, so the
// walk visits p0, p9, p8, ..., p1.
class PopularRetrieverTest : public ::testing::Test {
 protected:
  PopularRetrieverTest() {
    std::vector<ProductSpec> specs;
    for (int i = 0; i < 10; ++i) {
      specs.push_back(Spec("p" + std::to_string(i), {{"x", 1.0}}));
    }
    world_.catalog.Add(specs);
    world_.request.count = 1;
    world_.config.popular_quota = 3;
  }

  void SetStatus(const std::string& id, ProductStatus status) {
    world_.catalog.Add({Spec(id, {{"x", 1.0}}, {"misc"}, "shop", status)});
  }

  std::vector<std::string> Retrieve() {
    auto state = world_.State();
    retriever_.Retrieve(*state);
    return IdsOf(state->candidates);
  }

  PipelineWorld world_;
  PopularRetriever retriever_;
};

TEST_F(PopularRetrieverTest, WithoutEventsWalksTheCatalogWithAStride) {
  EXPECT_EQ(Retrieve(), (std::vector<std::string>{"p0", "p9", "p8"}));
}

TEST_F(PopularRetrieverTest, TheWalkReachesEveryActiveProduct) {
  world_.config.popular_quota = 100;
  EXPECT_EQ(Retrieve(),
            (std::vector<std::string>{"p0", "p9", "p8", "p7", "p6", "p5", "p4",
                                      "p3", "p2", "p1"}));
}

TEST_F(PopularRetrieverTest, NeverProposesNonActiveProducts) {
  SetStatus("p0", ProductStatus::kBanned);
  SetStatus("p9", ProductStatus::kOutOfStock);
  // Even a popular banned product is skipped.
  world_.stats.Record(world_.catalog.Idx("p0"), EventType::kPurchase,
                      world_.now);
  EXPECT_EQ(Retrieve(), (std::vector<std::string>{"p8", "p7", "p6"}));
  world_.config.popular_quota = 100;
  std::vector<std::string> all = Retrieve();
  EXPECT_EQ(all.size(), 8u);
  for (const std::string& id : all) {
    EXPECT_NE(id, "p0");
    EXPECT_NE(id, "p9");
  }
}

TEST_F(PopularRetrieverTest, SkipsProductsOfBannedShopsAndStillFillsItsQuota) {
  world_.catalog.Add({Spec("p0", {{"x", 1.0}}, {"misc"}, "bad"),
                      Spec("p8", {{"x", 1.0}}, {"misc"}, "bad")});
  ASSERT_TRUE(world_.catalog.catalog
                  .UpsertShops(std::vector<ShopSpec>{
                      {"bad", ShopStatus::kBanned, std::nullopt}})
                  .ok());
  world_.stats.Record(world_.catalog.Idx("p8"), EventType::kPurchase,
                      world_.now);
  EXPECT_EQ(Retrieve(), (std::vector<std::string>{"p9", "p7", "p6"}));
}

TEST_F(PopularRetrieverTest, PopularProductsComeFirst) {
  world_.stats.Record(world_.catalog.Idx("p4"), EventType::kPurchase,
                      world_.now);
  world_.stats.Record(world_.catalog.Idx("p6"), EventType::kClick, world_.now);
  EXPECT_EQ(Retrieve(), (std::vector<std::string>{"p4", "p6", "p0"}));
}

TEST_F(PopularRetrieverTest, AProductBothPopularAndWalkedCountsOnce) {
  world_.stats.Record(world_.catalog.Idx("p0"), EventType::kClick, world_.now);
  EXPECT_EQ(Retrieve(), (std::vector<std::string>{"p0", "p9", "p8"}));
}

TEST_F(PopularRetrieverTest, BesidePersonalCandidatesItOnlyFillsTheList) {
  world_.request.count = 3;
  auto state = world_.State();
  state->AddCandidate(world_.catalog.Idx("p0"), Source::kInstantInterest);
  retriever_.Retrieve(*state);
  // One personal candidate: the fallback adds the two the list still lacks,
  // not its quota.
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"p0", "p9", "p8"}));
}

TEST_F(PopularRetrieverTest, AddsNothingWhenPersonalCandidatesSuffice) {
  world_.request.count = 1;
  auto state = world_.State();
  state->AddCandidate(world_.catalog.Idx("p0"), Source::kInstantInterest);
  retriever_.Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates), (std::vector<std::string>{"p0"}));
}

TEST_F(PopularRetrieverTest, ProposesEnoughForTheRequestCountAfterFilters) {
  world_.config.popular_quota = 0;
  world_.request.count = 2;
  auto state = world_.State();
  state->excluded.insert(world_.catalog.Idx("p0"));
  state->profile.dismissed[world_.catalog.Idx("p5")] = world_.now;
  retriever_.Retrieve(*state);
  // count 2 + 1 excluded + 1 dismissed.
  EXPECT_EQ(IdsOf(state->candidates),
            (std::vector<std::string>{"p0", "p9", "p8", "p7"}));
}

TEST_F(PopularRetrieverTest, SkipsPopularProductsNewerThanTheSnapshot) {
  world_.stats.Record(500, EventType::kPurchase, world_.now);
  EXPECT_EQ(Retrieve(), (std::vector<std::string>{"p0", "p9", "p8"}));
}

TEST(PopularRetriever, HandlesEmptyAndSingleProductCatalogs) {
  PipelineWorld world;
  PopularRetriever retriever;
  {
    auto state = world.State();
    retriever.Retrieve(*state);
    EXPECT_TRUE(state->candidates.empty());
  }
  world.catalog.Add({Spec("only", {})});
  auto state = world.State();
  retriever.Retrieve(*state);
  EXPECT_EQ(IdsOf(state->candidates), (std::vector<std::string>{"only"}));
}

TEST(PopularRetriever, TheWalkReachesEveryProductForAnyCatalogSize) {
  for (int size = 1; size <= 40; ++size) {
    PipelineWorld world;
    std::vector<ProductSpec> specs;
    for (int i = 0; i < size; ++i) {
      specs.push_back(Spec("p" + std::to_string(i), {}));
    }
    world.catalog.Add(specs);
    world.config.popular_quota = 1000;
    auto state = world.State();
    PopularRetriever().Retrieve(*state);
    EXPECT_EQ(state->candidates.size(), static_cast<size_t>(size)) << size;
  }
}

TEST(PopularRetriever, AStrideThatDividesTheCatalogSizeIsMadeCoprime) {
  // 7919 products: 7919 % 7919 = 0, bumped to 1, a walk in catalog order.
  PipelineWorld world;
  std::vector<ProductSpec> specs;
  for (size_t i = 0; i < PopularRetriever::kCatalogWalkStride; ++i) {
    specs.push_back(Spec("p" + std::to_string(i), {}));
  }
  world.catalog.Add(specs);
  world.config.popular_quota = 8000;
  auto state = world.State();
  PopularRetriever().Retrieve(*state);
  ASSERT_EQ(state->candidates.size(), PopularRetriever::kCatalogWalkStride);
  for (size_t i = 0; i < state->candidates.size(); ++i) {
    ASSERT_EQ(state->candidates[i].product, i);
  }
}

}  // namespace
}  // namespace ranker
