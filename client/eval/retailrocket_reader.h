// RetailRocket events as the session-rec slices ship them, read from one
// directory:
//
//   retailrocket_train_valid.txt   training events
//   retailrocket_test.txt          test events (a window one day later that
//                                  overlaps the training one)
//
// Both are tab-separated with a header line, and in both the columns are, by
// position: Time (seconds), UserId, Type, ItemId, SessionId, CatId. The
// training file's header names the 4th column "CatId" and the 6th "ItemId":
// the names are swapped, the values are not (the 4th column holds ~13k
// distinct ids up to 466,847 — items — and the 6th ~700 distinct ids up to
// 1,694 — categories — exactly as in the test file). So columns are read by
// position, and only these two header lines are accepted.
//
// Types: view → click, addtocart → add-to-cart, transaction → purchase.
// Training sessions: the training file grouped by SessionId, in time order.
// Test cases: the sessions of the test file whose SessionId does not occur in
// the training file (the others were already replayed); each one's clicks
// (views) become next-item cases through AppendNextItemCases, restricted to
// items with a training event. Categories become the tag "cat:<CatId>" and
// the category path [<CatId>].
#ifndef RANKER_CLIENT_EVAL_RETAILROCKET_READER_H_
#define RANKER_CLIENT_EVAL_RETAILROCKET_READER_H_

#include <string>

#include "absl/status/statusor.h"
#include "client/eval/dataset.h"

namespace ranker::eval {

absl::StatusOr<Dataset> ReadRetailRocketDataset(const std::string& dir);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_RETAILROCKET_READER_H_
