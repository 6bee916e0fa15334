#include "client/eval/dataset.h"

#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/limits.h"

namespace ranker::eval {

absl::string_view EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kClick:
      return "click";
    case EventKind::kAddToCart:
      return "add_to_cart";
    case EventKind::kPurchase:
      return "purchase";
    case EventKind::kFavorite:
      return "favorite";
  }
  return "unknown";
}

std::vector<ItemIdx> ClickSequence(const Session& session) {
  std::vector<ItemIdx> clicks;
  clicks.reserve(session.events.size());
  for (const SessionEvent& event : session.events) {
    if (event.kind == EventKind::kClick) clicks.push_back(event.item);
  }
  return clicks;
}

ItemTable::ItemTable(std::vector<Item>* items) : items_(items) {
  for (size_t i = 0; i < items_->size(); ++i) {
    index_.emplace((*items_)[i].id, static_cast<ItemIdx>(i));
  }
}

ItemIdx ItemTable::Intern(absl::string_view id) {
  auto [it, inserted] =
      index_.try_emplace(id, static_cast<ItemIdx>(items_->size()));
  if (inserted) {
    Item item;
    item.id = std::string(id);
    items_->push_back(std::move(item));
  }
  return it->second;
}

ItemIdx ItemTable::Find(absl::string_view id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? kNoItem : it->second;
}

absl::Status ValidateItemId(absl::string_view id) {
  if (id.empty()) return absl::InvalidArgumentError("empty item id");
  if (id.size() > limits::kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("item id '", id.substr(0, 32), "...' is longer than ",
                     limits::kMaxIdBytes, " bytes"));
  }
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError(absl::StrCat(
          "item id '", absl::CEscape(id), "' contains a control character"));
    }
  }
  return absl::OkStatus();
}

size_t CountTrainEvents(const Dataset& dataset) {
  size_t events = 0;
  for (const Session& session : dataset.train) events += session.events.size();
  return events;
}

}  // namespace ranker::eval
