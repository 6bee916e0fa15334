#include "client/cli_jsonl.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// The message of a failed parse, or a marker when it unexpectedly succeeded.
template <typename T>
std::string ErrorOf(const absl::StatusOr<T>& result) {
  if (result.ok()) return "<ok>";
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

TEST(EventFromJsonLine, ReadsEveryField) {
  const absl::StatusOr<v1::Event> event = EventFromJsonLine(
      R"({"user_id":"u1","session_id":"s1","product_id":"p00042",)"
      R"("type":"click","timestamp_ms":1700000000000,"dwell_ms":1500,)"
      R"("content_form":"short_video","content_tags":["travel","gift"],)"
      R"("creator_id":"c7"})");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->user_id(), "u1");
  EXPECT_EQ(event->session_id(), "s1");
  EXPECT_EQ(event->product_id(), "p00042");
  EXPECT_EQ(event->type(), v1::EVENT_TYPE_CLICK);
  EXPECT_EQ(event->timestamp_ms(), 1700000000000);
  EXPECT_EQ(event->dwell_ms(), 1500);
  EXPECT_EQ(event->content_form(), v1::CONTENT_FORM_SHORT_VIDEO);
  EXPECT_THAT(event->content_tags(), ElementsAre("travel", "gift"));
  EXPECT_EQ(event->creator_id(), "c7");
}

TEST(EventFromJsonLine, LeavesOptionalFieldsAtTheirZeroValues) {
  const absl::StatusOr<v1::Event> event = EventFromJsonLine(
      R"({"user_id":"u1","product_id":"p1","type":"EVENT_TYPE_ADD_TO_CART"})");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->type(), v1::EVENT_TYPE_ADD_TO_CART);
  EXPECT_EQ(event->session_id(), "");
  EXPECT_EQ(event->timestamp_ms(), 0);
  EXPECT_EQ(event->dwell_ms(), 0);
  EXPECT_EQ(event->content_form(), v1::CONTENT_FORM_UNSPECIFIED);
  EXPECT_THAT(event->content_tags(), IsEmpty());
  EXPECT_EQ(event->creator_id(), "");
}

TEST(EventFromJsonLine, TreatsJsonNullAsNotGiven) {
  const absl::StatusOr<v1::Event> event = EventFromJsonLine(
      R"({"user_id":"u1","product_id":"p1","type":"like",)"
      R"("session_id":null,"dwell_ms":null,"content_tags":null})");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->session_id(), "");
  EXPECT_EQ(event->dwell_ms(), 0);
}

TEST(EventFromJsonLine, RejectsAnUnknownKeySoThatATypoIsNotDropped) {
  EXPECT_EQ(ErrorOf(EventFromJsonLine(
                R"({"user_id":"u1","product_id":"p1","type":"dwell",)"
                R"("dwel_ms":500})")),
            "unknown key 'dwel_ms'");
}

TEST(EventFromJsonLine, RequiresUserProductAndType) {
  EXPECT_EQ(ErrorOf(EventFromJsonLine(R"({"product_id":"p1","type":"click"})")),
            "user_id: required");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(R"({"user_id":"u1","type":"click"})")),
            "product_id: required");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(R"({"user_id":"u1","product_id":"p1"})")),
            "type: required");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(
                R"({"user_id":"","product_id":"p1","type":"click"})")),
            "user_id: must not be empty");
}

TEST(EventFromJsonLine, ReportsTheFirstBadKeyInFieldOrder) {
  EXPECT_EQ(ErrorOf(EventFromJsonLine(R"({"type":"tap","dwell_ms":"x"})")),
            "user_id: required");
}

TEST(EventFromJsonLine, RejectsValuesOfTheWrongType) {
  const std::string base =
      R"({"user_id":"u1","product_id":"p1","type":"click",)";
  EXPECT_EQ(ErrorOf(EventFromJsonLine(base + R"("dwell_ms":"500"})")),
            "dwell_ms: must be an integer");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(base + R"("dwell_ms":1.5})")),
            "dwell_ms: must be an integer");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(
                base + R"("timestamp_ms":9223372036854775808})")),
            "timestamp_ms: out of range");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(base + R"("content_tags":"travel"})")),
            "content_tags: must be a list of strings");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(base + R"("content_tags":["a",1]})")),
            "content_tags: must be a list of strings");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(
                R"({"user_id":7,"product_id":"p1","type":"click"})")),
            "user_id: must be a string");
}

