#include "client/cli_parse.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(ParseScene, AcceptsTheShortLowerCaseName) {
  EXPECT_EQ(ParseScene("feed").value(), v1::SCENE_FEED);
  EXPECT_EQ(ParseScene("storefront").value(), v1::SCENE_STOREFRONT);
}

TEST(ParseScene, AcceptsTheFullProtoNameInAnyCase) {
  EXPECT_EQ(ParseScene("SCENE_STOREFRONT").value(), v1::SCENE_STOREFRONT);
  EXPECT_EQ(ParseScene("scene_feed").value(), v1::SCENE_FEED);
  EXPECT_EQ(ParseScene("Scene_Feed").value(), v1::SCENE_FEED);
  EXPECT_EQ(ParseScene("FEED").value(), v1::SCENE_FEED);
}

TEST(ParseScene, IgnoresSurroundingWhitespace) {
  EXPECT_EQ(ParseScene("  feed\t").value(), v1::SCENE_FEED);
}

TEST(ParseScene, RejectsAnUnknownNameListingTheAcceptedOnes) {
  const absl::StatusOr<v1::Scene> scene = ParseScene("fed");
  ASSERT_FALSE(scene.ok());
  EXPECT_EQ(scene.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(scene.status().message(), "unknown scene 'fed' (feed|storefront)");
}

TEST(ParseScene, RejectsUnspecifiedInEveryForm) {
  for (const char* text : {"unspecified", "UNSPECIFIED", "SCENE_UNSPECIFIED",
                           "scene_unspecified", ""}) {
    const absl::StatusOr<v1::Scene> scene = ParseScene(text);
    ASSERT_FALSE(scene.ok()) << "'" << text << "'";
    EXPECT_EQ(scene.status().message(),
              absl::StrCat("unknown scene '", text, "' (feed|storefront)"));
  }
}

TEST(ParseEventType, AcceptsShortNamesWithUnderscores) {
  EXPECT_EQ(ParseEventType("add_to_cart").value(), v1::EVENT_TYPE_ADD_TO_CART);
  EXPECT_EQ(ParseEventType("not_interested").value(),
            v1::EVENT_TYPE_NOT_INTERESTED);
  EXPECT_EQ(ParseEventType("click").value(), v1::EVENT_TYPE_CLICK);
  EXPECT_EQ(ParseEventType("Purchase").value(), v1::EVENT_TYPE_PURCHASE);
}

TEST(ParseEventType, AcceptsTheFullProtoNameInAnyCase) {
  EXPECT_EQ(ParseEventType("EVENT_TYPE_DWELL").value(), v1::EVENT_TYPE_DWELL);
  EXPECT_EQ(ParseEventType("event_type_impression").value(),
            v1::EVENT_TYPE_IMPRESSION);
}

TEST(ParseEventType, RejectsUnspecifiedAndUnknownNames) {
  EXPECT_FALSE(ParseEventType("unspecified").ok());
  EXPECT_FALSE(ParseEventType("EVENT_TYPE_UNSPECIFIED").ok());
  const absl::StatusOr<v1::EventType> type = ParseEventType("tap");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.status().message(),
            "unknown event type 'tap' (impression|click|dwell|like|share|"
            "favorite|add_to_cart|purchase|not_interested)");
}

TEST(ParseContentForm, AcceptsShortAndFullNames) {
  EXPECT_EQ(ParseContentForm("short_video").value(),
            v1::CONTENT_FORM_SHORT_VIDEO);
  EXPECT_EQ(ParseContentForm("LIVE_STREAM").value(),
            v1::CONTENT_FORM_LIVE_STREAM);
  EXPECT_EQ(ParseContentForm("content_form_product_card").value(),
            v1::CONTENT_FORM_PRODUCT_CARD);
}

TEST(ParseContentForm, RejectsUnspecifiedAndUnknownNames) {
  EXPECT_FALSE(ParseContentForm("unspecified").ok());
  EXPECT_FALSE(ParseContentForm("CONTENT_FORM_UNSPECIFIED").ok());
  const absl::StatusOr<v1::ContentForm> form = ParseContentForm("tv");
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.status().message(),
            "unknown content form 'tv' (short_video|live_stream|product_card)");
}

TEST(ParseProductStatus, AcceptsShortAndFullNames) {
  EXPECT_EQ(ParseProductStatus("active").value(), v1::PRODUCT_STATUS_ACTIVE);
  EXPECT_EQ(ParseProductStatus("out_of_stock").value(),
            v1::PRODUCT_STATUS_OUT_OF_STOCK);
  EXPECT_EQ(ParseProductStatus("Banned").value(), v1::PRODUCT_STATUS_BANNED);
  EXPECT_EQ(ParseProductStatus("PRODUCT_STATUS_BANNED").value(),
            v1::PRODUCT_STATUS_BANNED);
}

