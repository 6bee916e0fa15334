#include "core/pipeline/ranking_pipeline.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <numeric>
#include <utility>

#include "absl/strings/string_view.h"
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
#include "core/pipeline/stage_timings.h"

namespace ranker {
namespace {

// As deadline errors name them: "deadline exceeded before the filter stage".
constexpr absl::string_view kStageSteps[] = {
    "the user features stage", "the retrieve stage", "the filter stage",
    "the item features stage", "the score stage",    "the rerank stage"};
static_assert(std::size(kStageSteps) == kPipelineStageCount);

// Times the stages of one run: one read of the monotonic clock per stage
// boundary, so that the metrics cost a few tens of nanoseconds a request.
class StageTimer {
 public:
  explicit StageTimer(StageTimings& timings)
      : timings_(timings), mark_(std::chrono::steady_clock::now()) {}

  // `stage` ends now; the next one starts.
  void End(PipelineStage stage) {
    const std::chrono::steady_clock::time_point now =
        std::chrono::steady_clock::now();
    timings_[stage] = absl::FromChrono(now - mark_);
    mark_ = now;
  }

 private:
  StageTimings& timings_;
  std::chrono::steady_clock::time_point mark_;
};

}  // namespace

RankingPipeline::RankingPipeline(DeadlineClock clock)
    : clock_(std::move(clock)) {
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

  // Reservations first, on the whole scored list (diversity cuts it to the
  // count); the places they reserve are still subject to the caps.
  rerankers_.push_back(std::make_unique<ExplorationSlotsReranker>());
  rerankers_.push_back(std::make_unique<LongTailExposureReranker>());
  rerankers_.push_back(std::make_unique<DiversityReranker>());
  rerankers_.push_back(std::make_unique<CommerceDensityReranker>());
}

absl::StatusOr<RecommendResult> RankingPipeline::Run(
    RequestState& state) const {
  using enum PipelineStage;
  RecommendResult result;
  StageTimer timer(result.timings);
  // Between stages, not inside them: each stage is bounded by its quotas,
  // and a check per candidate would cost more than it saves.
  auto check_deadline = [&](PipelineStage stage) {
    return CheckDeadline(state.request.deadline, clock_,
                         kStageSteps[static_cast<size_t>(stage)]);
  };
  if (auto s = check_deadline(kUserFeatures); !s.ok()) return s;
  if (auto status = user_features_.Fetch(state); !status.ok()) return status;
  timer.End(kUserFeatures);
  if (auto s = check_deadline(kRetrieve); !s.ok()) return s;
  for (const auto& retriever : retrievers_) retriever->Retrieve(state);
  timer.End(kRetrieve);

  if (auto s = check_deadline(kFilter); !s.ok()) return s;
  std::vector<Candidate>& candidates = state.candidates;
  std::erase_if(candidates, [&](const Candidate& c) {
    return std::any_of(filters_.begin(), filters_.end(),
                       [&](const auto& f) { return !f->Keep(state, c); });
  });
  state.candidate_index.clear();  // positions are stale after filtering
  timer.End(kFilter);

  if (auto s = check_deadline(kItemFeatures); !s.ok()) return s;
  item_features_.Fetch(state);
  timer.End(kItemFeatures);
  if (auto s = check_deadline(kScore); !s.ok()) return s;
  for (const auto& scorer : scorers_) scorer->Score(state, candidates);
  RankByScore(candidates);
  timer.End(kScore);
  if (auto s = check_deadline(kRerank); !s.ok()) return s;
  for (const auto& reranker : rerankers_) reranker->Rerank(state, candidates);
  if (candidates.size() > static_cast<size_t>(state.request.count)) {
    candidates.resize(state.request.count);
  }

  result.density = CommerceDensityFor(state);
  result.items.reserve(candidates.size());
  for (Candidate& c : candidates) {
    result.items.push_back(ToRecommendedItem(state, c));
  }
  timer.End(kRerank);
  return result;
}

}  // namespace ranker
