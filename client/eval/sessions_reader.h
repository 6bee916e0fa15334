// The session benchmark format (as the SR-GNN preprocessing of DIGINETICA
// leaves it), read from one directory:
//
//   train_sessions.txt     one training session per line: item ids separated
//                          by spaces, in click order. Blank lines are skipped.
//   test_prefix_label.tsv  one test case per line: "prefix<TAB>label", the
//                          prefix being space-separated item ids.
//   item_tags.tsv          optional: "item<TAB>tag,tag,..." — the item's
//                          product tags (duplicates dropped, at most 64 kept).
//                          Lines for items in neither file are ignored.
//
// Every event is a click. Item ids must be valid product ids (1..128 bytes,
// no control characters). Any malformed line fails the read with
// INVALID_ARGUMENT "<file>:<line>: <problem>".
#ifndef RANKER_CLIENT_EVAL_SESSIONS_READER_H_
#define RANKER_CLIENT_EVAL_SESSIONS_READER_H_

#include <string>

#include "absl/status/statusor.h"
#include "client/eval/dataset.h"

namespace ranker::eval {

absl::StatusOr<Dataset> ReadSessionsDataset(const std::string& dir);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_SESSIONS_READER_H_
