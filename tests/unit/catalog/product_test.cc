#include "core/catalog/product.h"

#include <cmath>
#include <string>

#include "absl/status/status.h"
#include "core/limits.h"
#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using test::Spec;

ProductSpec Valid() {
  return Spec("p1", {{"travel", 1.0}, {"portable", 0.5}}, {"home", "kitchen"},
              "s1");
}

// The error of validating `spec` with the prefix used by UpsertProducts.
std::string ErrorOf(const ProductSpec& spec) {
  absl::Status status = ValidateProductSpec(spec, "products[2].");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  return std::string(status.message());
}

TEST(ValidateProductSpec, AcceptsAValidSpec) {
  EXPECT_TRUE(ValidateProductSpec(Valid(), "products[0].").ok());
}

TEST(ValidateProductSpec, AcceptsAProductWithoutTags) {
  ProductSpec spec = Valid();
  spec.tags.clear();
  EXPECT_TRUE(ValidateProductSpec(spec, "").ok());
}

TEST(ValidateProductSpec, RequiresAnId) {
  ProductSpec spec = Valid();
  spec.id.clear();
  EXPECT_EQ(ErrorOf(spec), "products[2].product_id: must not be empty");
}

TEST(ValidateProductSpec, LimitsTheIdLength) {
  ProductSpec spec = Valid();
  spec.id = std::string(limits::kMaxIdBytes + 1, 'p');
  EXPECT_EQ(ErrorOf(spec),
            "products[2].product_id: must be at most 128 bytes, got 129");
}

TEST(ValidateProductSpec, RejectsControlCharactersInTheId) {
  ProductSpec spec = Valid();
  spec.id = "p\n1";
  EXPECT_EQ(ErrorOf(spec),
            "products[2].product_id: must not contain control characters");
}

TEST(ValidateProductSpec, LimitsTheTitleLength) {
  ProductSpec spec = Valid();
  spec.title = std::string(limits::kMaxTitleBytes, 't');
  EXPECT_TRUE(ValidateProductSpec(spec, "").ok());
  spec.title.push_back('t');
  EXPECT_EQ(ErrorOf(spec), "products[2].title: must be at most 512 bytes");
}

TEST(ValidateProductSpec, LimitsTheNumberOfTags) {
  ProductSpec spec = Valid();
  spec.tags.clear();
  for (size_t i = 0; i <= limits::kMaxTagsPerProduct; ++i) {
    spec.tags.push_back({"tag" + std::to_string(i), 0.5});
  }
  EXPECT_EQ(ErrorOf(spec),
            "products[2].tags: at most 64 entries allowed, got 65");
}

TEST(ValidateProductSpec, NamesAnEmptyTagByIndex) {
  ProductSpec spec = Valid();
  spec.tags[1].tag.clear();
  EXPECT_EQ(ErrorOf(spec), "products[2].tags[1].tag: must not be empty");
}

TEST(ValidateProductSpec, RejectsADuplicateTag) {
  ProductSpec spec = Valid();
  spec.tags[1].tag = "travel";
  EXPECT_EQ(ErrorOf(spec), "products[2].tags[1].tag: duplicate tag 'travel'");
}

TEST(ValidateProductSpec, RejectsANonFiniteTagWeight) {
  ProductSpec spec = Valid();
  spec.tags[1].weight = std::nan("");
  EXPECT_EQ(ErrorOf(spec),
            "products[2].tags[1].weight: must be a finite number");
}

TEST(ValidateProductSpec, RejectsATagWeightAboveOne) {
  ProductSpec spec = Valid();
  spec.tags[1].weight = 1.5;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].tags[1].weight: must be in [0, 1], got 1.5");
}

TEST(ValidateProductSpec, RejectsANegativeTagWeight) {
  ProductSpec spec = Valid();
  spec.tags[0].weight = -0.25;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].tags[0].weight: must be in [0, 1], got -0.25");
}

TEST(ValidateProductSpec, RejectsAZeroTagWeight) {
  ProductSpec spec = Valid();
  spec.tags[1].weight = 0.0;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].tags[1].weight: must be greater than 0");
}

