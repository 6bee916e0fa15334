#include "server/effective_config.h"

#include <string>

#include "absl/flags/flag.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

// A flag defined under a server/ path, as the server's own are.
ABSL_FLAG(int, effective_config_test_workers, 7, "test flag");

namespace ranker {
namespace {

TEST(EffectiveConfigJson, StatesEveryServerFlagAndTheChangedKnobs) {
  absl::SetFlag(&FLAGS_effective_config_test_workers, 3);
  RankingConfig ranking;
  ASSERT_TRUE(ranking.Set("exploration_quota", 40).ok());
  const std::string line = EffectiveConfigJson(ranking);
  EXPECT_EQ(line.find('\n'), std::string::npos);  // one log line
  const nlohmann::json config = nlohmann::json::parse(line);
  EXPECT_EQ(config["flags"]["effective_config_test_workers"], "3");
  // Abseil's and gRPC's own flags are not the server's configuration.
  EXPECT_FALSE(config["flags"].contains("flagfile"));
  EXPECT_EQ(config["ranking"],
            nlohmann::json::parse(R"({"exploration_quota": 40.0})"));
}

}  // namespace
}  // namespace ranker