TEST(ParseProductStatus, RejectsUnspecifiedAndUnknownNames) {
  EXPECT_FALSE(ParseProductStatus("unspecified").ok());
  EXPECT_FALSE(ParseProductStatus("PRODUCT_STATUS_UNSPECIFIED").ok());
  const absl::StatusOr<v1::ProductStatus> status =
      ParseProductStatus("deleted");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.status().message(),
            "unknown product status 'deleted' (active|out_of_stock|banned)");
}

TEST(ParseShopStatus, AcceptsShortAndFullNamesAndRejectsOthers) {
  EXPECT_EQ(ParseShopStatus("active").value(), v1::SHOP_STATUS_ACTIVE);
  EXPECT_EQ(ParseShopStatus("SHOP_STATUS_BANNED").value(),
            v1::SHOP_STATUS_BANNED);
  EXPECT_FALSE(ParseShopStatus("unspecified").ok());
  const absl::StatusOr<v1::ShopStatus> status = ParseShopStatus("closed");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.status().message(),
            "unknown shop status 'closed' (active|banned)");
}

TEST(EnumNames, ListEveryValueButUnspecifiedInProtoOrder) {
  EXPECT_EQ(SceneNames(), "feed|storefront");
  EXPECT_EQ(EventTypeNames(),
            "impression|click|dwell|like|share|favorite|add_to_cart|purchase|"
            "not_interested");
  EXPECT_EQ(ContentFormNames(), "short_video|live_stream|product_card");
  EXPECT_EQ(ProductStatusNames(), "active|out_of_stock|banned");
  EXPECT_EQ(ShopStatusNames(), "active|banned");
}

TEST(EnumNames, UseTheGivenSeparator) {
  EXPECT_EQ(SceneNames(" "), "feed storefront");
  EXPECT_EQ(ContentFormNames(", "), "short_video, live_stream, product_card");
}

TEST(SplitList, TrimsItemsAndDropsEmptyOnes) {
  EXPECT_THAT(SplitList(" a, b,,c ,"), ElementsAre("a", "b", "c"));
  EXPECT_THAT(SplitList("p00001"), ElementsAre("p00001"));
  EXPECT_THAT(SplitList("\tx y , z\n"), ElementsAre("x y", "z"));
}

TEST(SplitList, GivesNothingForEmptyOrBlankText) {
  EXPECT_THAT(SplitList(""), IsEmpty());
  EXPECT_THAT(SplitList(" , ,"), IsEmpty());
}

TEST(ParseWeightOverrides, ParsesNamesAndValuesWithSpacesAroundThem) {
  const auto weights = ParseWeightOverrides("interest=1.5, ctr = 0.25,x=-2,");
  ASSERT_TRUE(weights.ok()) << weights.status();
  EXPECT_THAT(*weights, UnorderedElementsAre(Pair("interest", 1.5),
                                             Pair("ctr", 0.25), Pair("x", -2)));
}

TEST(ParseWeightOverrides, GivesAnEmptyMapForEmptyText) {
  const auto weights = ParseWeightOverrides("");
  ASSERT_TRUE(weights.ok());
  EXPECT_THAT(*weights, IsEmpty());
}

TEST(ParseWeightOverrides, RejectsAnItemWithoutEquals) {
  const auto weights = ParseWeightOverrides("a=1,interest");
  ASSERT_FALSE(weights.ok());
  EXPECT_EQ(weights.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(weights.status().message(), "'interest' is not name=value");
}

TEST(ParseWeightOverrides, RejectsAnEmptyName) {
  const auto weights = ParseWeightOverrides(" =1");
  ASSERT_FALSE(weights.ok());
  EXPECT_EQ(weights.status().message(), "'=1' is not name=value");
}

TEST(ParseWeightOverrides, RejectsAValueThatIsNotANumber) {
  const auto weights = ParseWeightOverrides("a=high");
  ASSERT_FALSE(weights.ok());
  EXPECT_EQ(weights.status().message(),
            "value 'high' of 'a' is not a finite number");
  const auto empty = ParseWeightOverrides("a=");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "value '' of 'a' is not a finite number");
}

TEST(ParseWeightOverrides, RejectsNanAndInfinities) {
  for (const char* value : {"nan", "NaN", "inf", "-inf", "infinity", "1e999"}) {
    const auto weights = ParseWeightOverrides(absl::StrCat("a=", value));
    ASSERT_FALSE(weights.ok()) << value;
    EXPECT_EQ(
        weights.status().message(),
        absl::StrCat("value '", value, "' of 'a' is not a finite number"));
  }
}

TEST(ParseWeightOverrides, RejectsANameGivenTwiceEvenWithDifferentSpacing) {
  const auto weights = ParseWeightOverrides("a=1, a =2");
  ASSERT_FALSE(weights.ok());
  EXPECT_EQ(weights.status().message(), "weight 'a' is given twice");
}

}  // namespace
}  // namespace ranker::cli
