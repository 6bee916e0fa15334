#include "core/catalog/catalog_file.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/catalog/catalog.h"
#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

constexpr char kKettle[] =
    R"({"id":"p00100","title":"Portable Kettle","category":["home","kitchen","kettles"],)"
    R"("shop":"s100","price":38.9,"status":"active","tags":{"kettle":1.0,"travel":0.8},)"
    R"("forms":["short_video","product_card"],"repurchase_days":0,"campaign":false})";
constexpr char kCoffee[] =
    R"({"id":"p00101","title":"Coffee","category":["food","coffee"],"shop":"s007",)"
    R"("price":12.5,"status":"out_of_stock","tags":{"coffee":1.0},)"
    R"("forms":["live_stream"],"repurchase_days":30,"campaign":true,)"
    R"("campaign_start_ms":1700000000000,"campaign_end_ms":1700086400000,)"
    R"("live_start_ms":1700000000000,"live_end_ms":1700003600000,)"
    R"("creators":["c1","c2"]})";

std::string ErrorOf(absl::string_view text) {
  absl::StatusOr<std::vector<ProductSpec>> specs = ParseCatalogJsonl(text);
  EXPECT_EQ(specs.status().code(), absl::StatusCode::kInvalidArgument)
      << specs.status();
  return std::string(specs.status().message());
}

TEST(ParseCatalogJsonl, ReadsEveryFieldOfEachLine) {
  absl::StatusOr<std::vector<ProductSpec>> specs =
      ParseCatalogJsonl(std::string(kKettle) + "\n" + kCoffee + "\n");
  ASSERT_TRUE(specs.ok()) << specs.status();
  ASSERT_EQ(specs->size(), 2u);
  const ProductSpec& kettle = (*specs)[0];
  EXPECT_EQ(kettle.id, "p00100");
  EXPECT_EQ(kettle.title, "Portable Kettle");
  EXPECT_EQ(kettle.category_path,
            (std::vector<std::string>{"home", "kitchen", "kettles"}));
  EXPECT_EQ(kettle.shop_id, "s100");
  EXPECT_EQ(kettle.price, 38.9);
  EXPECT_EQ(kettle.status, ProductStatus::kActive);
  ASSERT_EQ(kettle.tags.size(), 2u);
  EXPECT_EQ(kettle.tags[0].tag, "kettle");
  EXPECT_EQ(kettle.tags[0].weight, 1.0);
  EXPECT_EQ(kettle.tags[1].tag, "travel");
  EXPECT_EQ(kettle.tags[1].weight, 0.8);
  EXPECT_EQ(kettle.content_forms,
            (std::vector<ContentForm>{ContentForm::kShortVideo,
                                      ContentForm::kProductCard}));
  EXPECT_EQ(kettle.repurchase_cycle_days, 0);
  EXPECT_FALSE(kettle.campaign);
  const ProductSpec& coffee = (*specs)[1];
  EXPECT_EQ(coffee.status, ProductStatus::kOutOfStock);
  EXPECT_EQ(coffee.content_forms,
            (std::vector<ContentForm>{ContentForm::kLiveStream}));
  EXPECT_EQ(coffee.repurchase_cycle_days, 30);
  EXPECT_TRUE(coffee.campaign);
  EXPECT_EQ(coffee.campaign_start_ms, 1700000000000);
  EXPECT_EQ(coffee.campaign_end_ms, 1700086400000);
  EXPECT_EQ(coffee.live_start_ms, 1700000000000);
  EXPECT_EQ(coffee.live_end_ms, 1700003600000);
  EXPECT_EQ(coffee.creator_ids, (std::vector<std::string>{"c1", "c2"}));
}

