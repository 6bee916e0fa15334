// The vocabulary of pipeline stages. Each stage is one small class with one
// job and a stable name; RankingPipeline runs them in order:
//   user feature fetch → retrievers → filters → item feature fetch →
//   scorers → rerankers.
#ifndef RANKER_CORE_PIPELINE_STAGES_H_
#define RANKER_CORE_PIPELINE_STAGES_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "core/pipeline/candidate.h"
#include "core/pipeline/request_state.h"

namespace ranker {

// Proposes candidates (a candidate source), within its quota.
class Retriever {
 public:
  virtual ~Retriever() = default;
  virtual absl::string_view name() const = 0;
  virtual void Retrieve(RequestState& state) const = 0;
};

// Removes candidates that must not be shown.
class CandidateFilter {
 public:
  virtual ~CandidateFilter() = default;
  virtual absl::string_view name() const = 0;
  virtual bool Keep(const RequestState& state,
                    const Candidate& candidate) const = 0;
};

// Sets one or more score parts on every candidate.
class Scorer {
 public:
  virtual ~Scorer() = default;
  virtual absl::string_view name() const = 0;
  virtual void Score(const RequestState& state,
                     std::vector<Candidate>& candidates) const = 0;
};

// Reorders the scored list (best first) and may cut it to the request count.
class Reranker {
 public:
  virtual ~Reranker() = default;
  virtual absl::string_view name() const = 0;
  virtual void Rerank(const RequestState& state,
                      std::vector<Candidate>& ranked) const = 0;
};

}  // namespace ranker

#endif  // RANKER_CORE_PIPELINE_STAGES_H_
