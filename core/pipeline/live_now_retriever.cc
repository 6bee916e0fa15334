#include "core/pipeline/live_now_retriever.h"

#include "absl/container/flat_hash_map.h"
#include "core/pipeline/retrievers.h"

namespace ranker {

void LiveNowRetriever::Retrieve(RequestState& state) const {
  const size_t quota = KnobCount(state.config.live_now_quota);
  if (quota == 0) return;
  const TagIndex& live = state.catalog.live_tag_index();
  const size_t max_postings = KnobCount(state.config.postings_per_tag, 1);
  const size_t tags_used = KnobCount(state.config.interest_tags_used, 1);
  // The live index's postings are tag weight / product norm, so adding
  // interest weight / interest norm × posting over an interest's tags sums
  // its cosine with the product, as SparseInterest::Match would, reading
  // only the live products that share a tag. Over the interest's
  // interest_tags_used strongest positive tags, as tag recall reads: the
  // cosine of those, a bounded read however many tags a profile holds.
  absl::flat_hash_map<ProductIdx, double> matches;
  for (const SparseInterest* interest :
       {&state.instant, &state.long_term, &state.context}) {
    if (interest->norm() == 0.0) continue;
    const std::vector<TagWeight>& tags = interest->by_weight();
    for (size_t i = 0; i < tags.size() && i < tags_used; ++i) {
      if (tags[i].weight <= 0.0f) break;
      AddTagPostings(live, tags[i].tag, tags[i].weight / interest->norm(),
                     max_postings, matches);
    }
  }
  // The index also holds planned and ended streams.
  state.AddBest(Source::kLiveNow, quota, matches, [&](ProductIdx product) {
    return state.catalog.product(product).LiveAt(state.now);
  });
}

}  // namespace ranker
