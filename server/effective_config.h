// The start-up line that states the configuration in effect: every flag of
// the server with its value (defaults included) and the ranking knobs that
// differ from the built-in defaults, as one JSON object, so that a log
// search or a script can read what a running instance was started with.
#ifndef RANKER_SERVER_EFFECTIVE_CONFIG_H_
#define RANKER_SERVER_EFFECTIVE_CONFIG_H_

#include <string>

#include "core/pipeline/ranking_config.h"

namespace ranker {

// {"flags": {"listen": "127.0.0.1:50051", ...}, "ranking": {...changed
// knobs...}} on one line. Flags are those defined in server/ (not Abseil's
// or gRPC's own), by name; token and key files are named, never read here.
std::string EffectiveConfigJson(const RankingConfig& ranking);

}  // namespace ranker

#endif  // RANKER_SERVER_EFFECTIVE_CONFIG_H_
