#include "client/cli_format.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::cli {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

v1::RecommendedItem* AddItem(v1::RecommendProductsResponse& response,
                             const std::string& id, double score,
                             const std::string& source) {
  v1::RecommendedItem* item = response.add_items();
  item->set_product_id(id);
  item->set_score(score);
  item->set_source(source);
  return item;
}

// Counts UTF-8 code points (bytes that are not continuation bytes).
size_t CodePoints(absl::string_view text) {
  size_t count = 0;
  for (char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string Repeat(absl::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) absl::StrAppend(&out, text);
  return out;
}

TEST(FormatRecommendations, PrintsRankIdScoreAndSourceAsAnAlignedTable) {
  v1::RecommendProductsResponse response;
  response.set_request_id("r-1");
  AddItem(response, "p1", 0.98765, "trending");
  AddItem(response, "p00002", 0.5, "long_term");
  EXPECT_EQ(FormatRecommendations(response, /*explain=*/false),
            "request_id: r-1\n"
            "rank  product  score  source\n"
            "   1  p1       0.988  trending\n"
            "   2  p00002   0.500  long_term\n");
}

TEST(FormatRecommendations, RoundsScoresToThreeDecimals) {
  v1::RecommendProductsResponse response;
  AddItem(response, "p1", 12.34567, "a");
  AddItem(response, "p2", 2, "a");
  AddItem(response, "p3", -0.0004, "a");
  const std::string out = FormatRecommendations(response, false);
  EXPECT_THAT(out, HasSubstr("  12.346  a\n"));
  EXPECT_THAT(out, HasSubstr("   2.000  a\n"));
  EXPECT_THAT(out, HasSubstr("  -0.000  a\n"));
}

TEST(FormatRecommendations, NumbersRanksFromOneInResponseOrder) {
  v1::RecommendProductsResponse response;
  for (int i = 0; i < 12; ++i) {
    AddItem(response, absl::StrCat("p", i), 1.0 - i * 0.01, "s");
  }
  const std::string out = FormatRecommendations(response, false);
  EXPECT_THAT(out, HasSubstr("\n   1  p0 "));
  EXPECT_THAT(out, HasSubstr("\n  12  p11"));
}

TEST(FormatRecommendations, StatesTheFeedCommerceDensityWhenItApplied) {
  v1::RecommendProductsResponse response;
  response.set_request_id("r-3");
  v1::CommerceDensity* density = response.mutable_commerce_density();
  density->set_max_products(2);
  density->set_min_score(0.4);
  density->set_commerce_tolerance(0.6);
  EXPECT_EQ(FormatRecommendations(response, false),
            "request_id: r-3\ncommerce density: at most 2 products, score >= "
            "0.400, tolerance 0.60\n(no products)\n");
}

TEST(FormatRecommendations, SaysSoWhenThereAreNoProducts) {
  v1::RecommendProductsResponse response;
  response.set_request_id("r-2");
  EXPECT_EQ(FormatRecommendations(response, true),
            "request_id: r-2\n(no products)\n");
}

TEST(FormatRecommendations, WithExplainShowsTitleCategoryAndMatchedTags) {
  v1::RecommendProductsResponse response;
  response.set_request_id("r-3");
  v1::Explanation* explanation =
      AddItem(response, "p1", 1.23456, "instant")->mutable_explanation();
  explanation->set_title("Glass Kettle");
  explanation->set_category("kitchen");
  explanation->add_matched_instant_tags("travel");
  explanation->add_matched_instant_tags("gift");
  explanation->add_matched_context_tags("tea");
  const std::string out = FormatRecommendations(response, /*explain=*/true);
  EXPECT_THAT(out, HasSubstr("rank  product  score  source   title         "
                             "category  matched (instant / long-term / "
                             "context)\n"));
  EXPECT_THAT(out, HasSubstr("   1  p1       1.235  instant  Glass Kettle  "
                             "kitchen   travel,gift / - / tea\n"));
}

TEST(FormatRecommendations, WithExplainLeavesCellsEmptyWhenTheServerSentNone) {
  v1::RecommendProductsResponse response;
  AddItem(response, "p2", 0.1, "trending");
  EXPECT_THAT(FormatRecommendations(response, true),
              EndsWith("\n   1  p2       0.100  trending\n"));
}

TEST(FormatRecommendations, WithExplainCutsLongTitlesToFortyCodePoints) {
  v1::RecommendProductsResponse response;
  AddItem(response, "p1", 1, "s")
      ->mutable_explanation()
      ->set_title(Repeat("\xC3\xA9", 45));  // 45 x "é", 90 bytes
  const std::string out = FormatRecommendations(response, true);
  EXPECT_THAT(out,
              HasSubstr(absl::StrCat("  ", Repeat("\xC3\xA9", 37), "...")));
  EXPECT_THAT(out, Not(HasSubstr(Repeat("\xC3\xA9", 38))));
}

TEST(FormatJson, UsesTheProtosSnakeCaseNamesAndIncludesZeroValues) {
  v1::RecommendProductsResponse response;
  response.set_request_id("r-1");
  AddItem(response, "p1", 0, "trending");
  const absl::StatusOr<std::string> json = FormatJson(response);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"request_id\": \"r-1\""));
  EXPECT_THAT(*json, HasSubstr("\"product_id\": \"p1\""));
  EXPECT_THAT(*json, HasSubstr("\"score\": 0"));
  EXPECT_THAT(*json, Not(HasSubstr("productId")));
  EXPECT_THAT(*json, EndsWith("}\n"));
}