TEST(ParseCatalogJsonl, OptionalFieldsTakeTheirDefaults) {
  absl::StatusOr<std::vector<ProductSpec>> specs =
      ParseCatalogJsonl(R"({"id":"a","category":["c"],"shop":"s"})");
  ASSERT_TRUE(specs.ok()) << specs.status();
  ASSERT_EQ(specs->size(), 1u);
  const ProductSpec& spec = (*specs)[0];
  EXPECT_EQ(spec.title, "");
  EXPECT_TRUE(spec.tags.empty());
  EXPECT_EQ(spec.price, 0.0);
  EXPECT_EQ(spec.status, ProductStatus::kActive);
  EXPECT_TRUE(spec.content_forms.empty());
  EXPECT_EQ(spec.repurchase_cycle_days, 0);
  EXPECT_FALSE(spec.campaign);
  EXPECT_EQ(spec.live_start_ms, 0);
  EXPECT_EQ(spec.live_end_ms, 0);
  EXPECT_EQ(spec.campaign_start_ms, 0);
  EXPECT_EQ(spec.campaign_end_ms, 0);
  EXPECT_TRUE(spec.creator_ids.empty());
}

TEST(ParseCatalogJsonl, WindowErrorsNameTheLineAndTheField) {
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s",)"
                    R"("live_start_ms":50,"live_end_ms":10})"),
            "line 1: live_end_ms: must be greater than live_start_ms (50), "
            "got 10");
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s",)"
                    R"("live_start_ms":1.5,"live_end_ms":10})"),
            "line 1: live_start_ms: must be a whole number");
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s",)"
                    R"("campaign_start_ms":1,"campaign_end_ms":10})"),
            "line 1: campaign: must be true when a campaign window is given");
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s",)"
                    R"("creators":["c1",7]})"),
            "line 1: creators[1]: must be a string");
}

TEST(ParseCatalogJsonl, SkipsCommentsBlankLinesAndCarriageReturns) {
  const std::string text = "# demo catalog\n\n   \n" + std::string(kKettle) +
                           "\r\n  # indented comment\n" + kCoffee;
  absl::StatusOr<std::vector<ProductSpec>> specs = ParseCatalogJsonl(text);
  ASSERT_TRUE(specs.ok()) << specs.status();
  ASSERT_EQ(specs->size(), 2u);
  EXPECT_EQ((*specs)[0].id, "p00100");
  EXPECT_EQ((*specs)[1].id, "p00101");
}

TEST(ParseCatalogJsonl, EmptyTextGivesNoProducts) {
  absl::StatusOr<std::vector<ProductSpec>> specs = ParseCatalogJsonl("");
  ASSERT_TRUE(specs.ok());
  EXPECT_TRUE(specs->empty());
}

TEST(ParseCatalogJsonl, BadJsonNamesItsLineCountingSkippedLines) {
  const std::string text =
      "# comment\n" + std::string(kKettle) + "\n\n{\"id\": \"x\",\n";
  EXPECT_TRUE(absl::StartsWith(ErrorOf(text), "line 4: ")) << ErrorOf(text);
}

TEST(ParseCatalogJsonl, NonObjectLineIsRejected) {
  EXPECT_EQ(ErrorOf("[1, 2]"), "line 1: line: must be a JSON object");
}

TEST(ParseCatalogJsonl, UnknownStatusIsNamed) {
  EXPECT_EQ(
      ErrorOf(R"({"id":"a","category":["c"],"shop":"s","status":"gone"})"),
      "line 1: status: unknown status 'gone' "
      "(active|out_of_stock|banned)");
}

TEST(ParseCatalogJsonl, UnknownContentFormIsNamed) {
  EXPECT_EQ(
      ErrorOf(R"({"id":"a","category":["c"],"shop":"s","forms":["hologram"]})"),
      "line 1: forms: unknown content form 'hologram' "
      "(short_video|live_stream|product_card)");
}

TEST(ParseCatalogJsonl, MissingRequiredFieldNamesTheLineAndTheKey) {
  std::string error =
      ErrorOf(std::string(kKettle) + "\n" + R"({"id":"a","category":["c"]})");
  EXPECT_EQ(error, "line 2: shop: is required");
  EXPECT_EQ(ErrorOf(R"({"category":["c"],"shop":"s"})"),
            "line 1: id: is required");
}