TEST(EventFromJsonLine, AcceptsTheLargestAndNegativeInt64) {
  const std::string base =
      R"({"user_id":"u1","product_id":"p1","type":"click",)";
  const absl::StatusOr<v1::Event> event = EventFromJsonLine(
      base + R"("timestamp_ms":9223372036854775807,"dwell_ms":-5})");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->timestamp_ms(), 9223372036854775807);
  EXPECT_EQ(event->dwell_ms(), -5);  // the server judges the range
}

TEST(EventFromJsonLine, RejectsUnknownOrUnspecifiedEnumNames) {
  const std::string base = R"({"user_id":"u1","product_id":"p1",)";
  EXPECT_EQ(ErrorOf(EventFromJsonLine(base + R"("type":"tap"})")),
            "type: unknown event type 'tap' (impression|click|dwell|like|"
            "share|favorite|add_to_cart|purchase|not_interested)");
  EXPECT_THAT(ErrorOf(EventFromJsonLine(base + R"("type":"unspecified"})")),
              StartsWith("type: unknown event type 'unspecified'"));
  EXPECT_EQ(ErrorOf(EventFromJsonLine(
                base + R"("type":"click","content_form":"tv"})")),
            "content_form: unknown content form 'tv' "
            "(short_video|live_stream|product_card)");
}

TEST(EventFromJsonLine, RejectsTextThatIsNotAJsonObject) {
  EXPECT_EQ(ErrorOf(EventFromJsonLine(R"({"user_id":"u1",)")),
            "not valid JSON");
  EXPECT_EQ(ErrorOf(EventFromJsonLine("user_id=u1")), "not valid JSON");
  EXPECT_EQ(ErrorOf(EventFromJsonLine(R"(["u1","p1","click"])")),
            "must be a JSON object");
  EXPECT_EQ(ErrorOf(EventFromJsonLine("42")), "must be a JSON object");
}

constexpr char kKettleLine[] =
    R"({"id":"p00042","title":"Glass Kettle","category":["home","kitchen",)"
    R"("kettles"],"shop":"s017","price":39.9,"status":"out_of_stock",)"
    R"("tags":{"kettle":1.0,"tea":0.5,"gift":0.25},)"
    R"("forms":["short_video","product_card"],"repurchase_days":30,)"
    R"("campaign":true,"campaign_start_ms":1700000000000,)"
    R"("campaign_end_ms":1700086400000,"live_start_ms":1700000000000,)"
    R"("live_end_ms":1700003600000,"creators":["c1","c2"]})";

TEST(ProductFromJsonLine, ReadsEveryFieldOfTheCatalogFormat) {
  const absl::StatusOr<v1::Product> product = ProductFromJsonLine(kKettleLine);
  ASSERT_TRUE(product.ok()) << product.status();
  EXPECT_EQ(product->product_id(), "p00042");
  EXPECT_EQ(product->title(), "Glass Kettle");
  EXPECT_THAT(product->category_path(),
              ElementsAre("home", "kitchen", "kettles"));
  EXPECT_EQ(product->shop_id(), "s017");
  EXPECT_DOUBLE_EQ(product->price(), 39.9);
  EXPECT_EQ(product->status(), v1::PRODUCT_STATUS_OUT_OF_STOCK);
  ASSERT_EQ(product->tags_size(), 3);
  EXPECT_EQ(product->tags(0).tag(), "kettle");
  EXPECT_DOUBLE_EQ(product->tags(0).weight(), 1.0);
  EXPECT_EQ(product->tags(2).tag(), "gift");
  EXPECT_DOUBLE_EQ(product->tags(2).weight(), 0.25);
  EXPECT_THAT(
      product->content_forms(),
      ElementsAre(v1::CONTENT_FORM_SHORT_VIDEO, v1::CONTENT_FORM_PRODUCT_CARD));
  EXPECT_EQ(product->repurchase_cycle_days(), 30);
  EXPECT_TRUE(product->campaign());
  EXPECT_EQ(product->campaign_start_ms(), 1700000000000);
  EXPECT_EQ(product->campaign_end_ms(), 1700086400000);
  EXPECT_EQ(product->live_start_ms(), 1700000000000);
  EXPECT_EQ(product->live_end_ms(), 1700003600000);
  EXPECT_THAT(product->creator_ids(), ElementsAre("c1", "c2"));
}