TEST(FormatJson, PrintsAnEmptyListAndEmptyStringsRatherThanOmittingThem) {
  const absl::StatusOr<std::string> json =
      FormatJson(v1::RecommendProductsResponse());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"items\": []"));
  EXPECT_THAT(*json, HasSubstr("\"request_id\": \"\""));
}

TEST(FormatError, PrintsTheCodeNameAndTheMessage) {
  EXPECT_EQ(FormatError(absl::NotFoundError("msg")), "error: NOT_FOUND: msg");
  EXPECT_EQ(FormatError(absl::UnavailableError("failed to connect")),
            "error: UNAVAILABLE: failed to connect");
  EXPECT_EQ(FormatError(absl::InvalidArgumentError("count: must be 1..200")),
            "error: INVALID_ARGUMENT: count: must be 1..200");
}

TEST(RenderTable, PadsEachColumnToItsWidestCellWithTwoSpacesBetween) {
  EXPECT_EQ(RenderTable({{"a", "bb"}, {"ccc", "d"}}), "a    bb\nccc  d\n");
}

TEST(RenderTable, RightAlignsTheRequestedColumns) {
  EXPECT_EQ(RenderTable({{"a", "bb"}, {"ccc", "d"}}, {0}), "  a  bb\nccc  d\n");
  EXPECT_EQ(RenderTable({{"n", "count"}, {"x", "7"}}, {1}),
            "n  count\nx      7\n");
}

TEST(RenderTable, CountsWidthInCodePointsNotBytes) {
  // "né" is 3 bytes but 2 columns wide.
  EXPECT_EQ(RenderTable({{"n\xC3\xA9", "1"}, {"abc", "2"}}),
            "n\xC3\xA9   1\nabc  2\n");
  EXPECT_EQ(RenderTable({{"\xE6\x97\xA5", "x"}, {"ab", "y"}}, {0}),
            " \xE6\x97\xA5  x\nab  y\n");
}

TEST(RenderTable, LeavesNoTrailingSpaces) {
  EXPECT_EQ(RenderTable({{"name", "note"}, {"a", ""}, {"b", "  "}}),
            "name  note\na\nb\n");
}

TEST(RenderTable, AcceptsRowsOfDifferentLengths) {
  EXPECT_EQ(RenderTable({{"a", "b", "c"}, {"dddd"}}), "a     b  c\ndddd\n");
}

TEST(RenderTable, RendersNoRowsAsNothing) { EXPECT_EQ(RenderTable({}), ""); }

TEST(TruncateUtf8, KeepsTextThatFits) {
  EXPECT_EQ(TruncateUtf8("kettle", 6), "kettle");
  EXPECT_EQ(TruncateUtf8("kettle", 40), "kettle");
  EXPECT_EQ(TruncateUtf8("", 0), "");
  // 8 code points in 24 bytes fit in 8.
  EXPECT_EQ(TruncateUtf8("日本語のテキスト", 8), "日本語のテキスト");
}

