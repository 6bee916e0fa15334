#include "client/eval/retailrocket_reader.h"

#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/eval/line_reader.h"
#include "client/eval/split.h"
#include "client/eval/typed_log.h"

namespace ranker::eval {
namespace {

// The test file's header, which names the columns correctly, and the
// training file's, which swaps the names of the 4th and 6th.
constexpr absl::string_view kHeader =
    "Time\tUserId\tType\tItemId\tSessionId\tCatId";
constexpr absl::string_view kSwappedHeader =
    "Time\tUserId\tType\tCatId\tSessionId\tItemId";

absl::StatusOr<EventKind> ParseType(absl::string_view type) {
  if (type == "view") return EventKind::kClick;
  if (type == "addtocart") return EventKind::kAddToCart;
  if (type == "transaction") return EventKind::kPurchase;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown event type '", type, "' (view|addtocart|transaction)"));
}

absl::Status ReadFile(const std::string& path, ItemTable& table,
                      std::vector<Item>& items, std::vector<LogRow>* rows) {
  absl::StatusOr<std::unique_ptr<LineReader>> opened = LineReader::Open(path);
  if (!opened.ok()) return opened.status();
  LineReader& reader = **opened;
  absl::string_view line;
  if (!reader.Next(&line)) return reader.Error("empty file, expected a header");
  if (line != kHeader && line != kSwappedHeader) {
    return reader.Error(absl::StrCat("unexpected header '", line,
                                     "', expected '", kHeader,
                                     "' (or with CatId and ItemId "
                                     "swapped)"));
  }
  while (reader.Next(&line)) {
    if (line.empty()) continue;
    const std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    if (f.size() != 6) {
      return reader.Error(
          absl::StrCat("expected 6 tab-separated fields, got ", f.size()));
    }
    LogRow row;
    if (!ParseInt64(f[0], &row.time)) {
      return reader.Error(absl::StrCat("bad Time '", f[0], "'"));
    }
    absl::StatusOr<EventKind> kind = ParseType(f[2]);
    if (!kind.ok()) return reader.Error(kind.status().message());
    row.kind = *kind;
    if (absl::Status s = ValidateItemId(f[3]); !s.ok()) {
      return reader.Error(s.message());
    }
    if (f[4].empty()) return reader.Error("empty SessionId");
    row.session = std::string(f[4]);
    row.item = table.Intern(f[3]);
    if (absl::Status s = SetCategory(f[5], items[row.item]); !s.ok()) {
      return reader.Error(s.message());
    }
    rows->push_back(std::move(row));
  }
  if (reader.failed()) return absl::DataLossError("cannot read " + path);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Dataset> ReadRetailRocketDataset(const std::string& dir) {
  const std::filesystem::path root(dir);
  Dataset dataset;
  dataset.format = "retailrocket";
  ItemTable table(&dataset.items);

  std::vector<LogRow> train_rows;
  if (absl::Status s =
          ReadFile((root / "retailrocket_train_valid.txt").string(), table,
                   dataset.items, &train_rows);
      !s.ok()) {
    return s;
  }
  std::vector<LogRow> test_rows;
  if (absl::Status s = ReadFile((root / "retailrocket_test.txt").string(),
                                table, dataset.items, &test_rows);
      !s.ok()) {
    return s;
  }

  absl::flat_hash_set<std::string> train_keys;
  for (KeyedSession& keyed : GroupIntoSessions(train_rows)) {
    train_keys.insert(keyed.key);
    dataset.train.push_back(std::move(keyed.session));
  }
  const std::vector<bool> known =
      ItemsSeenIn(dataset.train, dataset.items.size());
  for (const KeyedSession& keyed : GroupIntoSessions(test_rows)) {
    if (train_keys.contains(keyed.key)) continue;
    AppendNextItemCases(ClickSequence(keyed.session), known, &dataset.test);
  }
  return dataset;
}

}  // namespace ranker::eval
