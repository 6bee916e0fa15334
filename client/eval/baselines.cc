#include "client/eval/baselines.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <utility>

#include "absl/numeric/int128.h"

namespace ranker::eval {

void FillWithPopular(const ItemPopularity& popularity, int count,
                     std::vector<ItemIdx>* list) {
  for (ItemIdx item : popularity.ranked()) {
    if (static_cast<int>(list->size()) >= count) return;
    if (std::find(list->begin(), list->end(), item) == list->end()) {
      list->push_back(item);
    }
  }
}

std::vector<ItemIdx> PopBaseline::Recommend(absl::Span<const ItemIdx> prefix,
                                            int count) const {
  std::vector<ItemIdx> list;
  list.reserve(count);
  FillWithPopular(*popularity_, count, &list);
  return list;
}

std::vector<ItemIdx> SPopBaseline::Recommend(absl::Span<const ItemIdx> prefix,
                                             int count) const {
  // (item, occurrences in the prefix) for the prefix's training items.
  std::vector<ItemIdx> items;
  for (ItemIdx item : prefix) {
    if (item >= 0 && static_cast<size_t>(item) < popularity_->num_items() &&
        popularity_->is_training_item(item)) {
      items.push_back(item);
    }
  }
  std::sort(items.begin(), items.end());
  std::vector<std::pair<ItemIdx, int>> counted;
  for (size_t i = 0; i < items.size();) {
    size_t j = i;
    while (j < items.size() && items[j] == items[i]) ++j;
    counted.emplace_back(items[i], static_cast<int>(j - i));
    i = j;
  }
  std::sort(counted.begin(), counted.end(),
            [this](const auto& a, const auto& b) {
              if (a.second != b.second) return a.second > b.second;
              return popularity_->MorePopular(a.first, b.first);
            });
  std::vector<ItemIdx> list;
  list.reserve(count);
  for (const auto& [item, occurrences] : counted) {
    if (static_cast<int>(list.size()) >= count) break;
    list.push_back(item);
  }
  FillWithPopular(*popularity_, count, &list);
  return list;
}

ItemKnnBaseline::ItemKnnBaseline(const std::vector<Session>& train,
                                 const ItemPopularity* popularity,
                                 int max_neighbors)
    : popularity_(popularity),
      max_neighbors_(max_neighbors),
      neighbors_(popularity->num_items()),
      computed_(new std::once_flag[popularity->num_items()]) {
  const size_t num_items = popularity->num_items();
  // Session → distinct items.
  session_offsets_.reserve(train.size() + 1);
  session_offsets_.push_back(0);
  std::vector<ItemIdx> distinct;
  for (const Session& session : train) {
    distinct.clear();
    for (const SessionEvent& event : session.events) {
      distinct.push_back(event.item);
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()),
                   distinct.end());
    session_items_.insert(session_items_.end(), distinct.begin(),
                          distinct.end());
    session_offsets_.push_back(session_items_.size());
  }
  // Item → sessions, by counting then placing.
  item_offsets_.assign(num_items + 1, 0);
  for (ItemIdx item : session_items_) ++item_offsets_[item + 1];
  for (size_t i = 0; i < num_items; ++i) {
    item_offsets_[i + 1] += item_offsets_[i];
  }
  item_sessions_.resize(session_items_.size());
  std::vector<size_t> next(item_offsets_.begin(), item_offsets_.end() - 1);
  for (size_t s = 0; s + 1 < session_offsets_.size(); ++s) {
    for (size_t k = session_offsets_[s]; k < session_offsets_[s + 1]; ++k) {
      item_sessions_[next[session_items_[k]]++] = static_cast<int32_t>(s);
    }
  }
}

ItemKnnBaseline::~ItemKnnBaseline() = default;