TEST(ParseCatalogJsonl, TagsMustBeAnObject) {
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s","tags":["x"]})"),
            "line 1: tags: must be an object of tag: weight");
}

TEST(ParseCatalogJsonl, ValidationErrorsNameTheLineAndTheField) {
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s","tags":{"x":0}})"),
            "line 1: tags[0].weight: must be greater than 0");
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":[],"shop":"s"})"),
            "line 1: category_path: must not be empty");
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s","price":-1})"),
            "line 1: price: must be in [0, 1e+12], got -1");
}

TEST(ParseCatalogJsonl, WrongTypeIsAnErrorNotACrash) {
  std::string error =
      ErrorOf(R"({"id":"a","category":["c"],"shop":"s","price":"cheap"})");
  EXPECT_TRUE(absl::StartsWith(error, "line 1: ")) << error;
  error = ErrorOf(R"({"id":7,"category":["c"],"shop":"s"})");
  EXPECT_TRUE(absl::StartsWith(error, "line 1: ")) << error;
}

// Found while writing fuzz_catalog_file: 2^64 - 1 was read as -1, reported as
// "repurchase_cycle_days: ... got -1" instead of out of range.
TEST(ParseCatalogJsonl, IntegersBeyondInt64AreOutOfRangeNotWrapped) {
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s",)"
                    R"("repurchase_days":18446744073709551615})"),
            "line 1: repurchase_days: is out of range");
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s",)"
                    R"("repurchase_days":4294967296})"),
            "line 1: repurchase_days: is out of range");
  EXPECT_EQ(ErrorOf(R"({"id":"a","category":["c"],"shop":"s",)"
                    R"("live_start_ms":9223372036854775808})"),
            "line 1: live_start_ms: is out of range");
}

TEST(ParseCatalogJsonl, AWrongTagWeightTypeNamesTheTag) {
  std::string error = ErrorOf(
      R"({"id":"a","category":["c"],"shop":"s","tags":{"kettle":"high"}})");
  EXPECT_TRUE(absl::StartsWith(error, "line 1: tags.kettle: ")) << error;
}

TEST(ReadCatalogFile, MissingFileIsNotFound) {
  absl::StatusOr<std::vector<ProductSpec>> specs =
      ReadCatalogFile("/nonexistent/dir/catalog.jsonl");
  EXPECT_EQ(specs.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(specs.status().message(),
                                "/nonexistent/dir/catalog.jsonl"));
}

TEST(ReadCatalogFile, ADirectoryIsNotACatalog) {
  absl::StatusOr<std::vector<ProductSpec>> specs =
      ReadCatalogFile(::testing::TempDir());
  EXPECT_FALSE(specs.ok()) << "read " << specs->size() << " products";
}

TEST(ReadCatalogFile, ErrorsArePrefixedWithThePath) {
  const std::string path = ::testing::TempDir() + "/bad_catalog.jsonl";
  {
    std::ofstream out(path);
    out << kKettle << "\n"
        << R"({"id":"a"})"
        << "\n";
  }
  absl::StatusOr<std::vector<ProductSpec>> specs = ReadCatalogFile(path);
  EXPECT_EQ(specs.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(specs.status().message(), path + ": line 2: "))
      << specs.status();
  std::remove(path.c_str());
}

TEST(ReadCatalogFile, ReadsAGoodFile) {
  const std::string path = ::testing::TempDir() + "/good_catalog.jsonl";
  {
    std::ofstream out(path);
    out << kKettle << "\n" << kCoffee << "\n";
  }
  absl::StatusOr<std::vector<ProductSpec>> specs = ReadCatalogFile(path);
  ASSERT_TRUE(specs.ok()) << specs.status();
  EXPECT_EQ(specs->size(), 2u);
  std::remove(path.c_str());
}

