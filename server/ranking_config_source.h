// --ranking_config: the file of ranking knobs every request starts from
// (core/pipeline/ranking_config_file.h), read at start-up and again on
// SIGHUP without a restart.
#ifndef RANKER_SERVER_RANKING_CONFIG_SOURCE_H_
#define RANKER_SERVER_RANKING_CONFIG_SOURCE_H_

#include <string>

#include "absl/status/status.h"
#include "core/engine.h"

namespace ranker {

// Reads the file at `path` and makes it the engine's default ranking
// configuration. A file that does not read or parse changes nothing and
// is the error (naming the file and the knob): at start-up the server
// refuses to start; on a reload the old configuration stays in effect.
absl::Status ApplyRankingConfigFile(const std::string& path, Engine& engine);

}  // namespace ranker

#endif  // RANKER_SERVER_RANKING_CONFIG_SOURCE_H_