TEST(TruncateUtf8, CutsToTheLimitIncludingTheEllipsis) {
  EXPECT_EQ(TruncateUtf8("Glass Kettle 1.7 L", 8), "Glass...");
  EXPECT_EQ(TruncateUtf8("abcdef", 5), "ab...");
  EXPECT_EQ(TruncateUtf8("abcdef", 3), "...");
}

TEST(TruncateUtf8, CutsMultiByteTextAtCharacterBoundaries) {
  EXPECT_EQ(TruncateUtf8("日本語のテキスト", 6), "日本語...");
  EXPECT_EQ(TruncateUtf8("a😀b😀c", 4), "a...");
  EXPECT_EQ(TruncateUtf8("😀😀😀😀😀", 4), "😀...");
  EXPECT_EQ(TruncateUtf8("né né né", 5), "né...");
}

TEST(TruncateUtf8, NeverSplitsAMultiByteCharacterAtAnyLimit) {
  // 1-, 2-, 3- and 4-byte characters mixed: 10 code points.
  const std::string text =
      "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"
      "b\xC3\xA7\xE8\xAA\x9E\xF0\x9F\x8E\x89"
      "cd";
  ASSERT_EQ(CodePoints(text), 10u);
  for (size_t max = 0; max <= 11; ++max) {
    const std::string cut = TruncateUtf8(text, max);
    SCOPED_TRACE(absl::StrCat("max ", max, ": '", cut, "'"));
    EXPECT_LE(CodePoints(cut), max);
    if (max >= 10) {
      EXPECT_EQ(cut, text);
      continue;
    }
    // What is left once the dots are gone is whole characters of the text.
    absl::string_view kept = cut;
    while (absl::ConsumeSuffix(&kept, ".")) {
    }
    ASSERT_TRUE(absl::StartsWith(text, kept));
    ASSERT_LT(kept.size(), text.size());
    EXPECT_NE(text[kept.size()] & 0xC0, 0x80);
    if (max >= 3) {
      EXPECT_THAT(cut, EndsWith("..."));
      EXPECT_EQ(CodePoints(cut), max);
    }
  }
}

TEST(FormatUserDescription, AnUnknownUserIsOneLine) {
  EXPECT_EQ(FormatUserDescription("u9", v1::DescribeUserResponse()),
            "user: u9 (unknown: no events yet)\n");
}

TEST(FormatUserDescription, ShowsCountsInterestsSideBySideAndRecentProducts) {
  v1::DescribeUserResponse response;
  response.set_known(true);
  response.set_last_event_ms(1'700'000'000'123);
  response.mutable_event_counts()->set_click(3);
  response.mutable_event_counts()->set_purchase(1);
  response.mutable_event_counts()->set_total(4);
  v1::WeightedTag* tag = response.add_long_term_interest();
  tag->set_tag("travel");
  tag->set_weight(2.5);
  tag = response.add_long_term_interest();
  tag->set_tag("luggage");
  tag->set_weight(1.25);
  tag = response.add_instant_interest();
  tag->set_tag("portable");
  tag->set_weight(4);
  response.add_recent_product_ids("p1");
  response.add_recent_product_ids("p2");
  const std::string out = FormatUserDescription("u1", response);
  EXPECT_THAT(out, HasSubstr("user: u1\n"));
  EXPECT_THAT(out, HasSubstr("last event: 2023-11-14 22:13:20.123 UTC "
                             "(1700000000123 ms)\n"));
  EXPECT_THAT(out, HasSubstr("click               3\n"));
  EXPECT_THAT(out, HasSubstr("total               4\n"));
  EXPECT_THAT(out,
              HasSubstr("   1  travel          2.500  portable      4.000\n"));
  EXPECT_THAT(out, HasSubstr("   2  luggage         1.250\n"));
  EXPECT_THAT(out, EndsWith("recent products (most recent last): p1,p2\n"));
}

