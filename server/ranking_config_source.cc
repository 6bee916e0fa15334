#include "server/ranking_config_source.h"

#include "absl/status/statusor.h"
#include "core/pipeline/ranking_config_file.h"

namespace ranker {

absl::Status ApplyRankingConfigFile(const std::string& path, Engine& engine) {
  absl::StatusOr<RankingConfig> config = ReadRankingConfigFile(path);
  if (!config.ok()) return config.status();
  engine.SetDefaultRanking(*config);
  return absl::OkStatus();
}

}  // namespace ranker
