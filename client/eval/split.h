// Turning sessions into next-item test cases, and the validation split that
// lets parameters be tuned without looking at the test file.
#ifndef RANKER_CLIENT_EVAL_SPLIT_H_
#define RANKER_CLIENT_EVAL_SPLIT_H_

#include <cstddef>
#include <vector>

#include "absl/types/span.h"
#include "client/eval/dataset.h"

namespace ranker::eval {

// known[i] is true when item i has at least one event in `sessions`.
std::vector<bool> ItemsSeenIn(const std::vector<Session>& sessions,
                              size_t num_items);

// Appends the next-item cases of one session's clicks, as the SR-GNN
// preprocessing builds the published test file: clicks on items that are not
// `known` are dropped first, then every prefix of length 1..n-1 of what is
// left predicts the click that follows it (shortest prefix first). A session
// left with fewer than 2 clicks gives no case.
void AppendNextItemCases(absl::Span<const ItemIdx> clicks,
                         const std::vector<bool>& known,
                         std::vector<TestCase>* cases);

// --split=validation: the first floor(0.9 n) training sessions train; the
// click sequences of the other sessions become the test cases (through
// AppendNextItemCases, known = the items of the training part). The item
// table is kept as is; `full.test` is not used.
Dataset ValidationSplit(const Dataset& full);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_SPLIT_H_