TEST(ProductFromJsonLine, KeepsTagsInTheFilesOrderNotSorted) {
  const absl::StatusOr<v1::Product> product = ProductFromJsonLine(
      R"({"id":"p1","category":["c"],"shop":"s","tags":{"zeta":1,"alpha":0.5,"mid":0.7}})");
  ASSERT_TRUE(product.ok()) << product.status();
  ASSERT_EQ(product->tags_size(), 3);
  EXPECT_EQ(product->tags(0).tag(), "zeta");
  EXPECT_EQ(product->tags(1).tag(), "alpha");
  EXPECT_EQ(product->tags(2).tag(), "mid");
}

TEST(ProductFromJsonLine, DefaultsToAnActiveProductWithZeroValues) {
  const absl::StatusOr<v1::Product> product =
      ProductFromJsonLine(R"({"id":"p1","category":["home"],"shop":"s1"})");
  ASSERT_TRUE(product.ok()) << product.status();
  EXPECT_EQ(product->status(), v1::PRODUCT_STATUS_ACTIVE);
  EXPECT_EQ(product->title(), "");
  EXPECT_EQ(product->price(), 0.0);
  EXPECT_THAT(product->tags(), IsEmpty());
  EXPECT_THAT(product->content_forms(), IsEmpty());
  EXPECT_EQ(product->repurchase_cycle_days(), 0);
  EXPECT_FALSE(product->campaign());
  EXPECT_EQ(product->live_start_ms(), 0);
  EXPECT_EQ(product->live_end_ms(), 0);
  EXPECT_EQ(product->campaign_start_ms(), 0);
  EXPECT_EQ(product->campaign_end_ms(), 0);
  EXPECT_THAT(product->creator_ids(), IsEmpty());
}

TEST(ProductFromJsonLine, TreatsANullStatusAsActive) {
  const absl::StatusOr<v1::Product> product = ProductFromJsonLine(
      R"({"id":"p1","category":["home"],"shop":"s1","status":null})");
  ASSERT_TRUE(product.ok()) << product.status();
  EXPECT_EQ(product->status(), v1::PRODUCT_STATUS_ACTIVE);
}

TEST(ProductFromJsonLine, IgnoresUnknownKeysLikeTheServersLoader) {
  const absl::StatusOr<v1::Product> product = ProductFromJsonLine(
      R"({"id":"p1","category":["home"],"shop":"s1","colour":"red","stock":3})");
  ASSERT_TRUE(product.ok()) << product.status();
  EXPECT_EQ(product->product_id(), "p1");
}

TEST(ProductFromJsonLine, RequiresIdCategoryAndShop) {
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(R"({"category":["a"],"shop":"s"})")),
            "id: required");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(R"({"id":"p1","shop":"s"})")),
            "category: required, with at least one level");
  EXPECT_EQ(
      ErrorOf(ProductFromJsonLine(R"({"id":"p1","category":[],"shop":"s"})")),
      "category: required, with at least one level");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(R"({"id":"p1","category":["a"]})")),
            "shop: required");
  EXPECT_EQ(
      ErrorOf(ProductFromJsonLine(R"({"id":"","category":["a"],"shop":"s"})")),
      "id: must not be empty");
}

TEST(ProductFromJsonLine, RejectsValuesOfTheWrongType) {
  const std::string base = R"({"id":"p1","category":["a"],"shop":"s",)";
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("price":"cheap"})")),
            "price: must be a number");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("campaign":"yes"})")),
            "campaign: must be true or false");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("live_end_ms":"soon"})")),
            "live_end_ms: must be an integer");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("creators":"c1"})")),
            "creators: must be a list of strings");
  EXPECT_EQ(
      ErrorOf(ProductFromJsonLine(base + R"("repurchase_days":3000000000})")),
      "repurchase_days: out of range");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("repurchase_days":7.5})")),
            "repurchase_days: must be an integer");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("tags":["kettle"]})")),
            "tags: must be an object of tag to weight");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("tags":{"kettle":"high"}})")),
            "tags: weight of 'kettle' must be a number");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("forms":"short_video"})")),
            "forms: must be a list of strings");
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(
                R"({"id":"p1","category":"home","shop":"s"})")),
            "category: must be a list of strings");
}

