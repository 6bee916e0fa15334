#include "server/ranking_config_source.h"

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

std::string WriteConfig(const std::string& name, const std::string& json) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream out(path);
  out << json;
  return path;
}

TEST(ApplyRankingConfigFile, MakesTheFileTheDefaultOfEveryRequest) {
  Engine engine;
  const std::string path =
      WriteConfig("ranking_source_good.json", R"({"instant_match": 4})");
  ASSERT_TRUE(ApplyRankingConfigFile(path, engine).ok());
  EXPECT_EQ(engine.default_ranking().instant_match, 4.0);
  EXPECT_EQ(engine.default_ranking().long_term_match,
            RankingConfig{}.long_term_match);
}

TEST(ApplyRankingConfigFile, ABadFileKeepsTheConfigurationInEffect) {
  Engine engine;
  ASSERT_TRUE(ApplyRankingConfigFile(WriteConfig("ranking_source_first.json",
                                                 R"({"instant_match": 4})"),
                                     engine)
                  .ok());
  // One good knob and one bad: nothing of the file applies.
  const absl::Status bad = ApplyRankingConfigFile(
      WriteConfig("ranking_source_bad.json",
                  R"({"long_term_match": 9, "instant_match": 1e9})"),
      engine);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine.default_ranking().instant_match, 4.0);
  EXPECT_EQ(engine.default_ranking().long_term_match,
            RankingConfig{}.long_term_match);
  // A file that disappeared, the same.
  EXPECT_EQ(
      ApplyRankingConfigFile(::testing::TempDir() + "/absent.json", engine)
          .code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(engine.default_ranking().instant_match, 4.0);
}

}  // namespace
}  // namespace ranker
