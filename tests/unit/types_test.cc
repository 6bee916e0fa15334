#include "core/types.h"

#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(Types, EveryEventTypeHasItsWireName) {
  EXPECT_EQ(EventTypeName(EventType::kImpression), "impression");
  EXPECT_EQ(EventTypeName(EventType::kClick), "click");
  EXPECT_EQ(EventTypeName(EventType::kDwell), "dwell");
  EXPECT_EQ(EventTypeName(EventType::kLike), "like");
  EXPECT_EQ(EventTypeName(EventType::kShare), "share");
  EXPECT_EQ(EventTypeName(EventType::kFavorite), "favorite");
  EXPECT_EQ(EventTypeName(EventType::kAddToCart), "add_to_cart");
  EXPECT_EQ(EventTypeName(EventType::kPurchase), "purchase");
  EXPECT_EQ(EventTypeName(EventType::kNotInterested), "not_interested");
  EXPECT_EQ(static_cast<int>(EventType::kNotInterested) + 1, kEventTypeCount);
}

TEST(Types, ScenesFormsAndStatusesHaveTheirWireNames) {
  EXPECT_EQ(SceneName(Scene::kFeed), "feed");
  EXPECT_EQ(SceneName(Scene::kStorefront), "storefront");
  EXPECT_EQ(ContentFormName(ContentForm::kUnknown), "unknown");
  EXPECT_EQ(ContentFormName(ContentForm::kShortVideo), "short_video");
  EXPECT_EQ(ContentFormName(ContentForm::kLiveStream), "live_stream");
  EXPECT_EQ(ContentFormName(ContentForm::kProductCard), "product_card");
  EXPECT_EQ(ProductStatusName(ProductStatus::kActive), "active");
  EXPECT_EQ(ProductStatusName(ProductStatus::kOutOfStock), "out_of_stock");
  EXPECT_EQ(ProductStatusName(ProductStatus::kBanned), "banned");
  EXPECT_EQ(ShopStatusName(ShopStatus::kActive), "active");
  EXPECT_EQ(ShopStatusName(ShopStatus::kBanned), "banned");
}

TEST(Types, OutOfRangeEnumValuesAreNamedUnknown) {
  EXPECT_EQ(EventTypeName(static_cast<EventType>(99)), "unknown");
  EXPECT_EQ(SceneName(static_cast<Scene>(7)), "unknown");
}

}  // namespace
}  // namespace ranker