TEST(DemoCatalog, ParsesFullyAndLoadsIntoACatalog) {
  const std::string path =
      std::string(RANKER_SOURCE_DIR) + "/deploy/demo/catalog.jsonl";
  std::ifstream probe(path);
  if (!probe) GTEST_SKIP() << "no demo catalog at " << path;
  std::string text((std::istreambuf_iterator<char>(probe)),
                   std::istreambuf_iterator<char>());
  size_t product_lines = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty() && line.front() != '#') ++product_lines;
  }

  absl::StatusOr<std::vector<ProductSpec>> specs = ReadCatalogFile(path);
  ASSERT_TRUE(specs.ok()) << specs.status();
  EXPECT_EQ(specs->size(), product_lines);
  EXPECT_GT(specs->size(), 0u);
  absl::flat_hash_set<std::string> ids;
  for (const ProductSpec& spec : *specs) {
    EXPECT_TRUE(ids.insert(spec.id).second) << "duplicate id " << spec.id;
  }

  TagDictionary tags;
  Catalog catalog(&tags);
  absl::StatusOr<UpsertResult> result = catalog.Upsert(*specs);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(static_cast<size_t>(result->inserted), specs->size());
  EXPECT_EQ(catalog.snapshot()->size(), specs->size());
}

TEST(CatalogJsonLineTest, ReadsBackAsTheSameProduct) {
  ProductSpec spec;
  spec.id = "p42";
  spec.title = "A \"quoted\" kettle";
  spec.tags = {{"kettle", 1.0}, {"travel", 0.25}};
  spec.category_path = {"home", "kitchen"};
  spec.shop_id = "s1";
  spec.price = 12.5;
  spec.status = ProductStatus::kOutOfStock;
  spec.content_forms = {ContentForm::kShortVideo, ContentForm::kProductCard};
  spec.repurchase_cycle_days = 30;
  spec.campaign = true;
  spec.campaign_start_ms = 1000;
  spec.campaign_end_ms = 2000;
  spec.live_start_ms = 3000;
  spec.live_end_ms = 4000;
  spec.creator_ids = {"c1", "c2"};

  const std::string line = CatalogJsonLine(spec);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.rfind("{\"id\":\"p42\",\"title\":", 0), 0u) << line;
  absl::StatusOr<std::vector<ProductSpec>> read = ParseCatalogJsonl(line);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 1u);
  const ProductSpec& back = (*read)[0];
  EXPECT_EQ(back.id, spec.id);
  EXPECT_EQ(back.title, spec.title);
  ASSERT_EQ(back.tags.size(), 2u);
  EXPECT_EQ(back.tags[0].tag, "kettle");
  EXPECT_EQ(back.tags[1].weight, 0.25);
  EXPECT_EQ(back.category_path, spec.category_path);
  EXPECT_EQ(back.shop_id, spec.shop_id);
  EXPECT_EQ(back.price, spec.price);
  EXPECT_EQ(back.status, spec.status);
  EXPECT_EQ(back.content_forms, spec.content_forms);
  EXPECT_EQ(back.repurchase_cycle_days, 30);
  EXPECT_TRUE(back.campaign);
  EXPECT_EQ(back.campaign_start_ms, 1000);
  EXPECT_EQ(back.campaign_end_ms, 2000);
  EXPECT_EQ(back.live_start_ms, 3000);
  EXPECT_EQ(back.live_end_ms, 4000);
  EXPECT_EQ(back.creator_ids, spec.creator_ids);
}

TEST(CatalogJsonLineTest, LeavesUnsetOptionalKeysOut) {
  ProductSpec spec;
  spec.id = "p1";
  spec.category_path = {"home"};
  spec.shop_id = "s1";
  const std::string line = CatalogJsonLine(spec);
  EXPECT_EQ(line.find("live_start_ms"), std::string::npos) << line;
  EXPECT_EQ(line.find("campaign_start_ms"), std::string::npos) << line;
  EXPECT_EQ(line.find("creators"), std::string::npos) << line;
  EXPECT_TRUE(ParseCatalogJsonl(line).ok());
}

}  // namespace
}  // namespace ranker
