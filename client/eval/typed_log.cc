#include "client/eval/typed_log.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/limits.h"

namespace ranker::eval {
namespace {

constexpr absl::string_view kCategoryTagPrefix = "cat:";

}  // namespace

std::vector<KeyedSession> GroupIntoSessions(const std::vector<LogRow>& rows) {
  // Row indices per session, in order of first appearance.
  absl::flat_hash_map<absl::string_view, size_t> position;
  std::vector<std::vector<size_t>> members;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto [it, inserted] = position.try_emplace(rows[i].session, members.size());
    if (inserted) members.emplace_back();
    members[it->second].push_back(i);
  }
  for (std::vector<size_t>& indices : members) {
    std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
      return rows[a].time < rows[b].time;
    });
  }
  std::vector<size_t> order(members.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return rows[members[a].front()].time < rows[members[b].front()].time;
  });
  std::vector<KeyedSession> sessions;
  sessions.reserve(order.size());
  for (size_t s : order) {
    KeyedSession keyed;
    keyed.key = rows[members[s].front()].session;
    keyed.session.events.reserve(members[s].size());
    for (size_t i : members[s]) {
      keyed.session.events.push_back(
          {.item = rows[i].item, .kind = rows[i].kind});
    }
    sessions.push_back(std::move(keyed));
  }
  return sessions;
}

absl::Status SetCategory(absl::string_view category, Item& item) {
  if (category.empty()) return absl::InvalidArgumentError("empty category");
  if (category.size() + kCategoryTagPrefix.size() > limits::kMaxTagBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "category is longer than ",
        limits::kMaxTagBytes - kCategoryTagPrefix.size(), " bytes"));
  }
  for (unsigned char c : category) {
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError(
          "category contains a control character");
    }
  }
  if (!item.category.empty()) return absl::OkStatus();
  item.category = std::string(category);
  item.tags = {absl::StrCat(kCategoryTagPrefix, category)};
  return absl::OkStatus();
}

bool ParseInt64(absl::string_view text, int64_t* value) {
  return absl::SimpleAtoi(text, value) && *value >= 0;
}

}  // namespace ranker::eval
