// RecommendProducts in core terms: the request as the caller gave it (strings
// at the edge) and the ranked result.
#ifndef RANKER_CORE_PIPELINE_RECOMMEND_REQUEST_H_
#define RANKER_CORE_PIPELINE_RECOMMEND_REQUEST_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/pipeline/stage_timings.h"
#include "core/types.h"

namespace ranker {

struct RecommendRequest {
  std::string user_id;
  std::string session_id;
  Scene scene = Scene::kFeed;
  int count = 20;
  std::vector<std::string> context_tags;
  std::vector<std::string> recent_product_ids;  // most recent last
  std::string shop_id;                          // storefront only
  std::vector<std::string> exclude_product_ids;
  // FEED only: content slots on the page the products are mixed into; 0 when
  // the caller did not say (no commerce-density rule).
  int content_slots = 0;
  bool debug = false;
  std::vector<std::pair<std::string, double>> weight_overrides;
  // When the caller stops waiting (the gRPC call's deadline); the pipeline
  // stops with DEADLINE_EXCEEDED at the first stage boundary past it.
  absl::Time deadline = absl::InfiniteFuture();
};

// Checks ids, count and list sizes; errors name the proto field (e.g.
// "count: must be in [1, 200], got 0"). Weight overrides are checked when the
// ranking config applies them.
absl::Status ValidateRecommendRequest(const RecommendRequest& request);

struct Explanation {
  std::string title;
  std::string category;
  std::string shop_id;
  std::vector<std::string> sources;
  std::vector<std::string> matched_long_term_tags;
  std::vector<std::string> matched_instant_tags;
  std::vector<std::string> matched_context_tags;
  std::vector<std::pair<std::string, double>> score_parts;
  std::vector<std::string> rerank_notes;
};

struct RecommendedItem {
  std::string product_id;
  double score = 0.0;
  std::string source;
  std::optional<Explanation> explanation;  // set for debug requests
};

// How the feed's commerce-density rule shaped a FEED response.
struct CommerceDensity {
  int max_products = 0;    // share of the slots the user tolerates
  double min_score = 0.0;  // the user's threshold
  double tolerance = 1.0;  // learned commerce tolerance in [0, 1]
};

struct RecommendResult {
  std::vector<RecommendedItem> items;
  std::optional<CommerceDensity> density;  // set when the rule applied
  // How long each pipeline stage took (for the server's metrics).
  StageTimings timings;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_RECOMMEND_REQUEST_H_
