#include "core/pipeline/explanation_builder.h"

#include <string>
#include <utility>
#include <vector>

namespace ranker {
namespace {

// Names of the product's tags that carry positive weight in `interest`.
std::vector<std::string> MatchedTags(const RequestState& state,
                                     const Product& product,
                                     const SparseInterest& interest) {
  std::vector<std::string> names;
  for (const TagWeight& tw : product.tags) {
    if (interest.WeightOf(tw.tag) > 0.0f) {
      names.push_back(state.resources.tags->Name(tw.tag));
    }
  }
  return names;
}

Explanation Explain(const RequestState& state, Candidate& candidate) {
  const Product& product = *candidate.item;
  Explanation explanation;
  explanation.title = product.title;
  explanation.category = product.category;
  explanation.shop_id = product.shop_id;
  explanation.sources.emplace_back(SourceName(candidate.first_source));
  for (int s = 0; s < kSourceCount; ++s) {
    const Source source = static_cast<Source>(s);
    if (source != candidate.first_source && candidate.HasSource(source)) {
      explanation.sources.emplace_back(SourceName(source));
    }
  }
  explanation.matched_long_term_tags =
      MatchedTags(state, product, state.long_term);
  explanation.matched_instant_tags = MatchedTags(state, product, state.instant);
  explanation.matched_context_tags = MatchedTags(state, product, state.context);
  for (int p = 0; p < kScorePartCount; ++p) {
    explanation.score_parts.emplace_back(
        std::string(ScorePartName(static_cast<ScorePart>(p))),
        candidate.parts[p]);
  }
  explanation.rerank_notes = std::move(candidate.rerank_notes);
  return explanation;
}

}  // namespace

RecommendedItem ToRecommendedItem(const RequestState& state,
                                  Candidate& candidate) {
  RecommendedItem item;
  item.product_id = candidate.item->id;
  item.score = candidate.score;
  item.source = std::string(SourceName(candidate.first_source));
  if (state.request.debug) item.explanation = Explain(state, candidate);
  return item;
}

}  // namespace ranker
