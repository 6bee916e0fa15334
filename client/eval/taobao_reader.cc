#include "client/eval/taobao_reader.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/eval/line_reader.h"
#include "client/eval/split.h"
#include "client/eval/typed_log.h"
#include "spdlog/spdlog.h"

namespace ranker::eval {
namespace {

absl::StatusOr<EventKind> ParseBehavior(absl::string_view behavior) {
  if (behavior == "pv") return EventKind::kClick;
  if (behavior == "cart") return EventKind::kAddToCart;
  if (behavior == "buy") return EventKind::kPurchase;
  if (behavior == "fav") return EventKind::kFavorite;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown behavior_type '", behavior, "' (pv|cart|buy|fav)"));
}

}  // namespace

absl::StatusOr<Dataset> ReadTaobaoDataset(const std::string& path) {
  if (std::filesystem::is_directory(path)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--format=taobao reads one CSV file; ", path, " is a directory"));
  }
  absl::StatusOr<std::unique_ptr<LineReader>> opened = LineReader::Open(path);
  if (!opened.ok()) return opened.status();
  LineReader& reader = **opened;

  Dataset dataset;
  dataset.format = "taobao";
  ItemTable table(&dataset.items);
  std::vector<LogRow> rows;
  size_t outside_period = 0;
  absl::string_view line;
  while (reader.Next(&line)) {
    if (line.empty()) continue;
    const std::vector<absl::string_view> f = absl::StrSplit(line, ',');
    if (f.size() != 5) {
      return reader.Error(absl::StrCat(
          "expected 5 comma-separated fields "
          "(user_id,item_id,category_id,behavior_type,timestamp), got ",
          f.size()));
    }
    LogRow row;
    if (f[0].empty()) return reader.Error("empty user_id");
    if (!ParseInt64(f[4], &row.time)) {
      return reader.Error(absl::StrCat("bad timestamp '", f[4], "'"));
    }
    absl::StatusOr<EventKind> kind = ParseBehavior(f[3]);
    if (!kind.ok()) return reader.Error(kind.status().message());
    if (absl::Status s = ValidateItemId(f[1]); !s.ok()) {
      return reader.Error(s.message());
    }
    if (row.time < kTaobaoPeriodBegin || row.time >= kTaobaoPeriodEnd) {
      ++outside_period;
      continue;
    }
    row.kind = *kind;
    row.session = std::string(f[0]);
    row.item = table.Intern(f[1]);
    if (absl::Status s = SetCategory(f[2], dataset.items[row.item]); !s.ok()) {
      return reader.Error(s.message());
    }
    rows.push_back(std::move(row));
  }
  if (reader.failed()) return absl::DataLossError("cannot read " + path);
  if (outside_period > 0) {
    spdlog::warn("{}: {} rows outside 2017-11-25..2017-12-03 dropped", path,
                 outside_period);
  }
  if (rows.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": no events"));
  }

  int64_t t_min = std::numeric_limits<int64_t>::max();
  int64_t t_max = std::numeric_limits<int64_t>::min();
  for (const LogRow& row : rows) {
    t_min = std::min(t_min, row.time);
    t_max = std::max(t_max, row.time);
  }
  const int64_t t_cut = t_min + (t_max - t_min) * 9 / 10;
  std::vector<LogRow> train_rows;
  std::vector<LogRow> test_rows;
  for (LogRow& row : rows) {
    (row.time <= t_cut ? train_rows : test_rows).push_back(std::move(row));
  }
  for (KeyedSession& keyed : GroupIntoSessions(train_rows)) {
    dataset.train.push_back(std::move(keyed.session));
  }
  const std::vector<bool> known =
      ItemsSeenIn(dataset.train, dataset.items.size());
  for (const KeyedSession& keyed : GroupIntoSessions(test_rows)) {
    AppendNextItemCases(ClickSequence(keyed.session), known, &dataset.test);
  }
  return dataset;
}

}  // namespace ranker::eval
