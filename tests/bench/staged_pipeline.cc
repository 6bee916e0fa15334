#include "tests/bench/staged_pipeline.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "core/pipeline/commerce_density_reranker.h"
#include "core/pipeline/conversion_retrievers.h"
#include "core/pipeline/conversion_scorers.h"
#include "core/pipeline/diversity_reranker.h"
#include "core/pipeline/explanation_builder.h"
#include "core/pipeline/exploration_retriever.h"
#include "core/pipeline/exploration_slots_reranker.h"
#include "core/pipeline/fact_boost_scorer.h"
#include "core/pipeline/filters.h"
#include "core/pipeline/live_now_retriever.h"
#include "core/pipeline/long_tail_exposure_reranker.h"
#include "core/pipeline/retrievers.h"
#include "core/pipeline/scorers.h"
#include "core/pipeline/session_retrievers.h"

namespace ranker::bench {

// The stage lists of RankingPipeline::RankingPipeline, in its order.
StagedPipeline::StagedPipeline() {
  retrievers_.push_back(std::make_unique<SessionNeighborRetriever>());
  retrievers_.push_back(std::make_unique<CoEngagementRetriever>());
  retrievers_.push_back(std::make_unique<SessionRepeatRetriever>());
  retrievers_.push_back(std::make_unique<InterestTagRetriever>(
      Source::kInstantInterest, &RequestState::instant,
      &RankingConfig::instant_interest_quota));
  retrievers_.push_back(std::make_unique<InterestTagRetriever>(
      Source::kLongTermInterest, &RequestState::long_term,
      &RankingConfig::long_term_interest_quota));
  retrievers_.push_back(std::make_unique<InterestTagRetriever>(
      Source::kContextTags, &RequestState::context,
      &RankingConfig::context_tags_quota));
  retrievers_.push_back(std::make_unique<StorefrontRetriever>());
  retrievers_.push_back(std::make_unique<RepurchaseRetriever>());
  retrievers_.push_back(std::make_unique<CartRetriever>());
  retrievers_.push_back(std::make_unique<LiveNowRetriever>());
  retrievers_.push_back(std::make_unique<AdjacentInterestRetriever>());
  retrievers_.push_back(std::make_unique<PopularRetriever>());

  filters_.push_back(std::make_unique<GovernanceFilter>());
  filters_.push_back(std::make_unique<StorefrontShopFilter>());
  filters_.push_back(std::make_unique<ExcludedFilter>());
  filters_.push_back(std::make_unique<PurchasedDurableFilter>());
  filters_.push_back(std::make_unique<RepurchaseNotDueFilter>());
  filters_.push_back(std::make_unique<DismissedFilter>());
  filters_.push_back(std::make_unique<ImpressionFatigueFilter>());

  scorers_.push_back(std::make_unique<InterestMatchScorer>());
  scorers_.push_back(std::make_unique<EngagementRateScorer>());
  scorers_.push_back(std::make_unique<PopularityScorer>());
  scorers_.push_back(std::make_unique<SessionScorer>());
  scorers_.push_back(std::make_unique<ShopQualityScorer>());
  scorers_.push_back(std::make_unique<ValueScorer>());
  scorers_.push_back(std::make_unique<RepurchaseDueScorer>());
  scorers_.push_back(std::make_unique<CartScorer>());
  scorers_.push_back(std::make_unique<FactBoostScorer>());
  scorers_.push_back(std::make_unique<PopularityDebiasScorer>());
  scorers_.push_back(std::make_unique<ExplorationScorer>());

  rerankers_.push_back(std::make_unique<ExplorationSlotsReranker>());
  rerankers_.push_back(std::make_unique<LongTailExposureReranker>());
  rerankers_.push_back(std::make_unique<DiversityReranker>());
  rerankers_.push_back(std::make_unique<CommerceDensityReranker>());

  // RankingPipeline::Run without its deadline checks.
  steps_.push_back({"user_features", [this](RequestState& state) {
                      // A storefront of an unknown shop stops the pipeline;
                      // the benchmark requests are feed requests.
                      (void)user_features_.Fetch(state);
                    }});
  for (const auto& retriever : retrievers_) {
    const Retriever* r = retriever.get();
    steps_.push_back({absl::StrCat("retrieve/", r->name()),
                      [r](RequestState& state) { r->Retrieve(state); }});
  }
  steps_.push_back({"filter", [this](RequestState& state) {
                      std::erase_if(state.candidates, [&](const Candidate& c) {
                        return std::any_of(
                            filters_.begin(), filters_.end(),
                            [&](const auto& f) { return !f->Keep(state, c); });
                      });
                      state.candidate_index.clear();
                    }});
  steps_.push_back({"item_features", [this](RequestState& state) {
                      item_features_.Fetch(state);
                    }});
  for (const auto& scorer : scorers_) {
    const Scorer* s = scorer.get();
    steps_.push_back(
        {absl::StrCat("score/", s->name()),
         [s](RequestState& state) { s->Score(state, state.candidates); }});
  }
  steps_.push_back({"score/sum_and_sort", [](RequestState& state) {
                      RankByScore(state.candidates);
                    }});
  for (const auto& reranker : rerankers_) {
    const Reranker* r = reranker.get();
    steps_.push_back(
        {absl::StrCat("rerank/", r->name()),
         [r](RequestState& state) { r->Rerank(state, state.candidates); }});
  }
  steps_.push_back({"result", [this](RequestState& state) {
                      std::vector<Candidate>& candidates = state.candidates;
                      if (candidates.size() >
                          static_cast<size_t>(state.request.count)) {
                        candidates.resize(state.request.count);
                      }
                      RecommendResult result;
                      result.density = CommerceDensityFor(state);
                      result.items.reserve(candidates.size());
                      for (Candidate& c : candidates) {
                        result.items.push_back(ToRecommendedItem(state, c));
                      }
                      last_result_ = std::move(result);
                    }});
}

size_t StagedPipeline::IndexOf(absl::string_view name) const {
  for (size_t i = 0; i < steps_.size(); ++i) {
    if (steps_[i].name == name) return i;
  }
  std::fprintf(stderr, "no pipeline step named '%.*s'\n",
               static_cast<int>(name.size()), name.data());
  std::abort();
}

void StagedPipeline::Run(RequestState& state, size_t first, size_t last) const {
  for (size_t i = first; i < last; ++i) steps_[i].run(state);
}

}  // namespace ranker::bench