TEST(FormatProductDescription, ShowsFieldsTagsAndExactBesideDecayedCounts) {
  v1::DescribeProductResponse response;
  response.set_product_id("p7");
  response.set_title("Kettle");
  response.set_category("home/kitchen");
  response.set_shop_id("s1");
  response.set_status(v1::PRODUCT_STATUS_OUT_OF_STOCK);
  response.set_price(19.9);
  v1::WeightedTag* tag = response.add_tags();
  tag->set_tag("kitchen");
  tag->set_weight(1);
  response.mutable_event_counts()->set_impression(10);
  response.mutable_event_counts()->set_total(10);
  response.mutable_statistics()->set_impressions(9.5);
  response.mutable_statistics()->set_popularity(0.25);
  const std::string out = FormatProductDescription(response);
  EXPECT_THAT(out, HasSubstr("product: p7\ntitle: Kettle\n"
                             "category: home/kitchen\nshop: s1\n"
                             "status: out_of_stock\nprice: 19.90\n"
                             "tags: kitchen 1.000\n"));
  EXPECT_THAT(out, HasSubstr("impression         10    9.500\n"));
  EXPECT_THAT(out, HasSubstr("like                0\n"));
  EXPECT_THAT(out, EndsWith("popularity               0.250\n"));
}

TEST(FormatBytes, UsesBinaryUnitsWithOneDecimal) {
  EXPECT_EQ(FormatBytes(0), "0 B");
  EXPECT_EQ(FormatBytes(1023), "1023 B");
  EXPECT_EQ(FormatBytes(1024), "1.0 KiB");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(uint64_t{17} << 20), "17.0 MiB");
  EXPECT_EQ(FormatBytes((uint64_t{5} << 30) / 2), "2.5 GiB");
  EXPECT_EQ(FormatBytes(uint64_t{3} << 40), "3.0 TiB");
  // Beyond the largest unit the number grows instead.
  EXPECT_EQ(FormatBytes(uint64_t{2048} << 40), "2048.0 TiB");
}

TEST(FormatBytes, NeverPrintsAThousandAndTwentyFourOfAUnit) {
  // Just below 1 MiB rounds to 1024.0 KiB: shown as the next unit instead.
  EXPECT_EQ(FormatBytes((uint64_t{1} << 20) - 1), "1.0 MiB");
  EXPECT_EQ(FormatBytes((uint64_t{1} << 30) - 1), "1.0 GiB");
  EXPECT_EQ(FormatBytes(1023 * 1024), "1023.0 KiB");
}

TEST(GroupThousands, PutsACommaEveryThreeDigitsFromTheRight) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(1'000'000), "1,000,000");
  EXPECT_EQ(GroupThousands(12'345'678), "12,345,678");
  EXPECT_EQ(GroupThousands(UINT64_MAX), "18,446,744,073,709,551,615");
}

TEST(FormatServiceDescription, ShowsVersionUptimeMemoryAndTheCounts) {
  v1::DescribeServiceResponse response;
  response.set_version("0.1.0");
  response.set_uptime_seconds(3723.9);  // 1h2m3s and a fraction
  response.set_rss_bytes(uint64_t{2} << 30);
  response.set_peak_rss_bytes((uint64_t{5} << 30) / 2);
  response.set_products(1'000'000);
  response.set_shops(12);
  response.set_tags(5'000);
  response.set_users(999'999);
  response.set_evicted_users(1);
  response.set_archived_users(1);
  response.set_sessions(123'456);
  response.set_events(50'000'000);
  const std::string out = FormatServiceDescription(response);
  EXPECT_THAT(out, StartsWith("version: 0.1.0\nuptime: 1h2m3s\n"
                              "memory: 2.0 GiB resident, peak 2.5 GiB\n\n"));
  EXPECT_THAT(out, HasSubstr("state                count\n"));
  EXPECT_THAT(out, HasSubstr("products         1,000,000\n"));
  EXPECT_THAT(out, HasSubstr("shops                   12\n"));
  EXPECT_THAT(out, HasSubstr("users              999,999\n"));
  EXPECT_THAT(out, HasSubstr("archived users           1\n"));
  EXPECT_THAT(out, EndsWith("events          50,000,000\n"));
}

TEST(FormatServiceDescription, MemoryTheServerCouldNotReadIsUnknown) {
  const std::string out =
      FormatServiceDescription(v1::DescribeServiceResponse());
  EXPECT_THAT(out, StartsWith("version: -\nuptime: 0\n"
                              "memory: unknown (the server cannot read it)\n"));
  EXPECT_THAT(out, HasSubstr("products            0\n"));
}

}  // namespace
}  // namespace ranker::cli
