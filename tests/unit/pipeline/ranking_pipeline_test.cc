#include "core/pipeline/ranking_pipeline.h"

#include <numeric>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "tests/unit/pipeline/pipeline_test_util.h"

namespace ranker {
namespace {

using test::PipelineWorld;
using test::Spec;

class RankingPipelineTest : public ::testing::Test {
 protected:
  RankingPipelineTest() {
    std::vector<ProductSpec> specs;
    for (int i = 0; i < 12; ++i) {
      specs.push_back(
          Spec("p" + std::to_string(i), {{i % 2 == 0 ? "even" : "odd", 1.0}},
               {"c" + std::to_string(i % 3)}, "s" + std::to_string(i % 4)));
    }
    specs[5].status = ProductStatus::kBanned;
    world_.catalog.Add(specs);
    world_.config.category_max_share = 1.0;
    world_.config.shop_max_share = 1.0;
  }

  std::vector<std::string> Ids(const RecommendResult& result) {
    std::vector<std::string> ids;
    for (const RecommendedItem& item : result.items) {
      ids.push_back(item.product_id);
    }
    return ids;
  }

  PipelineWorld world_;
  RankingPipeline pipeline_;
};

TEST_F(RankingPipelineTest, ReturnsAtMostCountItemsBestFirst) {
  world_.request.count = 4;
  world_.request.context_tags = {"odd"};
  world_.request.debug = true;
  auto state = world_.State();
  absl::StatusOr<RecommendResult> result = pipeline_.Run(*state);
  ASSERT_TRUE(result.ok()) << result.status();
  // The odd products match the context; p5 is banned.
  EXPECT_EQ(Ids(*result), (std::vector<std::string>{"p1", "p3", "p7", "p9"}));
  for (size_t i = 0; i < result->items.size(); ++i) {
    const RecommendedItem& item = result->items[i];
    if (i > 0) {
      EXPECT_LE(item.score, result->items[i - 1].score);
    }
    ASSERT_TRUE(item.explanation.has_value());
    double sum = 0;
    for (const auto& [name, value] : item.explanation->score_parts) {
      sum += value;
    }
    EXPECT_DOUBLE_EQ(item.score, sum);
    EXPECT_EQ(item.source, "context_tags");
  }
}

// The server's per-stage latency metrics come from these.
TEST_F(RankingPipelineTest, TimesEveryStage) {
  world_.request.count = 4;
  world_.request.context_tags = {"odd"};
  auto state = world_.State();
  absl::StatusOr<RecommendResult> result = pipeline_.Run(*state);
  ASSERT_TRUE(result.ok()) << result.status();
  absl::Duration total;
  for (const absl::Duration took : result->timings.durations) {
    EXPECT_GE(took, absl::ZeroDuration());
    EXPECT_LT(took, absl::Seconds(10));
    total += took;
  }
  EXPECT_GT(total, absl::ZeroDuration());
  EXPECT_EQ(PipelineStageName(PipelineStage::kItemFeatures), "item_features");
}

TEST_F(RankingPipelineTest, NeverReturnsFilteredProducts) {
  world_.request.count = 200;
  world_.request.exclude_product_ids = {"p0"};
  auto state = world_.State();
  absl::StatusOr<RecommendResult> result = pipeline_.Run(*state);
  ASSERT_TRUE(result.ok());
  std::vector<std::string> ids = Ids(*result);
  EXPECT_EQ(ids.size(), 10u);  // 12 minus banned p5 and excluded p0
  for (const std::string& id : ids) {
    EXPECT_NE(id, "p0");
    EXPECT_NE(id, "p5");
  }
}

TEST_F(RankingPipelineTest, UnknownStorefrontShopIsNotFound) {
  world_.request.scene = Scene::kStorefront;
  world_.request.shop_id = "s99";
  auto state = world_.State();
  EXPECT_EQ(pipeline_.Run(*state).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ranker
