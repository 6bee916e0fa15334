// Three reference methods computed in-process, without the server, on the
// same cases — so anyone can check the protocol against published figures:
//
//   POP       the most popular training items (training event counts).
//   S-POP     the items of the prefix by how often the prefix has them, ties
//             by global popularity; the rest of the list filled with POP.
//   Item-KNN  the items most similar to the last prefix item, similarity the
//             cosine between the items' sets of training sessions,
//             sim(i, j) = |S_i ∩ S_j| / sqrt(|S_i| |S_j|); ties by global
//             popularity; the rest of the list filled with POP.
//
// Only training items (with at least one training event) are ranked, every
// one of them can be, and a list never holds an item twice. Every remaining
// tie is broken by ItemPopularity::MorePopular, so results are deterministic.
#ifndef RANKER_CLIENT_EVAL_BASELINES_H_
#define RANKER_CLIENT_EVAL_BASELINES_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "client/eval/dataset.h"
#include "client/eval/popularity.h"

namespace ranker::eval {

class Baseline {
 public:
  virtual ~Baseline() = default;
  // "POP", "S-POP", "Item-KNN".
  virtual absl::string_view name() const = 0;
  // The top `count` items for a session whose clicks so far are `prefix`
  // (oldest first), best first. Fewer only when there are fewer training
  // items. Thread-safe.
  virtual std::vector<ItemIdx> Recommend(absl::Span<const ItemIdx> prefix,
                                         int count) const = 0;
};

// Appends popular items not already in `list` until it holds `count`.
void FillWithPopular(const ItemPopularity& popularity, int count,
                     std::vector<ItemIdx>* list);

class PopBaseline : public Baseline {
 public:
  explicit PopBaseline(const ItemPopularity* popularity)
      : popularity_(popularity) {}
  absl::string_view name() const override { return "POP"; }
  std::vector<ItemIdx> Recommend(absl::Span<const ItemIdx> prefix,
                                 int count) const override;

 private:
  const ItemPopularity* popularity_;
};

class SPopBaseline : public Baseline {
 public:
  explicit SPopBaseline(const ItemPopularity* popularity)
      : popularity_(popularity) {}
  absl::string_view name() const override { return "S-POP"; }
  std::vector<ItemIdx> Recommend(absl::Span<const ItemIdx> prefix,
                                 int count) const override;

 private:
  const ItemPopularity* popularity_;
};

class ItemKnnBaseline : public Baseline {
 public:
  // Builds the item → sessions and session → items indexes of `train`
  // (sessions as sets: an item clicked twice in a session counts once).
  // Keeps at most `max_neighbors` neighbours per item.
  ItemKnnBaseline(const std::vector<Session>& train,
                  const ItemPopularity* popularity, int max_neighbors);
  ~ItemKnnBaseline() override;

  absl::string_view name() const override { return "Item-KNN"; }
  // Neighbors(last prefix item), then POP. A last item without training
  // sessions gives POP.
  std::vector<ItemIdx> Recommend(absl::Span<const ItemIdx> prefix,
                                 int count) const override;

  // The other training items sharing a session with `item`, most similar
  // first, at most max_neighbors. Computed on first use and cached;
  // thread-safe.
  const std::vector<ItemIdx>& Neighbors(ItemIdx item) const;

  // sim(a, b) as defined above (0 when either has no training session).
  double Similarity(ItemIdx a, ItemIdx b) const;

 private:
  std::vector<ItemIdx> ComputeNeighbors(ItemIdx item) const;
  size_t SessionCount(ItemIdx item) const {
    return item_offsets_[item + 1] - item_offsets_[item];
  }

  const ItemPopularity* popularity_;
  const int max_neighbors_;
  // Compressed rows: sessions of item i are
  // item_sessions_[item_offsets_[i] .. item_offsets_[i + 1]); likewise the
  // distinct items of session s.
  std::vector<size_t> item_offsets_;
  std::vector<int32_t> item_sessions_;
  std::vector<size_t> session_offsets_;
  std::vector<ItemIdx> session_items_;
  // The cache: one computation per item, whichever thread asks first.
  mutable std::vector<std::vector<ItemIdx>> neighbors_;
  std::unique_ptr<std::once_flag[]> computed_;
};

// Every case's list (cases[i] → result[i]), computed on `threads` threads.
std::vector<std::vector<ItemIdx>> RecommendAll(const Baseline& baseline,
                                               absl::Span<const TestCase> cases,
                                               int count, int threads);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_BASELINES_H_
