#include "core/persist/call_codec.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ranker {

// Field-by-field equality for the round-trip checks (the specs have none).
bool operator==(const WeightedTagSpec& a, const WeightedTagSpec& b) {
  return a.tag == b.tag && a.weight == b.weight;
}
bool operator==(const ProductSpec& a, const ProductSpec& b) {
  return a.id == b.id && a.title == b.title && a.tags == b.tags &&
         a.category_path == b.category_path && a.shop_id == b.shop_id &&
         a.price == b.price && a.status == b.status &&
         a.content_forms == b.content_forms &&
         a.repurchase_cycle_days == b.repurchase_cycle_days &&
         a.campaign == b.campaign &&
         a.campaign_start_ms == b.campaign_start_ms &&
         a.campaign_end_ms == b.campaign_end_ms &&
         a.live_start_ms == b.live_start_ms && a.live_end_ms == b.live_end_ms &&
         a.creator_ids == b.creator_ids;
}
bool operator==(const Event& a, const Event& b) {
  return a.user_id == b.user_id && a.session_id == b.session_id &&
         a.product_id == b.product_id && a.type == b.type &&
         a.timestamp_ms == b.timestamp_ms && a.dwell_ms == b.dwell_ms &&
         a.content_form == b.content_form && a.content_tags == b.content_tags &&
         a.creator_id == b.creator_id;
}
bool operator==(const ShopSpec& a, const ShopSpec& b) {
  return a.id == b.id && a.status == b.status &&
         a.quality_score == b.quality_score;
}

namespace persist {
namespace {

// Every field set to a non-default value, so a field the codec forgets shows.
ProductSpec FullProduct() {
  ProductSpec spec;
  spec.id = "p1";
  spec.title = "A kettle \xe2\x80\x94 travel size";
  spec.tags = {{"travel", 1.0}, {"kettle", 0.3125}, {"tiny", 1e-9}};
  spec.category_path = {"home", "kitchen", "kettles"};
  spec.shop_id = "s7";
  spec.price = 19.99;
  spec.status = ProductStatus::kOutOfStock;
  spec.content_forms = {ContentForm::kLiveStream, ContentForm::kProductCard};
  spec.repurchase_cycle_days = 45;
  spec.campaign = true;
  spec.campaign_start_ms = 1'700'000'000'000;
  spec.campaign_end_ms = 1'700'000'100'000;
  spec.live_start_ms = 1'700'000'200'000;
  spec.live_end_ms = 1'700'000'300'000;
  spec.creator_ids = {"c1", "c14"};
  return spec;
}

Event FullEvent() {
  Event event;
  event.user_id = "u1";
  event.session_id = "sess-9";
  event.product_id = "p1";
  event.type = EventType::kDwell;
  event.timestamp_ms = 1'700'000'000'123;
  event.dwell_ms = 4500;
  event.content_form = ContentForm::kShortVideo;
  event.content_tags = {"business-travel", "unboxing"};
  event.creator_id = "c14";
  return event;
}

TEST(CallCodecTest, LogEventsRoundTripsEveryFieldAndTheResolvedTime) {
  std::vector<Event> events = {FullEvent(), Event{}};
  events[1].user_id = "u2";
  events[1].product_id = "p2";
  events[1].type = EventType::kNotInterested;
  for (int type = 0; type < kEventTypeCount; ++type) {
    Event event = FullEvent();
    event.type = static_cast<EventType>(type);
    event.content_form = static_cast<ContentForm>(type % kContentFormCount);
    events.push_back(event);
  }
  const std::string payload = EncodeLogEvents(1'700'000'000'999, events);
  absl::StatusOr<LogEventsCall> call = DecodeLogEvents(payload);
  ASSERT_TRUE(call.ok()) << call.status();
  EXPECT_EQ(call->now, 1'700'000'000'999);
  EXPECT_EQ(call->events, events);
}

TEST(CallCodecTest, UpsertProductsRoundTripsEveryField) {
  std::vector<ProductSpec> products = {FullProduct(), ProductSpec{}};
  products[1].id = "p2";
  for (int status = 0; status < 3; ++status) {
    ProductSpec spec = FullProduct();
    spec.status = static_cast<ProductStatus>(status);
    spec.repurchase_cycle_days = -status;  // decoded as written, checked later
    spec.campaign = status == 1;
    products.push_back(spec);
  }
  absl::StatusOr<std::vector<ProductSpec>> decoded =
      DecodeUpsertProducts(EncodeUpsertProducts(products));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, products);
}

TEST(CallCodecTest, UpsertShopsRoundTripsWithAndWithoutAScore) {
  std::vector<ShopSpec> shops(3);
  shops[0] = {"s1", ShopStatus::kBanned, std::nullopt};
  shops[1] = {"s2", ShopStatus::kActive, 0.25};
  shops[2] = {"s3", ShopStatus::kActive, 0.0};
  absl::StatusOr<std::vector<ShopSpec>> decoded =
      DecodeUpsertShops(EncodeUpsertShops(shops));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, shops);
}

