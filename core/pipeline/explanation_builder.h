// Turns a ranked candidate into the public RecommendedItem, with the debug
// explanation (sources, matched tags, score parts, rerank notes) when the
// request asked for it.
#ifndef RANKER_CORE_PIPELINE_EXPLANATION_BUILDER_H_
#define RANKER_CORE_PIPELINE_EXPLANATION_BUILDER_H_

#include "core/pipeline/candidate.h"
#include "core/pipeline/recommend_request.h"
#include "core/pipeline/request_state.h"

namespace ranker {

RecommendedItem ToRecommendedItem(const RequestState& state,
                                  Candidate& candidate);

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_EXPLANATION_BUILDER_H_
