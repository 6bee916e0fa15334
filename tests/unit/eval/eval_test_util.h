// Helpers for the evaluator's tests: a scratch directory of small hand-made
// dataset files, and readable item lists.
#ifndef RANKER_TESTS_UNIT_EVAL_EVAL_TEST_UTIL_H_
#define RANKER_TESTS_UNIT_EVAL_EVAL_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "client/eval/dataset.h"
#include "gtest/gtest.h"

namespace ranker::eval::test {

// A fresh directory under the test temp dir, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "/ranker_eval_test_XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }

  // Writes `content` to <dir>/<name> and returns the file's path.
  std::string Write(const std::string& name, const std::string& content) const {
    const std::string file = path_ + "/" + name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    EXPECT_TRUE(out.good()) << "cannot write " << file;
    return file;
  }

 private:
  std::string path_;
};

// The ids of `items` joined by spaces, e.g. "a b c".
inline std::string Ids(const Dataset& dataset,
                       const std::vector<ItemIdx>& items) {
  std::vector<std::string> ids;
  for (ItemIdx item : items) {
    ids.push_back(item == kNoItem ? "<none>" : dataset.items[item].id);
  }
  return absl::StrJoin(ids, " ");
}

// A session's events as "id:kind ...", e.g. "a:click b:add_to_cart".
inline std::string Events(const Dataset& dataset, const Session& session) {
  std::vector<std::string> parts;
  for (const SessionEvent& event : session.events) {
    parts.push_back(dataset.items[event.item].id + ":" +
                    std::string(EventKindName(event.kind)));
  }
  return absl::StrJoin(parts, " ");
}

// A test case as "prefix -> label", e.g. "a b -> c".
// The message of a failed read, or a marker when it unexpectedly succeeded.
inline std::string ErrorOf(const absl::StatusOr<Dataset>& result) {
  if (result.ok()) return "<ok>";
  return result.status().ToString();
}

inline std::string Case(const Dataset& dataset, const TestCase& test_case) {
  return Ids(dataset, test_case.prefix) + " -> " +
         dataset.items[test_case.label].id;
}

// Sessions of clicks on dense items, for tests that need no ids.
inline std::vector<Session> ClickSessions(
    const std::vector<std::vector<ItemIdx>>& sessions) {
  std::vector<Session> result;
  for (const std::vector<ItemIdx>& items : sessions) {
    Session session;
    for (ItemIdx item : items) {
      session.events.push_back({.item = item, .kind = EventKind::kClick});
    }
    result.push_back(session);
  }
  return result;
}

}  // namespace ranker::eval::test

#endif  // RANKER_TESTS_UNIT_EVAL_EVAL_TEST_UTIL_H_