double ItemKnnBaseline::Similarity(ItemIdx a, ItemIdx b) const {
  const size_t na = SessionCount(a);
  const size_t nb = SessionCount(b);
  if (na == 0 || nb == 0) return 0.0;
  // Both session lists are sorted (sessions are placed in order).
  const int32_t* pa = &item_sessions_[item_offsets_[a]];
  const int32_t* pb = &item_sessions_[item_offsets_[b]];
  size_t i = 0, j = 0, common = 0;
  while (i < na && j < nb) {
    if (pa[i] == pb[j]) {
      ++common, ++i, ++j;
    } else if (pa[i] < pb[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) /
         std::sqrt(static_cast<double>(na) * static_cast<double>(nb));
}

std::vector<ItemIdx> ItemKnnBaseline::ComputeNeighbors(ItemIdx item) const {
  // Co-occurrence counts in a per-thread dense array, reset after use.
  thread_local std::vector<int32_t> common;
  thread_local std::vector<ItemIdx> touched;
  if (common.size() < popularity_->num_items()) {
    common.assign(popularity_->num_items(), 0);
  }
  touched.clear();
  for (size_t k = item_offsets_[item]; k < item_offsets_[item + 1]; ++k) {
    const int32_t s = item_sessions_[k];
    for (size_t m = session_offsets_[s]; m < session_offsets_[s + 1]; ++m) {
      const ItemIdx other = session_items_[m];
      if (other == item) continue;
      if (common[other]++ == 0) touched.push_back(other);
    }
  }
  // sim(item, a) > sim(item, b) ⇔ common_a² |S_b| > common_b² |S_a|: compared
  // exactly in integers, so equal similarities tie and fall to popularity.
  auto more_similar = [&](ItemIdx a, ItemIdx b) {
    const absl::uint128 lhs = absl::uint128(common[a]) * common[a] *
                              static_cast<uint64_t>(SessionCount(b));
    const absl::uint128 rhs = absl::uint128(common[b]) * common[b] *
                              static_cast<uint64_t>(SessionCount(a));
    if (lhs != rhs) return lhs > rhs;
    return popularity_->MorePopular(a, b);
  };
  const size_t keep =
      std::min(touched.size(), static_cast<size_t>(max_neighbors_));
  std::partial_sort(touched.begin(), touched.begin() + keep, touched.end(),
                    more_similar);
  std::vector<ItemIdx> neighbors(touched.begin(), touched.begin() + keep);
  for (ItemIdx other : touched) common[other] = 0;
  return neighbors;
}

const std::vector<ItemIdx>& ItemKnnBaseline::Neighbors(ItemIdx item) const {
  std::call_once(computed_[item],
                 [&] { neighbors_[item] = ComputeNeighbors(item); });
  return neighbors_[item];
}

std::vector<ItemIdx> ItemKnnBaseline::Recommend(
    absl::Span<const ItemIdx> prefix, int count) const {
  std::vector<ItemIdx> list;
  list.reserve(count);
  if (!prefix.empty()) {
    const ItemIdx last = prefix.back();
    if (last >= 0 && static_cast<size_t>(last) < popularity_->num_items()) {
      for (ItemIdx neighbor : Neighbors(last)) {
        if (static_cast<int>(list.size()) >= count) break;
        list.push_back(neighbor);
      }
    }
  }
  FillWithPopular(*popularity_, count, &list);
  return list;
}

std::vector<std::vector<ItemIdx>> RecommendAll(const Baseline& baseline,
                                               absl::Span<const TestCase> cases,
                                               int count, int threads) {
  std::vector<std::vector<ItemIdx>> lists(cases.size());
  constexpr size_t kChunk = 256;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (;;) {
      const size_t begin = next.fetch_add(kChunk);
      if (begin >= cases.size()) return;
      const size_t end = std::min(cases.size(), begin + kChunk);
      for (size_t i = begin; i < end; ++i) {
        lists[i] = baseline.Recommend(cases[i].prefix, count);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return lists;
}

}  // namespace ranker::eval
