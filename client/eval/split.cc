#include "client/eval/split.h"

#include <utility>

namespace ranker::eval {

std::vector<bool> ItemsSeenIn(const std::vector<Session>& sessions,
                              size_t num_items) {
  std::vector<bool> known(num_items, false);
  for (const Session& session : sessions) {
    for (const SessionEvent& event : session.events) known[event.item] = true;
  }
  return known;
}

void AppendNextItemCases(absl::Span<const ItemIdx> clicks,
                         const std::vector<bool>& known,
                         std::vector<TestCase>* cases) {
  std::vector<ItemIdx> kept;
  kept.reserve(clicks.size());
  for (ItemIdx item : clicks) {
    if (item >= 0 && static_cast<size_t>(item) < known.size() && known[item]) {
      kept.push_back(item);
    }
  }
  for (size_t length = 1; length < kept.size(); ++length) {
    TestCase test_case;
    test_case.prefix.assign(kept.begin(), kept.begin() + length);
    test_case.label = kept[length];
    cases->push_back(std::move(test_case));
  }
}

Dataset ValidationSplit(const Dataset& full) {
  Dataset split;
  split.format = full.format;
  split.items = full.items;
  const size_t train_sessions = full.train.size() * 9 / 10;
  split.train.assign(full.train.begin(), full.train.begin() + train_sessions);
  const std::vector<bool> known = ItemsSeenIn(split.train, split.items.size());
  for (size_t i = train_sessions; i < full.train.size(); ++i) {
    AppendNextItemCases(ClickSequence(full.train[i]), known, &split.test);
  }
  return split;
}

}  // namespace ranker::eval
