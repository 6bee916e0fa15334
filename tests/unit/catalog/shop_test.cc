#include "core/catalog/shop.h"

#include <cmath>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

ShopSpec Valid() {
  ShopSpec spec;
  spec.id = "s1";
  spec.status = ShopStatus::kBanned;
  spec.quality_score = 0.4;
  return spec;
}

std::string ErrorOf(const ShopSpec& spec) {
  absl::Status status = ValidateShopSpec(spec, "shops[2].");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  return std::string(status.message());
}

TEST(ValidateShopSpec, AcceptsAValidSpecAndAnAbsentScore) {
  EXPECT_TRUE(ValidateShopSpec(Valid(), "shops[0].").ok());
  ShopSpec unscored = Valid();
  unscored.quality_score.reset();
  EXPECT_TRUE(ValidateShopSpec(unscored, "shops[0].").ok());
}

TEST(ValidateShopSpec, AcceptsTheBoundsOfTheScore) {
  for (double score : {0.0, 1.0}) {
    ShopSpec spec = Valid();
    spec.quality_score = score;
    EXPECT_TRUE(ValidateShopSpec(spec, "").ok()) << score;
  }
}

TEST(ValidateShopSpec, RejectsABadIdNamingTheField) {
  ShopSpec spec = Valid();
  spec.id = "";
  EXPECT_EQ(ErrorOf(spec), "shops[2].shop_id: must not be empty");
  spec.id = std::string(129, 'x');
  EXPECT_EQ(ErrorOf(spec),
            "shops[2].shop_id: must be at most 128 bytes, got 129");
  spec.id = "s\n1";
  EXPECT_EQ(ErrorOf(spec),
            "shops[2].shop_id: must not contain control characters");
}

TEST(ValidateShopSpec, RejectsAScoreOutsideZeroToOneOrNotFinite) {
  ShopSpec spec = Valid();
  spec.quality_score = 1.5;
  EXPECT_EQ(ErrorOf(spec),
            "shops[2].quality_score: must be in [0, 1], got 1.5");
  spec.quality_score = -0.1;
  EXPECT_EQ(ErrorOf(spec),
            "shops[2].quality_score: must be in [0, 1], got -0.1");
  for (double bad : {std::nan(""), std::numeric_limits<double>::infinity()}) {
    spec.quality_score = bad;
    EXPECT_EQ(ErrorOf(spec), "shops[2].quality_score: must be a finite number");
  }
}

TEST(ShopState, DefaultsToAnActiveShopOfFullQuality) {
  const ShopState state;
  EXPECT_EQ(state.status, ShopStatus::kActive);
  EXPECT_FALSE(state.banned());
  EXPECT_EQ(state.quality, 1.0);
  EXPECT_FALSE(state.governed);
}

}  // namespace
}  // namespace ranker
