#include "core/pipeline/candidate.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace ranker {

absl::string_view SourceName(Source source) {
  switch (source) {
    case Source::kSessionNeighbors:
      return "session_neighbors";
    case Source::kCoEngagement:
      return "co_engagement";
    case Source::kSessionRepeat:
      return "session_repeat";
    case Source::kInstantInterest:
      return "instant_interest";
    case Source::kLongTermInterest:
      return "long_term_interest";
    case Source::kContextTags:
      return "context_tags";
    case Source::kStorefront:
      return "storefront";
    case Source::kRepurchase:
      return "repurchase";
    case Source::kCart:
      return "cart";
    case Source::kLiveNow:
      return "live_now";
    case Source::kExploration:
      return "exploration";
    case Source::kPopular:
      return "popular";
  }
  return "unknown";
}

absl::string_view ScorePartName(ScorePart part) {
  switch (part) {
    case ScorePart::kLongTermMatch:
      return "long_term_match";
    case ScorePart::kInstantMatch:
      return "instant_match";
    case ScorePart::kContextMatch:
      return "context_match";
    case ScorePart::kClickRate:
      return "click_rate";
    case ScorePart::kPurchaseRate:
      return "purchase_rate";
    case ScorePart::kPopularity:
      return "popularity";
    case ScorePart::kSessionNeighbors:
      return "session_neighbors";
    case ScorePart::kCoEngagement:
      return "co_engagement";
    case ScorePart::kSessionRepeat:
      return "session_repeat";
    case ScorePart::kShopQuality:
      return "shop_quality";
    case ScorePart::kValue:
      return "value";
    case ScorePart::kRepurchaseDue:
      return "repurchase_due";
    case ScorePart::kCart:
      return "cart";
    case ScorePart::kLiveNow:
      return "live_now";
    case ScorePart::kCampaign:
      return "campaign";
    case ScorePart::kCreator:
      return "creator";
    case ScorePart::kContentForm:
      return "content_form";
    case ScorePart::kPopularityDebias:
      return "popularity_debias";
    case ScorePart::kExploration:
      return "exploration";
  }
  return "unknown";
}

void RankByScore(std::vector<Candidate>& candidates) {
  for (Candidate& c : candidates) {
    c.score = std::accumulate(c.parts.begin(), c.parts.end(), 0.0);
  }
  // Sorted through their positions: a Candidate is a few hundred bytes, and
  // moving each once beats swapping them about through the sort.
  std::vector<uint32_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Candidate& ca = candidates[a];
    const Candidate& cb = candidates[b];
    return ca.score != cb.score ? ca.score > cb.score : ca.product < cb.product;
  });
  std::vector<Candidate> sorted;
  sorted.reserve(candidates.size());
  for (uint32_t i : order) sorted.push_back(std::move(candidates[i]));
  candidates = std::move(sorted);
}

}  // namespace ranker
