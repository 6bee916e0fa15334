// Taobao UserBehavior (Alibaba Tianchi) samples: one CSV file, no header,
// columns user_id,item_id,category_id,behavior_type,timestamp (seconds).
//
// The data has no session ids and no test file, so:
// - rows outside the dataset's documented period, 2017-11-25 00:00 to
//   2017-12-04 00:00 China time ([1511539200, 1512316800)), are dropped (the
//   samples carry a few stray timestamps that would stretch the time range);
// - the time range [t_min, t_max] of the remaining rows is split at
//   t_cut = t_min + floor(0.9 (t_max - t_min)): rows at or before t_cut train,
//   later rows are the test period (the last 10% of the time range);
// - a session is one user's rows in one period, in time order (equal
//   timestamps keep file order); training sessions are ordered by their first
//   event;
// - test cases: each test session's clicks (pv) through AppendNextItemCases,
//   restricted to items with a training event.
// Behaviours: pv → click, cart → add-to-cart, buy → purchase, fav → favorite.
// Categories become the tag "cat:<category_id>" and the category path
// [<category_id>].
#ifndef RANKER_CLIENT_EVAL_TAOBAO_READER_H_
#define RANKER_CLIENT_EVAL_TAOBAO_READER_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "client/eval/dataset.h"

namespace ranker::eval {

inline constexpr int64_t kTaobaoPeriodBegin = 1511539200;  // 2017-11-25 CST
inline constexpr int64_t kTaobaoPeriodEnd = 1512316800;    // 2017-12-04 CST

// `path` is the CSV file.
absl::StatusOr<Dataset> ReadTaobaoDataset(const std::string& path);

}  // namespace ranker::eval

#endif  // RANKER_CLIENT_EVAL_TAOBAO_READER_H_
