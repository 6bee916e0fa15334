#include "core/pipeline/recommend_request.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/limits.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

RecommendRequest Valid() {
  RecommendRequest request;
  request.user_id = "u1";
  return request;
}

std::string ErrorOf(const RecommendRequest& request) {
  absl::Status status = ValidateRecommendRequest(request);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  return std::string(status.message());
}

TEST(ValidateRecommendRequest, AcceptsAPlainRequest) {
  EXPECT_TRUE(ValidateRecommendRequest(Valid()).ok());
}

TEST(ValidateRecommendRequest, RequiresAUserId) {
  RecommendRequest request = Valid();
  request.user_id.clear();
  EXPECT_EQ(ErrorOf(request), "user_id: must not be empty");
}

TEST(ValidateRecommendRequest, CountMustBeWithinOneAndTwoHundred) {
  RecommendRequest request = Valid();
  request.count = 0;
  EXPECT_EQ(ErrorOf(request), "count: must be in [1, 200], got 0");
  request.count = 201;
  EXPECT_EQ(ErrorOf(request), "count: must be in [1, 200], got 201");
  request.count = -5;
  EXPECT_EQ(ErrorOf(request), "count: must be in [1, 200], got -5");
  request.count = 1;
  EXPECT_TRUE(ValidateRecommendRequest(request).ok());
  request.count = 200;
  EXPECT_TRUE(ValidateRecommendRequest(request).ok());
}

TEST(ValidateRecommendRequest, ContentSlotsMustBeWithinZeroAndAThousand) {
  RecommendRequest request = Valid();
  request.content_slots = -1;
  EXPECT_EQ(ErrorOf(request), "content_slots: must be in [0, 1000], got -1");
  request.content_slots = 1001;
  EXPECT_EQ(ErrorOf(request), "content_slots: must be in [0, 1000], got 1001");
  request.content_slots = 1000;
  EXPECT_TRUE(ValidateRecommendRequest(request).ok());
}

TEST(ValidateRecommendRequest, BoundsTheSessionId) {
  RecommendRequest request = Valid();
  request.session_id = std::string(limits::kMaxIdBytes + 1, 's');
  EXPECT_EQ(ErrorOf(request), "session_id: must be at most 128 bytes, got 129");
}

TEST(ValidateRecommendRequest, LimitsTheExcludeList) {
  RecommendRequest request = Valid();
  request.exclude_product_ids.assign(limits::kMaxExcludedProducts, "p");
  EXPECT_TRUE(ValidateRecommendRequest(request).ok());
  request.exclude_product_ids.push_back("p");
  EXPECT_EQ(ErrorOf(request),
            "exclude_product_ids: at most 1000 entries allowed, got 1001");
}

TEST(ValidateRecommendRequest, NamesAnEmptyExcludedIdByIndex) {
  RecommendRequest request = Valid();
  request.exclude_product_ids = {"p1", ""};
  EXPECT_EQ(ErrorOf(request), "exclude_product_ids[1]: must not be empty");
}

TEST(ValidateRecommendRequest, ChecksTheContextFields) {
  RecommendRequest request = Valid();
  request.context_tags = {"travel", "bad\ttag"};
  EXPECT_EQ(ErrorOf(request),
            "context.content_tags[1]: must not contain control characters");
  request = Valid();
  request.context_tags.assign(limits::kMaxContentTags + 1, "t");
  EXPECT_EQ(ErrorOf(request),
            "context.content_tags: at most 64 entries allowed, got 65");
  request = Valid();
  request.recent_product_ids.assign(limits::kMaxRecentProducts + 1, "p");
  EXPECT_EQ(ErrorOf(request),
            "context.recent_product_ids: at most 100 entries allowed, got 101");
  request = Valid();
  request.shop_id = "shop\n";
  EXPECT_EQ(ErrorOf(request),
            "context.shop_id: must not contain control characters");
}

TEST(ValidateRecommendRequest, LimitsTheNumberOfWeightOverrides) {
  RecommendRequest request = Valid();
  request.weight_overrides.assign(limits::kMaxWeightOverrides,
                                  {"click_rate", 1.0});
  EXPECT_TRUE(ValidateRecommendRequest(request).ok());
  request.weight_overrides.push_back({"click_rate", 1.0});
  EXPECT_EQ(ErrorOf(request),
            "weight_overrides: at most 64 entries allowed, got 65");
}

TEST(ValidateRecommendRequest, LeavesOverrideNamesToTheRankingConfig) {
  RecommendRequest request = Valid();
  request.weight_overrides = {{"no_such_knob", 1.0}};
  EXPECT_TRUE(ValidateRecommendRequest(request).ok());
}

}  // namespace
}  // namespace ranker
