#include "client/eval/sessions_reader.h"

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/eval/line_reader.h"
#include "core/limits.h"
#include "spdlog/spdlog.h"

namespace ranker::eval {
namespace {

// Splits on spaces (runs of them count as one). Any other whitespace or
// control character ends up inside an id and is rejected by ValidateItemId.
std::vector<absl::string_view> SplitItems(absl::string_view text) {
  return absl::StrSplit(text, ' ', absl::SkipEmpty());
}

// Interns every id of `ids` into `table`, appending the indices to `out`.
absl::Status InternAll(const std::vector<absl::string_view>& ids,
                       const LineReader& reader, ItemTable& table,
                       std::vector<ItemIdx>* out) {
  for (absl::string_view id : ids) {
    if (absl::Status s = ValidateItemId(id); !s.ok()) {
      return reader.Error(s.message());
    }
    out->push_back(table.Intern(id));
  }
  return absl::OkStatus();
}

absl::Status ReadTrain(const std::string& path, ItemTable& table,
                       Dataset& dataset) {
  absl::StatusOr<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  absl::string_view line;
  std::vector<ItemIdx> items;
  while ((*reader)->Next(&line)) {
    const std::vector<absl::string_view> ids = SplitItems(line);
    if (ids.empty()) continue;
    items.clear();
    if (absl::Status s = InternAll(ids, **reader, table, &items); !s.ok()) {
      return s;
    }
    Session session;
    session.events.reserve(items.size());
    for (ItemIdx item : items) {
      session.events.push_back({.item = item, .kind = EventKind::kClick});
    }
    dataset.train.push_back(std::move(session));
  }
  if ((*reader)->failed()) return absl::DataLossError("cannot read " + path);
  return absl::OkStatus();
}

absl::Status ReadTest(const std::string& path, ItemTable& table,
                      Dataset& dataset) {
  absl::StatusOr<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  absl::string_view line;
  while ((*reader)->Next(&line)) {
    if (line.empty()) continue;
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 2) {
      return (*reader)->Error(absl::StrCat("expected 'prefix<TAB>label', got ",
                                           fields.size(), " field(s)"));
    }
    const std::vector<absl::string_view> prefix = SplitItems(fields[0]);
    const std::vector<absl::string_view> label = SplitItems(fields[1]);
    if (prefix.empty()) return (*reader)->Error("empty prefix");
    if (label.size() != 1) {
      return (*reader)->Error(
          absl::StrCat("expected one label item, got ", label.size()));
    }
    TestCase test_case;
    if (absl::Status s = InternAll(prefix, **reader, table, &test_case.prefix);
        !s.ok()) {
      return s;
    }
    std::vector<ItemIdx> label_item;
    if (absl::Status s = InternAll(label, **reader, table, &label_item);
        !s.ok()) {
      return s;
    }
    test_case.label = label_item[0];
    dataset.test.push_back(std::move(test_case));
  }
  if ((*reader)->failed()) return absl::DataLossError("cannot read " + path);
  return absl::OkStatus();
}

absl::Status ReadTags(const std::string& path, const ItemTable& table,
                      Dataset& dataset) {
  absl::StatusOr<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  absl::string_view line;
  absl::flat_hash_set<ItemIdx> seen;
  size_t truncated = 0;
  while ((*reader)->Next(&line)) {
    if (line.empty()) continue;
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 2) {
      return (*reader)->Error(absl::StrCat(
          "expected 'item<TAB>tag,tag,...', got ", fields.size(), " field(s)"));
    }
    if (absl::Status s = ValidateItemId(fields[0]); !s.ok()) {
      return (*reader)->Error(s.message());
    }
    const ItemIdx item = table.Find(fields[0]);
    if (item != kNoItem && !seen.insert(item).second) {
      return (*reader)->Error(
          absl::StrCat("item '", fields[0], "' is listed twice"));
    }
    std::vector<std::string> tags;
    absl::flat_hash_set<absl::string_view> unique;
    for (absl::string_view tag :
         absl::StrSplit(fields[1], ',', absl::SkipEmpty())) {
      if (tag.size() > limits::kMaxTagBytes) {
        return (*reader)->Error(absl::StrCat("tag '", tag.substr(0, 32),
                                             "...' is longer than ",
                                             limits::kMaxTagBytes, " bytes"));
      }
      for (unsigned char c : tag) {
        if (c < 0x20 || c == 0x7f) {
          return (*reader)->Error("tag contains a control character");
        }
      }
      if (!unique.insert(tag).second) continue;
      if (tags.size() == limits::kMaxTagsPerProduct) {
        ++truncated;
        break;
      }
      tags.emplace_back(tag);
    }
    if (item != kNoItem) dataset.items[item].tags = std::move(tags);
  }
  if ((*reader)->failed()) return absl::DataLossError("cannot read " + path);
  if (truncated > 0) {
    spdlog::warn("{}: {} items have more than {} tags; the first {} are kept",
                 path, truncated, limits::kMaxTagsPerProduct,
                 limits::kMaxTagsPerProduct);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Dataset> ReadSessionsDataset(const std::string& dir) {
  const std::filesystem::path root(dir);
  Dataset dataset;
  dataset.format = "sessions";
  ItemTable table(&dataset.items);
  if (absl::Status s =
          ReadTrain((root / "train_sessions.txt").string(), table, dataset);
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          ReadTest((root / "test_prefix_label.tsv").string(), table, dataset);
      !s.ok()) {
    return s;
  }
  const std::filesystem::path tags = root / "item_tags.tsv";
  if (std::filesystem::exists(tags)) {
    if (absl::Status s = ReadTags(tags.string(), table, dataset); !s.ok()) {
      return s;
    }
  }
  return dataset;
}

}  // namespace ranker::eval
