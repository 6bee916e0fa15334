#include "core/pipeline/ranking_config.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

TEST(RankingConfig, SetChangesTheNamedKnob) {
  RankingConfig config;
  ASSERT_TRUE(config.Set("instant_match", 3.5).ok());
  EXPECT_EQ(config.instant_match, 3.5);
  ASSERT_TRUE(config.Set("category_max_share", 1.0).ok());
  EXPECT_EQ(config.category_max_share, 1.0);
  EXPECT_EQ(config.long_term_match, RankingConfig{}.long_term_match);
}

TEST(RankingConfig, EveryKnobCanBeSetToItsBoundsAndWritesItsOwnField) {
  for (const RankingKnob& knob : RankingKnobs()) {
    RankingConfig config;
    ASSERT_TRUE(config.Set(knob.name, knob.min).ok()) << knob.name;
    EXPECT_EQ(config.*knob.field, knob.min) << knob.name;
    ASSERT_TRUE(config.Set(knob.name, knob.max).ok()) << knob.name;
    EXPECT_EQ(config.*knob.field, knob.max) << knob.name;
  }
}

TEST(RankingConfig, KnobsHaveUniqueNamesDocsAndDefaultsInRange) {
  absl::flat_hash_set<absl::string_view> names;
  const RankingConfig defaults;
  for (const RankingKnob& knob : RankingKnobs()) {
    EXPECT_TRUE(names.insert(knob.name).second) << knob.name;
    EXPECT_FALSE(knob.doc.empty()) << knob.name;
    EXPECT_LE(knob.min, knob.max) << knob.name;
    EXPECT_GE(defaults.*knob.field, knob.min) << knob.name;
    EXPECT_LE(defaults.*knob.field, knob.max) << knob.name;
  }
  // One knob per double field of RankingConfig.
  static_assert(sizeof(RankingConfig) % sizeof(double) == 0);
  EXPECT_EQ(names.size(), sizeof(RankingConfig) / sizeof(double));
}

TEST(RankingConfig, UnknownNameIsInvalidArgumentNamingTheOverride) {
  RankingConfig config;
  absl::Status status = config.Set("no_such_knob", 1.0);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "weight_overrides[no_such_knob]: unknown ranking knob");
}

TEST(RankingConfig, NamesAreCaseSensitive) {
  RankingConfig config;
  EXPECT_EQ(config.Set("Instant_Match", 1.0).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RankingConfig, NonFiniteValuesAreRejected) {
  RankingConfig config;
  for (double value : {std::nan(""), std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity()}) {
    absl::Status status = config.Set("click_rate", value);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(),
              "weight_overrides[click_rate]: must be a finite number");
  }
  EXPECT_EQ(config.click_rate, RankingConfig{}.click_rate);
}

TEST(RankingConfig, OutOfRangeValuesAreRejectedAndLeaveTheKnobUnchanged) {
  RankingConfig config;
  absl::Status status = config.Set("category_max_share", 1.5);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "weight_overrides[category_max_share]: must be in [0, 1], got 1.5");
  EXPECT_EQ(config.category_max_share, 0.3);
  EXPECT_EQ(config.Set("popular_quota", -1).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(config.Set("popular_quota", 5001).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(config.Set("click_rate_prior", 0.0).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(config.Set("interest_tags_used", 0.5).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(config.Set("long_term_match", -1000).ok());
}

TEST(RankingConfig, EveryKnobIsDocumentedWithItsDefault) {
  std::ifstream in(std::string(RANKER_SOURCE_DIR) + "/docs/ranking.md");
  ASSERT_TRUE(in) << "docs/ranking.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  const RankingConfig defaults;
  for (const RankingKnob& knob : RankingKnobs()) {
    std::ostringstream row;
    row << "| `" << knob.name << "` | " << defaults.*knob.field << " |";
    std::string expected = row.str();
    // Whole numbers are written with ".0" where the default is a weight.
    const bool found =
        text.str().find(expected) != std::string::npos ||
        text.str().find("| `" + std::string(knob.name) + "` | " +
                        std::to_string(static_cast<int>(defaults.*knob.field)) +
                        ".0 |") != std::string::npos;
    EXPECT_TRUE(found) << "docs/ranking.md has no row " << expected;
  }
}

}  // namespace
}  // namespace ranker
