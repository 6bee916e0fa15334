// The service-wide ranking configuration as a file: a JSON object mapping
// knob names (RankingKnobs(), docs/ranking.md) to numbers, the defaults for
// every request before its own weight_overrides. Knobs the file leaves out
// keep their built-in defaults, so a file holds only what an operator
// changed. The server reads it at start-up (--ranking_config) and again on
// SIGHUP.
#ifndef RANKER_CORE_PIPELINE_RANKING_CONFIG_FILE_H_
#define RANKER_CORE_PIPELINE_RANKING_CONFIG_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/pipeline/ranking_config.h"

namespace ranker {

// The built-in defaults with `json`'s knobs set. INVALID_ARGUMENT, naming
// `source` and the knob, for text that is not a JSON object, a value that
// is not a number, an unknown knob or a value out of the knob's range:
// a file with any error changes nothing.
absl::StatusOr<RankingConfig> ParseRankingConfig(absl::string_view json,
                                                 absl::string_view source);

// ParseRankingConfig of the file at `path` (NOT_FOUND / INVALID_ARGUMENT
// naming it when it cannot be read).
absl::StatusOr<RankingConfig> ReadRankingConfigFile(const std::string& path);

// The knobs of `config` that differ from the built-in defaults, as a JSON
// object on one line ("{}" when none): what a log line says is in effect.
std::string ChangedKnobsJson(const RankingConfig& config);

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_RANKING_CONFIG_FILE_H_