TEST(ProductFromJsonLine, RejectsUnknownOrUnspecifiedEnumNames) {
  const std::string base = R"({"id":"p1","category":["a"],"shop":"s",)";
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("status":"deleted"})")),
            "status: unknown product status 'deleted' "
            "(active|out_of_stock|banned)");
  EXPECT_THAT(ErrorOf(ProductFromJsonLine(base + R"("status":"unspecified"})")),
              StartsWith("status: unknown product status 'unspecified'"));
  EXPECT_EQ(ErrorOf(ProductFromJsonLine(base + R"("forms":["unspecified"]})")),
            "forms: unknown content form 'unspecified' "
            "(short_video|live_stream|product_card)");
}

TEST(ParseEventsJsonl, SkipsBlankAndCommentLinesAndCarriageReturns) {
  const absl::StatusOr<std::vector<v1::Event>> events = ParseEventsJsonl(
      "# two clicks\n"
      "\n"
      R"({"user_id":"u1","product_id":"p1","type":"click"})"
      "\r\n"
      "   \n"
      R"(  {"user_id":"u2","product_id":"p2","type":"like"})"
      "\n",
      "events.jsonl");
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].product_id(), "p1");
  EXPECT_EQ((*events)[1].user_id(), "u2");
  EXPECT_EQ((*events)[1].type(), v1::EVENT_TYPE_LIKE);
}

TEST(ParseEventsJsonl, GivesNoEventsForEmptyText) {
  const absl::StatusOr<std::vector<v1::Event>> events =
      ParseEventsJsonl("", "x");
  ASSERT_TRUE(events.ok());
  EXPECT_THAT(*events, IsEmpty());
}

TEST(ParseEventsJsonl, PrefixesErrorsWithSourceAndLineCountingSkippedLines) {
  const absl::StatusOr<std::vector<v1::Event>> events = ParseEventsJsonl(
      "# header\n"
      R"({"user_id":"u1","product_id":"p1","type":"click"})"
      "\n"
      "\n"
      R"({"user_id":"u1","product_id":"p1","type":"click","x":1})"
      "\n",
      "events.jsonl");
  EXPECT_EQ(ErrorOf(events), "events.jsonl:4: unknown key 'x'");
}

TEST(ShopFromJsonLine, ReadsEveryField) {
  const absl::StatusOr<v1::Shop> shop = ShopFromJsonLine(
      R"({"shop_id":"s017","status":"banned","quality_score":0.25})");
  ASSERT_TRUE(shop.ok()) << shop.status();
  EXPECT_EQ(shop->shop_id(), "s017");
  EXPECT_EQ(shop->status(), v1::SHOP_STATUS_BANNED);
  ASSERT_TRUE(shop->has_quality_score());
  EXPECT_EQ(shop->quality_score(), 0.25);
}

TEST(ShopFromJsonLine, LeavesAnAbsentOrNullScoreAbsent) {
  for (const char* line : {R"({"shop_id":"s1","status":"active"})",
                           R"({"shop_id":"s1","status":"active",
                               "quality_score":null})"}) {
    const absl::StatusOr<v1::Shop> shop = ShopFromJsonLine(line);
    ASSERT_TRUE(shop.ok()) << shop.status();
    EXPECT_FALSE(shop->has_quality_score()) << line;
  }
}

