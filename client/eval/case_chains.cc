#include "client/eval/case_chains.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"

namespace ranker::eval {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// The cases that share one prefix, in index order, and how many of them
// already follow another case.
struct SamePrefix {
  std::vector<size_t> cases;
  size_t claimed = 0;
};

}  // namespace

std::vector<std::vector<size_t>> ChainCases(absl::Span<const TestCase> cases) {
  absl::flat_hash_map<std::vector<ItemIdx>, SamePrefix> by_prefix;
  for (size_t i = 0; i < cases.size(); ++i) {
    by_prefix[cases[i].prefix].cases.push_back(i);
  }
  std::vector<size_t> next(cases.size(), kNone);
  std::vector<bool> has_previous(cases.size(), false);
  std::vector<ItemIdx> extended;
  for (size_t i = 0; i < cases.size(); ++i) {
    extended = cases[i].prefix;
    extended.push_back(cases[i].label);
    const auto it = by_prefix.find(extended);
    if (it == by_prefix.end()) continue;
    SamePrefix& followers = it->second;
    if (followers.claimed == followers.cases.size()) continue;
    const size_t j = followers.cases[followers.claimed++];
    next[i] = j;
    has_previous[j] = true;
  }
  // (earliest case, chain)
  std::vector<std::pair<size_t, std::vector<size_t>>> chains;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (has_previous[i]) continue;
    std::vector<size_t> chain;
    for (size_t c = i; c != kNone; c = next[c]) chain.push_back(c);
    const size_t earliest = *std::min_element(chain.begin(), chain.end());
    chains.emplace_back(earliest, std::move(chain));
  }
  std::sort(chains.begin(), chains.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<size_t>> result;
  result.reserve(chains.size());
  for (auto& [earliest, chain] : chains) result.push_back(std::move(chain));
  return result;
}

std::vector<ReplayStep> SessionReplaySteps(absl::Span<const TestCase> cases,
                                           absl::Span<const size_t> chain) {
  std::vector<ReplayStep> steps;
  size_t logged = 0;
  for (size_t c : chain) {
    const std::vector<ItemIdx>& prefix = cases[c].prefix;
    if (prefix.size() > logged) {
      steps.push_back({.kind = ReplayStep::Kind::kLogClicks,
                       .test_case = c,
                       .clicks = std::vector<ItemIdx>(prefix.begin() + logged,
                                                      prefix.end())});
      logged = prefix.size();
    }
    steps.push_back(
        {.kind = ReplayStep::Kind::kRecommend, .test_case = c, .clicks = {}});
  }
  if (!chain.empty()) {
    steps.push_back({.kind = ReplayStep::Kind::kLogClicks,
                     .test_case = chain.back(),
                     .clicks = {cases[chain.back()].label}});
  }
  return steps;
}

}  // namespace ranker::eval