TEST(CallCodecTest, EveryTruncationIsDataLossNeverACrash) {
  const std::vector<Event> events = {FullEvent(), FullEvent()};
  const std::vector<ProductSpec> products = {FullProduct()};
  const std::vector<ShopSpec> shops = {{"s1", ShopStatus::kBanned, 0.5}};
  const std::string payloads[] = {EncodeLogEvents(5, events),
                                  EncodeUpsertProducts(products),
                                  EncodeUpsertShops(shops)};
  for (int kind = 0; kind < 3; ++kind) {
    const std::string& whole = payloads[kind];
    for (size_t size = 0; size < whole.size(); ++size) {
      const std::string prefix = whole.substr(0, size);
      absl::Status status = kind == 0   ? DecodeLogEvents(prefix).status()
                            : kind == 1 ? DecodeUpsertProducts(prefix).status()
                                        : DecodeUpsertShops(prefix).status();
      EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss)
          << "kind " << kind << " size " << size;
    }
    // A trailing byte is damage too.
    EXPECT_FALSE(DecodeLogEvents(payloads[0] + "x").ok());
  }
}

TEST(CallCodecTest, RandomBytesAndBitFlipsNeverCrash) {
  const std::string valid = EncodeUpsertProducts({{FullProduct()}});
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes = valid;
    const int flips = 1 + round % 4;
    for (int f = 0; f < flips; ++f) {
      bytes[random() % bytes.size()] ^= static_cast<char>(1 << (random() % 8));
    }
    (void)DecodeUpsertProducts(bytes);
    (void)DecodeLogEvents(bytes);
    (void)DecodeUpsertShops(bytes);
    std::string noise(random() % 64, '\0');
    for (char& c : noise) c = static_cast<char>(random());
    (void)DecodeUpsertProducts(noise);
    (void)DecodeLogEvents(noise);
    (void)DecodeUpsertShops(noise);
  }
}

TEST(CallCodecTest, RejectsUnknownVersionsAndEnumValues) {
  std::string payload =
      EncodeUpsertShops({{ShopSpec{"s1", ShopStatus::kActive, std::nullopt}}});
  payload[0] = 2;  // version
  absl::Status status = DecodeUpsertShops(payload).status();
  EXPECT_NE(status.message().find("version"), absl::string_view::npos);

  std::string shops =
      EncodeUpsertShops({{ShopSpec{"s1", ShopStatus::kActive, std::nullopt}}});
  // version, count, id "s1" (3 bytes), then the status byte.
  shops[5] = 2;
  status = DecodeUpsertShops(shops).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("shops[0].status"), absl::string_view::npos)
      << status;
}

TEST(CallCodecTest, RecordKindsHaveStableNamesAndValues) {
  EXPECT_EQ(static_cast<int>(RecordKind::kLogEvents), 1);
  EXPECT_EQ(static_cast<int>(RecordKind::kUpsertProducts), 2);
  EXPECT_EQ(static_cast<int>(RecordKind::kUpsertShops), 3);
  EXPECT_EQ(RecordKindName(RecordKind::kUpsertShops), "UpsertShops");
  EXPECT_FALSE(IsKnownRecordKind(0));
  EXPECT_TRUE(IsKnownRecordKind(3));
  EXPECT_FALSE(IsKnownRecordKind(4));
}

}  // namespace
}  // namespace persist
}  // namespace ranker