TEST(ValidateProductSpec, RequiresACategoryPath) {
  ProductSpec spec = Valid();
  spec.category_path.clear();
  EXPECT_EQ(ErrorOf(spec), "products[2].category_path: must not be empty");
}

TEST(ValidateProductSpec, LimitsTheCategoryDepth) {
  ProductSpec spec = Valid();
  spec.category_path.assign(limits::kMaxCategoryDepth, "c");
  EXPECT_TRUE(ValidateProductSpec(spec, "").ok());
  spec.category_path.push_back("c");
  EXPECT_EQ(ErrorOf(spec),
            "products[2].category_path: at most 8 entries allowed, got 9");
}

TEST(ValidateProductSpec, NamesAnEmptyCategorySegmentByIndex) {
  ProductSpec spec = Valid();
  spec.category_path[1].clear();
  EXPECT_EQ(ErrorOf(spec), "products[2].category_path[1]: must not be empty");
}

TEST(ValidateProductSpec, RequiresAShop) {
  ProductSpec spec = Valid();
  spec.shop_id.clear();
  EXPECT_EQ(ErrorOf(spec), "products[2].shop_id: must not be empty");
}

TEST(ValidateProductSpec, RejectsANegativeOrNonFinitePrice) {
  ProductSpec spec = Valid();
  spec.price = -1.0;
  EXPECT_EQ(ErrorOf(spec), "products[2].price: must be in [0, 1e+12], got -1");
  spec.price = INFINITY;
  EXPECT_EQ(ErrorOf(spec), "products[2].price: must be a finite number");
  spec.price = 0.0;
  EXPECT_TRUE(ValidateProductSpec(spec, "").ok());
}

TEST(ValidateProductSpec, RejectsAnUnknownContentForm) {
  ProductSpec spec = Valid();
  spec.content_forms = {ContentForm::kLiveStream, ContentForm::kUnknown};
  EXPECT_EQ(ErrorOf(spec),
            "products[2].content_forms[1]: must name a content form");
}

TEST(ValidateProductSpec, BoundsTheRepurchaseCycle) {
  ProductSpec spec = Valid();
  spec.repurchase_cycle_days = limits::kMaxRepurchaseCycleDays;
  EXPECT_TRUE(ValidateProductSpec(spec, "").ok());
  spec.repurchase_cycle_days = limits::kMaxRepurchaseCycleDays + 1;
  EXPECT_EQ(
      ErrorOf(spec),
      "products[2].repurchase_cycle_days: must be in [0, 3650], got 3651");
  spec.repurchase_cycle_days = -1;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].repurchase_cycle_days: must be in [0, 3650], got -1");
}

TEST(ValidateProductSpec, AcceptsLiveAndCampaignWindowsAndCreators) {
  ProductSpec spec = Valid();
  spec.live_start_ms = 1000;
  spec.live_end_ms = 2000;
  spec.campaign = true;
  spec.campaign_start_ms = 0;  // running since always, until 5000
  spec.campaign_end_ms = 5000;
  spec.creator_ids = {"c1", "c2"};
  EXPECT_TRUE(ValidateProductSpec(spec, "").ok());
}

TEST(ValidateProductSpec, RejectsALiveWindowThatEndsAtOrBeforeItsStart) {
  ProductSpec spec = Valid();
  spec.live_start_ms = 2000;
  spec.live_end_ms = 2000;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].live_end_ms: must be greater than "
            "products[2].live_start_ms (2000), got 2000");
  spec.live_end_ms = 0;  // a start alone is not a window either
  EXPECT_EQ(ErrorOf(spec),
            "products[2].live_end_ms: must be greater than "
            "products[2].live_start_ms (2000), got 0");
}

TEST(ValidateProductSpec, RejectsANegativeWindowStart) {
  ProductSpec spec = Valid();
  spec.live_start_ms = -1;
  spec.live_end_ms = 10;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].live_start_ms: must not be negative, got -1");
  spec = Valid();
  spec.campaign = true;
  spec.campaign_start_ms = -5;
  spec.campaign_end_ms = 10;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].campaign_start_ms: must not be negative, got -5");
}

