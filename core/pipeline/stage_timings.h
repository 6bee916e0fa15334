// How long each stage of one RecommendProducts pipeline run took. The
// pipeline reads the monotonic clock once per stage boundary and returns the
// durations with its result; the server turns them into its per-stage
// latency metrics (the core knows no metrics library).
#ifndef RANKER_CORE_PIPELINE_STAGE_TIMINGS_H_
#define RANKER_CORE_PIPELINE_STAGE_TIMINGS_H_

#include <array>
#include <cstddef>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ranker {

// The six stages of core/pipeline/ranking_pipeline.h, in the order they run.
enum class PipelineStage {
  kUserFeatures,
  kRetrieve,
  kFilter,
  kItemFeatures,
  kScore,
  kRerank
};
inline constexpr size_t kPipelineStageCount = 6;

// Stable names, as metrics label them: "user_features", "retrieve",
// "filter", "item_features", "score", "rerank".
inline constexpr std::array<absl::string_view, kPipelineStageCount>
    kPipelineStageNames = {"user_features", "retrieve", "filter",
                           "item_features", "score",    "rerank"};

inline absl::string_view PipelineStageName(PipelineStage stage) {
  return kPipelineStageNames[static_cast<size_t>(stage)];
}

struct StageTimings {
  // By PipelineStage. A stage's time includes the deadline check before it;
  // the rerank stage's includes building the response items (and their
  // explanations, for debug requests).
  std::array<absl::Duration, kPipelineStageCount> durations{};

  absl::Duration& operator[](PipelineStage stage) {
    return durations[static_cast<size_t>(stage)];
  }
  absl::Duration operator[](PipelineStage stage) const {
    return durations[static_cast<size_t>(stage)];
  }
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_STAGE_TIMINGS_H_
