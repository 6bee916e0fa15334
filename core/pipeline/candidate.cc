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
  // Sorted as compact keys, then each candidate moved once: a Candidate is a
  // few hundred bytes, and a sort comparing or swapping them reads far more
  // memory than the 16-byte keys.
  struct Key {
    double score;
    ProductIdx product;
    uint32_t position;
  };
  std::vector<Key> keys;
  keys.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    c.score = std::accumulate(c.parts.begin(), c.parts.end(), 0.0);
    keys.push_back({c.score, c.product, static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return a.score != b.score ? a.score > b.score : a.product < b.product;
  });
  std::vector<Candidate> sorted;
  sorted.reserve(candidates.size());
  for (const Key& key : keys) {
    sorted.push_back(std::move(candidates[key.position]));
  }
  candidates = std::move(sorted);
}

}  // namespace ranker
