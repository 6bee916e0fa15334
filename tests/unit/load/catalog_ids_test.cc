#include "client/load/catalog_ids.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::load {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CatalogIdsTest, DemoPatternMatchesTheDemoCatalog) {
  const CatalogIds ids = DemoPatternIds(3);
  EXPECT_THAT(ids.product_ids, ElementsAre("p00000", "p00001", "p00002"));
  EXPECT_TRUE(ids.tags.empty());
}

TEST(CatalogIdsTest, ReadsIdsAndTagsMostFrequentFirst) {
  absl::StatusOr<CatalogIds> ids = ParseCatalogIds(
      R"({"id":"a","tags":{"office":1.0,"travel":0.5},"price":3}

{"id":"b","tags":["travel","zen"]}
{"id":"c"}
)",
      "test.jsonl");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_THAT(ids->product_ids, ElementsAre("a", "b", "c"));
  EXPECT_THAT(ids->tags, ElementsAre("travel", "office", "zen"));
}

TEST(CatalogIdsTest, NamesTheLineOfABadProduct) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"{\"id\":\"a\"}\nnot json\n", "f.jsonl:2: not a JSON object"},
           Case{"{\"title\":\"x\"}", "f.jsonl:1: needs a non-empty string"},
           Case{"{\"id\":7}", "needs a non-empty string \"id\""},
           Case{"{\"id\":\"a\",\"tags\":3}", "must be an object or an array"},
           Case{"{\"id\":\"a\",\"tags\":[1]}", "\"tags\" must hold strings"},
           Case{"\n\n", "f.jsonl: no product"},
       }) {
    absl::StatusOr<CatalogIds> ids = ParseCatalogIds(c.text, "f.jsonl");
    ASSERT_FALSE(ids.ok()) << c.text;
    EXPECT_EQ(ids.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ids.status().message(), HasSubstr(c.message)) << c.text;
  }
}

TEST(CatalogIdsTest, ReadsTheBundledDemoCatalog) {
  absl::StatusOr<CatalogIds> ids =
      ReadCatalogIds(RANKER_SOURCE_DIR "/deploy/demo/catalog.jsonl");
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_EQ(ids->product_ids.size(), 2000u);
  EXPECT_EQ(ids->product_ids.front(), "p00000");
  EXPECT_GT(ids->tags.size(), 10u);
}

TEST(CatalogIdsTest, MissingFileIsNotFound) {
  absl::StatusOr<CatalogIds> ids = ReadCatalogIds("/nonexistent/catalog");
  EXPECT_EQ(ids.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ranker::load
