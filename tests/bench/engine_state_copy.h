// The state of a loaded Engine as the stage-level objects a RequestState
// reads (RankingResources, a catalog snapshot, shop governance), so that the
// micro-benchmarks can run one pipeline stage at a time. The Engine keeps its
// stores private; its snapshot is the public way out: the Engine writes one
// (Engine::SaveSnapshot), and this class loads it section by section exactly
// as Engine::LoadSnapshot does, into stores of its own.
#ifndef RANKER_TESTS_BENCH_ENGINE_STATE_COPY_H_
#define RANKER_TESTS_BENCH_ENGINE_STATE_COPY_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/catalog/catalog.h"
#include "core/catalog/tag_dictionary.h"
#include "core/engine.h"
#include "core/interest/profile_store.h"
#include "core/pipeline/request_state.h"
#include "core/stats/co_engagement_index.h"
#include "core/stats/item_stats.h"
#include "core/stats/session_index.h"
#include "core/stats/tag_cooccurrence_index.h"

namespace ranker::bench {

// Writes `engine`'s snapshot into `dir` and returns its path.
absl::StatusOr<std::string> WriteEngineSnapshot(Engine& engine,
                                                const std::string& dir);

class EngineStateCopy {
 public:
  // `options` must be the engine's (the stores' configs).
  static absl::StatusOr<std::unique_ptr<EngineStateCopy>> Load(
      const std::string& snapshot_path, const EngineOptions& options);

  RankingResources resources() const {
    return {&tags_,     &profiles_,      &stats_,
            &sessions_, &co_engagement_, &tag_cooccurrence_};
  }
  const CatalogSnapshot& catalog() const { return *snapshot_; }
  const ShopGovernance& shops() const { return *shops_; }
  const TagDictionary& tags() const { return tags_; }
  const InterestConfig& interest_config() const { return profiles_.config(); }

 private:
  explicit EngineStateCopy(const EngineOptions& options);
  absl::Status LoadFrom(const std::string& snapshot_path);

  TagDictionary tags_;
  Catalog catalog_{&tags_};
  ProfileStore profiles_;
  ItemStatsStore stats_;
  SessionIndex sessions_;
  CoEngagementIndex co_engagement_;
  TagCooccurrenceIndex tag_cooccurrence_;
  std::shared_ptr<const CatalogSnapshot> snapshot_;
  std::shared_ptr<const ShopGovernance> shops_;
};

}  // namespace ranker::bench

#endif  // RANKER_TESTS_BENCH_ENGINE_STATE_COPY_H_
