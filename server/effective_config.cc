#include "server/effective_config.h"

#include <map>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "core/pipeline/ranking_config_file.h"
#include "nlohmann/json.hpp"

namespace ranker {

std::string EffectiveConfigJson(const RankingConfig& ranking) {
  // Sorted by name, so that two instances' lines compare line by line.
  std::map<std::string, std::string> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::StrContains(flag->Filename(), "server/")) {
      flags.emplace(std::string(name), flag->CurrentValue());
    }
  }
  nlohmann::json config;
  config["flags"] = flags;
  config["ranking"] = nlohmann::json::parse(ChangedKnobsJson(ranking));
  return config.dump();
}

}  // namespace ranker