TEST(ValidateProductSpec, RejectsACampaignWindowThatEndsBeforeItsStart) {
  ProductSpec spec = Valid();
  spec.campaign = true;
  spec.campaign_start_ms = 3000;
  spec.campaign_end_ms = 1000;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].campaign_end_ms: must be greater than "
            "products[2].campaign_start_ms (3000), got 1000");
}

TEST(ValidateProductSpec, RejectsACampaignWindowWithoutTheCampaignFlag) {
  ProductSpec spec = Valid();
  spec.campaign_start_ms = 1000;
  spec.campaign_end_ms = 2000;
  EXPECT_EQ(ErrorOf(spec),
            "products[2].campaign: must be true when a campaign window is "
            "given");
}

TEST(ValidateProductSpec, LimitsTheNumberOfCreators) {
  ProductSpec spec = Valid();
  for (size_t i = 0; i < limits::kMaxCreatorsPerProduct; ++i) {
    spec.creator_ids.push_back("c" + std::to_string(i));
  }
  EXPECT_TRUE(ValidateProductSpec(spec, "").ok());
  spec.creator_ids.push_back("one-too-many");
  EXPECT_EQ(ErrorOf(spec),
            "products[2].creator_ids: at most 16 entries allowed, got 17");
}

TEST(ValidateProductSpec, ChecksEachCreatorId) {
  ProductSpec spec = Valid();
  spec.creator_ids = {"c1", ""};
  EXPECT_EQ(ErrorOf(spec), "products[2].creator_ids[1]: must not be empty");
  spec.creator_ids = {std::string(limits::kMaxIdBytes + 1, 'c')};
  EXPECT_EQ(ErrorOf(spec),
            "products[2].creator_ids[0]: must be at most 128 bytes, got 129");
  spec.creator_ids = {"c1", "c2", "c1"};
  EXPECT_EQ(ErrorOf(spec),
            "products[2].creator_ids[2]: duplicate creator 'c1'");
}

TEST(Product, IsLiveInsideItsHalfOpenWindowOnly) {
  Product product;
  EXPECT_FALSE(product.LiveAt(0));  // no window: never live
  product.live_window = {1000, 2000};
  EXPECT_FALSE(product.LiveAt(999));
  EXPECT_TRUE(product.LiveAt(1000));
  EXPECT_TRUE(product.LiveAt(1999));
  EXPECT_FALSE(product.LiveAt(2000));
}

TEST(Product, CampaignRunsWhileFlaggedAndInsideItsWindowIfAny) {
  Product product;
  EXPECT_FALSE(product.CampaignAt(1500));
  product.campaign = true;
  EXPECT_TRUE(product.CampaignAt(1500));  // no window: until unflagged
  product.campaign_window = {1000, 2000};
  EXPECT_FALSE(product.CampaignAt(999));
  EXPECT_TRUE(product.CampaignAt(1000));
  EXPECT_TRUE(product.CampaignAt(1999));
  EXPECT_FALSE(product.CampaignAt(2000));
}

TEST(Product, TagWeightOfFindsSortedTagsAndIsZeroForAbsentOnes) {
  Product product;
  product.tags = {{1, 0.5f}, {4, 0.25f}, {9, 1.0f}};
  EXPECT_EQ(product.TagWeightOf(1), 0.5f);
  EXPECT_EQ(product.TagWeightOf(4), 0.25f);
  EXPECT_EQ(product.TagWeightOf(9), 1.0f);
  EXPECT_EQ(product.TagWeightOf(0), 0.0f);
  EXPECT_EQ(product.TagWeightOf(5), 0.0f);
  EXPECT_EQ(product.TagWeightOf(10), 0.0f);
}

TEST(Product, IsDurableWithoutARepurchaseCycle) {
  Product product;
  EXPECT_TRUE(product.is_durable());
  product.repurchase_cycle_days = 30;
  EXPECT_FALSE(product.is_durable());
}

TEST(Product, FormBitsAreDistinct) {
  EXPECT_EQ(FormBit(ContentForm::kUnknown), 1);
  EXPECT_EQ(FormBit(ContentForm::kShortVideo), 2);
  EXPECT_EQ(FormBit(ContentForm::kLiveStream), 4);
  EXPECT_EQ(FormBit(ContentForm::kProductCard), 8);
}

}  // namespace
}  // namespace ranker
