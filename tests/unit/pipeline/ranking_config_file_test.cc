#include "core/pipeline/ranking_config_file.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(RankingConfigFile, SetsTheKnobsItNamesAndLeavesTheOthersAtTheirDefaults) {
  absl::StatusOr<RankingConfig> config = ParseRankingConfig(
      R"({"instant_match": 3.5, "exploration_quota": 40,
          // comments are allowed: operators annotate their changes
          "category_max_share": 1})",
      "ranking.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->instant_match, 3.5);
  EXPECT_EQ(config->exploration_quota, 40);
  EXPECT_EQ(config->category_max_share, 1.0);
  EXPECT_EQ(config->long_term_match, RankingConfig{}.long_term_match);
}

TEST(RankingConfigFile, AnEmptyObjectIsTheDefaults) {
  absl::StatusOr<RankingConfig> config = ParseRankingConfig("{}", "f");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(ChangedKnobsJson(*config), "{}");
}

TEST(RankingConfigFile, ErrorsNameTheFileAndTheKnob) {
  struct Case {
    const char* json;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"no_such_knob": 1})", "ranking.json: no_such_knob: unknown"},
      {R"({"instant_match": "high"})",
       "ranking.json: instant_match: must be a number"},
      {R"({"category_max_share": 7})",
       "ranking.json: category_max_share: must be in"},
      {R"({"instant_match": 1e9})", "ranking.json: instant_match: must be in"},
      {R"([1, 2])", "ranking.json: must be a JSON object"},
      {R"({"instant_match": 1,)", "ranking.json: not valid JSON"},
      {"", "ranking.json: not valid JSON"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<RankingConfig> config =
        ParseRankingConfig(c.json, "ranking.json");
    ASSERT_FALSE(config.ok()) << c.json;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(config.status().message(), c.expected))
        << c.json << " gave " << config.status();
  }
}

TEST(RankingConfigFile, ReadsAFileAndReportsAMissingOne) {
  const std::string path =
      ::testing::TempDir() + "/ranking_config_file_test.json";
  {
    std::ofstream out(path);
    out << R"({"popularity": 0.25})";
  }
  absl::StatusOr<RankingConfig> config = ReadRankingConfigFile(path);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->popularity, 0.25);
  std::remove(path.c_str());

  absl::StatusOr<RankingConfig> missing = ReadRankingConfigFile(path);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(missing.status().message(), path));
}

TEST(RankingConfigFile, ChangedKnobsListsOnlyWhatDiffersFromTheDefaults) {
  RankingConfig config;
  ASSERT_TRUE(config.Set("instant_match", 3.5).ok());
  EXPECT_EQ(ChangedKnobsJson(config), R"({"instant_match":3.5})");
}

}  // namespace
}  // namespace ranker
