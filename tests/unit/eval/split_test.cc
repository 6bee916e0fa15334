#include "client/eval/split.h"

#include <vector>

#include "gtest/gtest.h"
#include "tests/unit/eval/eval_test_util.h"

namespace ranker::eval {
namespace {

using test::ClickSessions;

std::vector<std::vector<ItemIdx>> Prefixes(const std::vector<TestCase>& cases) {
  std::vector<std::vector<ItemIdx>> prefixes;
  for (const TestCase& test_case : cases) prefixes.push_back(test_case.prefix);
  return prefixes;
}

std::vector<ItemIdx> Labels(const std::vector<TestCase>& cases) {
  std::vector<ItemIdx> labels;
  for (const TestCase& test_case : cases) labels.push_back(test_case.label);
  return labels;
}

TEST(AppendNextItemCases, EveryPrefixPredictsTheNextClick) {
  std::vector<TestCase> cases;
  AppendNextItemCases(std::vector<ItemIdx>{3, 1, 3, 2},
                      std::vector<bool>(4, true), &cases);
  EXPECT_EQ(Prefixes(cases),
            (std::vector<std::vector<ItemIdx>>{{3}, {3, 1}, {3, 1, 3}}));
  EXPECT_EQ(Labels(cases), (std::vector<ItemIdx>{1, 3, 2}));
}

TEST(AppendNextItemCases, DropsUnknownItemsBeforeExpanding) {
  std::vector<TestCase> cases;
  const std::vector<bool> known = {true, true, false, true};
  AppendNextItemCases(std::vector<ItemIdx>{0, 2, 1, 2, 3}, known, &cases);
  EXPECT_EQ(Prefixes(cases), (std::vector<std::vector<ItemIdx>>{{0}, {0, 1}}));
  EXPECT_EQ(Labels(cases), (std::vector<ItemIdx>{1, 3}));
}

TEST(AppendNextItemCases, FewerThanTwoKnownClicksGiveNoCase) {
  std::vector<TestCase> cases;
  AppendNextItemCases(std::vector<ItemIdx>{0, 2}, {true, true, false}, &cases);
  AppendNextItemCases(std::vector<ItemIdx>{}, {true}, &cases);
  EXPECT_TRUE(cases.empty());
}

TEST(ClickSequence, KeepsOnlyClicks) {
  Session session;
  session.events = {{.item = 4, .kind = EventKind::kClick},
                    {.item = 4, .kind = EventKind::kAddToCart},
                    {.item = 5, .kind = EventKind::kClick},
                    {.item = 5, .kind = EventKind::kPurchase},
                    {.item = 6, .kind = EventKind::kFavorite}};
  EXPECT_EQ(ClickSequence(session), (std::vector<ItemIdx>{4, 5}));
}

TEST(ValidationSplit, TrainsOnTheFirstNinetyPercentAndTestsOnTheRest) {
  Dataset full;
  full.format = "sessions";
  for (int i = 0; i < 7; ++i)
    full.items.push_back({.id = std::to_string(i), .category = "", .tags = {}});
  // 10 sessions: the first 9 train, the 10th becomes test cases. Item 5
  // appears only in the 10th session; item 6 only in the test file.
  full.train = ClickSessions({{0, 1},
                              {1, 2},
                              {2, 3},
                              {3, 4},
                              {0, 1},
                              {1, 2},
                              {2, 3},
                              {3, 4},
                              {0, 4},
                              {0, 5, 1, 5, 2}});
  full.test = {{.prefix = {6}, .label = 0}};

  const Dataset split = ValidationSplit(full);
  EXPECT_EQ(split.format, "sessions");
  EXPECT_EQ(split.items.size(), 7u);
  ASSERT_EQ(split.train.size(), 9u);
  EXPECT_EQ(split.train[8].events[1].item, 4);
  // 0 5 1 5 2 without 5 (unknown to the first 9 sessions): 0 1 2.
  EXPECT_EQ(Prefixes(split.test),
            (std::vector<std::vector<ItemIdx>>{{0}, {0, 1}}));
  EXPECT_EQ(Labels(split.test), (std::vector<ItemIdx>{1, 2}));
}

TEST(ValidationSplit, RoundsTheTrainingPartDown) {
  Dataset full;
  for (int i = 0; i < 3; ++i)
    full.items.push_back({.id = std::to_string(i), .category = "", .tags = {}});
  // floor(0.9 * 4) = 3 training sessions, the 4th is test.
  full.train = ClickSessions({{0, 1}, {1, 2}, {0, 2}, {2, 1, 0}});
  const Dataset split = ValidationSplit(full);
  EXPECT_EQ(split.train.size(), 3u);
  EXPECT_EQ(Labels(split.test), (std::vector<ItemIdx>{1, 0}));
}

}  // namespace
}  // namespace ranker::eval
