#include "client/eval/case_chains.h"

#include <filesystem>
#include <string>
#include <vector>

#include "client/eval/sessions_reader.h"
#include "gtest/gtest.h"

namespace ranker::eval {
namespace {

using Chains = std::vector<std::vector<size_t>>;

TEST(ChainCases, RecoversSessionsListedLongestPrefixFirst) {
  // As the Diginetica test file lists them: session 1 2 3 4, then 7 8 9.
  const std::vector<TestCase> cases = {
      {.prefix = {1, 2, 3}, .label = 4},  // 0
      {.prefix = {1, 2}, .label = 3},     // 1
      {.prefix = {1}, .label = 2},        // 2
      {.prefix = {7, 8}, .label = 9},     // 3
      {.prefix = {7}, .label = 8},        // 4
  };
  EXPECT_EQ(ChainCases(cases), (Chains{{2, 1, 0}, {4, 3}}));
}

TEST(ChainCases, ACaseWithoutItsShorterPrefixStartsAChain) {
  // --max_cases may cut a session: its longest cases remain.
  const std::vector<TestCase> cases = {
      {.prefix = {5, 6}, .label = 7},     // 0
      {.prefix = {1, 2, 3}, .label = 4},  // 1
      {.prefix = {1, 2}, .label = 3},     // 2
  };
  EXPECT_EQ(ChainCases(cases), (Chains{{0}, {2, 1}}));
}

TEST(ChainCases, SameLabelButOtherPrefixDoesNotChain) {
  const std::vector<TestCase> cases = {
      {.prefix = {1}, .label = 2},
      {.prefix = {3, 2}, .label = 4},  // does not start with 1
  };
  EXPECT_EQ(ChainCases(cases), (Chains{{0}, {1}}));
}

TEST(ChainCases, IdenticalPrefixesFromTwoSessionsGiveTwoChains) {
  // Sessions 1 2 3 and 1 2 5: both have the case [1] → 2.
  const std::vector<TestCase> cases = {
      {.prefix = {1, 2}, .label = 3},  // 0
      {.prefix = {1}, .label = 2},     // 1
      {.prefix = {1, 2}, .label = 5},  // 2
      {.prefix = {1}, .label = 2},     // 3
  };
  EXPECT_EQ(ChainCases(cases), (Chains{{1, 0}, {3, 2}}));
}

TEST(ChainCases, RepeatedItemsChainToo) {
  const std::vector<TestCase> cases = {
      {.prefix = {4}, .label = 4},
      {.prefix = {4, 4}, .label = 4},
  };
  EXPECT_EQ(ChainCases(cases), (Chains{{0, 1}}));
}

TEST(ChainCases, NoCasesNoChains) { EXPECT_TRUE(ChainCases({}).empty()); }

using Kind = ReplayStep::Kind;

TEST(SessionReplaySteps, LogsEachClickOnceBeforeTheCasesThatSeeIt) {
  const std::vector<TestCase> cases = {
      {.prefix = {1, 2, 3}, .label = 4},  // 0
      {.prefix = {1, 2}, .label = 3},     // 1
      {.prefix = {1}, .label = 2},        // 2
  };
  const std::vector<ReplayStep> steps =
      SessionReplaySteps(cases, std::vector<size_t>{2, 1, 0});
  ASSERT_EQ(steps.size(), 7u);
  const std::vector<Kind> kinds = {
      Kind::kLogClicks, Kind::kRecommend, Kind::kLogClicks, Kind::kRecommend,
      Kind::kLogClicks, Kind::kRecommend, Kind::kLogClicks};
  const std::vector<size_t> owners = {2, 2, 1, 1, 0, 0, 0};
  const std::vector<std::vector<ItemIdx>> clicks = {{1}, {}, {2}, {},
                                                    {3}, {}, {4}};
  for (size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].kind, kinds[i]) << i;
    EXPECT_EQ(steps[i].test_case, owners[i]) << i;
    EXPECT_EQ(steps[i].clicks, clicks[i]) << i;
  }
}

TEST(SessionReplaySteps, AChainStartingLateLogsItsWholeFirstPrefix) {
  const std::vector<TestCase> cases = {{.prefix = {5, 6, 7}, .label = 8}};
  const std::vector<ReplayStep> steps =
      SessionReplaySteps(cases, std::vector<size_t>{0});
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].clicks, (std::vector<ItemIdx>{5, 6, 7}));
  EXPECT_EQ(steps[1].kind, Kind::kRecommend);
  EXPECT_EQ(steps[2].clicks, (std::vector<ItemIdx>{8}));
}

// The property the streaming protocol rests on: when a case is scored, the
// session has logged exactly the case's prefix — on the real test file when
// it is there.
TEST(SessionReplaySteps, EveryCaseSeesExactlyItsPrefixOnDiginetica) {
  const std::string dir =
      std::string(RANKER_SOURCE_DIR) + "/../shared/data/diginetica";
  if (!std::filesystem::exists(dir + "/test_prefix_label.tsv")) {
    GTEST_SKIP() << dir << " is absent";
  }
  const absl::StatusOr<Dataset> dataset = ReadSessionsDataset(dir);
  ASSERT_TRUE(dataset.ok()) << dataset.status();
  const std::vector<TestCase>& cases = dataset->test;
  const std::vector<std::vector<size_t>> chains = ChainCases(cases);
  size_t scored = 0;
  for (const std::vector<size_t>& chain : chains) {
    std::vector<ItemIdx> logged;
    for (const ReplayStep& step : SessionReplaySteps(cases, chain)) {
      if (step.kind == Kind::kLogClicks) {
        logged.insert(logged.end(), step.clicks.begin(), step.clicks.end());
      } else {
        ASSERT_EQ(logged, cases[step.test_case].prefix) << step.test_case;
        ++scored;
      }
    }
  }
  EXPECT_EQ(scored, cases.size());
  // Sessions, not cases: most cases extend another one.
  EXPECT_LT(chains.size(), cases.size() / 3);
}

}  // namespace
}  // namespace ranker::eval
