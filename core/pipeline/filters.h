// Stage 3: candidate filters. Governance comes first: whatever a retriever
// proposed, a product that is not active, or whose shop is banned, never
// leaves the pipeline.
#ifndef RANKER_CORE_PIPELINE_FILTERS_H_
#define RANKER_CORE_PIPELINE_FILTERS_H_

#include "core/pipeline/stages.h"

namespace ranker {

// Banned and out-of-stock products, every product of a banned shop (in every
// scene) and, in the feed, products of shops below shop_quality_floor: what
// RequestState::Eligible refuses.
class GovernanceFilter : public CandidateFilter {
 public:
  absl::string_view name() const override { return "governance"; }
  bool Keep(const RequestState& state,
            const Candidate& candidate) const override;
};

// The caller's exclude list.
class ExcludedFilter : public CandidateFilter {
 public:
  absl::string_view name() const override { return "excluded"; }
  bool Keep(const RequestState& state,
            const Candidate& candidate) const override;
};

// Durable goods the user already bought.
class PurchasedDurableFilter : public CandidateFilter {
 public:
  absl::string_view name() const override { return "purchased_durable"; }
  bool Keep(const RequestState& state,
            const Candidate& candidate) const override;
};

// Consumables the user bought less than repurchase_due_share of their
// repurchase cycle ago: the user still has some.
class RepurchaseNotDueFilter : public CandidateFilter {
 public:
  absl::string_view name() const override { return "repurchase_not_due"; }
  bool Keep(const RequestState& state,
            const Candidate& candidate) const override;
};

// Products the user marked not_interested.
class DismissedFilter : public CandidateFilter {
 public:
  absl::string_view name() const override { return "dismissed"; }
  bool Keep(const RequestState& state,
            const Candidate& candidate) const override;
};

// Impression fatigue: products the user was shown fatigue_impressions times
// without engaging rest for fatigue_cooldown_hours after the last showing,
// then come back.
class ImpressionFatigueFilter : public CandidateFilter {
 public:
  absl::string_view name() const override { return "impression_fatigue"; }
  bool Keep(const RequestState& state,
            const Candidate& candidate) const override;
};

// In a storefront, only the shop's own products.
class StorefrontShopFilter : public CandidateFilter {
 public:
  absl::string_view name() const override { return "storefront_shop"; }
  bool Keep(const RequestState& state,
            const Candidate& candidate) const override;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_FILTERS_H_
