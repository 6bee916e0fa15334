// A product under consideration in one request: who proposed it, its item
// features and its score parts. Candidates live in the request's state and
// are passed through the stages by reference.
#ifndef RANKER_CORE_PIPELINE_CANDIDATE_H_
#define RANKER_CORE_PIPELINE_CANDIDATE_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/catalog/product.h"
#include "core/stats/item_stats.h"
#include "core/types.h"

namespace ranker {

// The retrievers, in the order they run.
enum class Source : uint8_t {
  kSessionNeighbors,
  kCoEngagement,
  kSessionRepeat,
  kInstantInterest,
  kLongTermInterest,
  kContextTags,
  kStorefront,
  kRepurchase,
  kCart,
  kLiveNow,
  kExploration,
  kPopular,
};
inline constexpr int kSourceCount = 12;
absl::string_view SourceName(Source source);

// The parts the score is the sum of, each already multiplied by its weight.
enum class ScorePart : uint8_t {
  kLongTermMatch,
  kInstantMatch,
  kContextMatch,
  kClickRate,
  kPurchaseRate,
  kPopularity,
  kSessionNeighbors,
  kCoEngagement,
  kSessionRepeat,
  kShopQuality,
  kValue,
  kRepurchaseDue,
  kCart,
  kLiveNow,
  kCampaign,
  kCreator,
  kContentForm,
  kPopularityDebias,
  kExploration,
};
inline constexpr int kScorePartCount = 19;
absl::string_view ScorePartName(ScorePart part);

struct Candidate {
  ProductIdx product = 0;
  const Product* item = nullptr;  // owned by the request's catalog snapshot
  Source first_source = Source::kPopular;
  uint32_t source_mask = 0;  // bit per Source that proposed it
  // The retrieval score each source gave it (0 when it did not propose it).
  std::array<float, kSourceCount> source_scores{};
  ItemCounts counts;  // filled by the item feature fetch
  std::array<double, kScorePartCount> parts{};
  double score = 0.0;
  // Set by a reranker that reserved it a place in the list's head; later
  // reservations do not displace it (head_slots.h).
  bool promoted = false;
  std::vector<std::string> rerank_notes;  // filled only for debug requests

  void SetPart(ScorePart part, double value) {
    parts[static_cast<int>(part)] = value;
  }
  double part(ScorePart part) const { return parts[static_cast<int>(part)]; }
  float source_score(Source source) const {
    return source_scores[static_cast<int>(source)];
  }
  bool HasSource(Source source) const {
    return (source_mask >> static_cast<int>(source)) & 1u;
  }
};

// Sets each candidate's score to the sum of its parts and orders them best
// first (ties: lower product index first): the end of the score stage.
void RankByScore(std::vector<Candidate>& candidates);

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_CANDIDATE_H_