TEST(ShopFromJsonLine, RejectsMissingWrongAndUnknownKeys) {
  EXPECT_EQ(ErrorOf(ShopFromJsonLine(R"({"status":"active"})")),
            "shop_id: required");
  EXPECT_EQ(ErrorOf(ShopFromJsonLine(R"({"shop_id":"s1"})")),
            "status: required");
  EXPECT_EQ(ErrorOf(ShopFromJsonLine(R"({"shop_id":"s1","status":"gone"})")),
            "status: unknown shop status 'gone' (active|banned)");
  EXPECT_EQ(ErrorOf(ShopFromJsonLine(
                R"({"shop_id":"s1","status":"active","quality_score":"x"})")),
            "quality_score: must be a number");
  EXPECT_EQ(ErrorOf(ShopFromJsonLine(
                R"({"shop_id":"s1","status":"active","quality":0.5})")),
            "unknown key 'quality'");
}

TEST(ParseShopsJsonl, PrefixesErrorsWithSourceAndLine) {
  const absl::StatusOr<std::vector<v1::Shop>> shops = ParseShopsJsonl(
      "# governance\n"
      R"({"shop_id":"s1","status":"banned"})"
      "\n"
      R"({"shop_id":"s2"})",
      "shops.jsonl");
  EXPECT_EQ(ErrorOf(shops), "shops.jsonl:3: status: required");
}

TEST(ParseProductsJsonl, PrefixesErrorsWithSourceAndLine) {
  const absl::StatusOr<std::vector<v1::Product>> products =
      ParseProductsJsonl(R"({"id":"p1","category":["a"],"shop":"s"})"
                         "\n"
                         R"({"id":"p2","category":["a"]})",
                         "<stdin>");
  EXPECT_EQ(ErrorOf(products), "<stdin>:2: shop: required");
}

TEST(ParseProductsJsonl, ReadsTheWholeDemoCatalog) {
  const std::string path =
      std::string(RANKER_SOURCE_DIR) + "/deploy/demo/catalog.jsonl";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no demo catalog at " << path;
  const std::string text((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());

  const absl::StatusOr<std::vector<v1::Product>> products =
      ParseProductsJsonl(text, path);
  ASSERT_TRUE(products.ok()) << products.status();
  ASSERT_EQ(products->size(), 2000u);
  absl::flat_hash_set<std::string> ids;
  for (const v1::Product& product : *products) ids.insert(product.product_id());
  EXPECT_EQ(ids.size(), 2000u);

  // The first line, field by field.
  const v1::Product& first = products->front();
  EXPECT_EQ(first.product_id(), "p00000");
  EXPECT_EQ(first.title(), "Cordless Heated Neck Massager");
  EXPECT_THAT(first.category_path(),
              ElementsAre("health", "massage-and-recovery"));
  EXPECT_EQ(first.shop_id(), "s004");
  EXPECT_DOUBLE_EQ(first.price(), 46.5);
  EXPECT_EQ(first.status(), v1::PRODUCT_STATUS_ACTIVE);
  ASSERT_EQ(first.tags_size(), 6);
  EXPECT_EQ(first.tags(0).tag(), "recovery");
  EXPECT_DOUBLE_EQ(first.tags(1).weight(), 0.68);
  EXPECT_EQ(first.tags(5).tag(), "price:mid");
  EXPECT_THAT(
      first.content_forms(),
      ElementsAre(v1::CONTENT_FORM_SHORT_VIDEO, v1::CONTENT_FORM_LIVE_STREAM,
                  v1::CONTENT_FORM_PRODUCT_CARD));
  EXPECT_EQ(products->back().product_id(), "p01999");
}

TEST(ReadInput, ReturnsTheWholeFileByteForByte) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "cli_jsonl_test_read_input")
          .string();
  const std::string content = "line 1\r\nline 2\n\xE2\x82\xAC no newline";
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  const absl::StatusOr<std::string> text = ReadInput(path);
  std::remove(path.c_str());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, content);
}

TEST(ReadInput, ReportsAMissingFileAsNotFoundNamingThePath) {
  const absl::StatusOr<std::string> text =
      ReadInput("/nonexistent/dir/events.jsonl");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(text.status().message(),
            "cannot open /nonexistent/dir/events.jsonl: No such file or "
            "directory");
}

TEST(ReadInput, ReportsAPathThatCannotBeReadAsAnError) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  absl::StatusOr<std::string> text;
  EXPECT_NO_THROW(text = ReadInput(dir));
  EXPECT_FALSE(text.ok());
}

}  // namespace
}  // namespace ranker::cli
