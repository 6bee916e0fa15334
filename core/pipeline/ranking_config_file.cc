#include "core/pipeline/ranking_config_file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace ranker {

using nlohmann::json;

absl::StatusOr<RankingConfig> ParseRankingConfig(absl::string_view text,
                                                 absl::string_view source) {
  const json parsed = json::parse(text, /*cb=*/nullptr,
                                  /*allow_exceptions=*/false,
                                  /*ignore_comments=*/true);
  if (parsed.is_discarded()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": not valid JSON"));
  }
  if (!parsed.is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ": must be a JSON object of knob names to numbers"));
  }
  RankingConfig config;
  for (const auto& [name, value] : parsed.items()) {
    const std::string field = absl::StrCat(source, ": ", name);
    if (!value.is_number()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": must be a number"));
    }
    if (absl::Status set = config.SetNamed(name, value.get<double>(), field);
        !set.ok()) {
      return set;
    }
  }
  return config;
}

absl::StatusOr<RankingConfig> ReadRankingConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot be read"));
  }
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": read error"));
  }
  return ParseRankingConfig(text.str(), path);
}

std::string ChangedKnobsJson(const RankingConfig& config) {
  const RankingConfig defaults;
  json changed = json::object();
  for (const RankingKnob& knob : RankingKnobs()) {
    if (config.*knob.field != defaults.*knob.field) {
      changed[std::string(knob.name)] = config.*knob.field;
    }
  }
  return changed.dump();
}

}  // namespace ranker
