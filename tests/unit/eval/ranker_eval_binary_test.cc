// The real ranker_eval binary, end to end on a tiny generated dataset: it
// starts its own ranker_server, replays, scores and writes its JSON report.
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/unit/eval/eval_test_util.h"

namespace ranker::eval {
namespace {

using test::ScratchDir;
using ::testing::HasSubstr;

// 300 training sessions of 2..6 clicks over items p0..p59, 40 test cases,
// tags for the even items. Deterministic.
void WriteTinyDataset(const ScratchDir& dir) {
  uint32_t state = 12345;
  auto next = [&state](uint32_t n) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % n;
  };
  auto item = [](uint32_t i) { return absl::StrCat("p", i); };
  std::string train;
  for (int s = 0; s < 300; ++s) {
    std::vector<std::string> items;
    uint32_t current = next(60);
    const uint32_t length = 2 + next(5);
    for (uint32_t k = 0; k < length; ++k) {
      items.push_back(item(current));
      current = (current + 1 + next(3)) % 60;  // neighbours follow each other
    }
    absl::StrAppend(&train, absl::StrJoin(items, " "), "\n");
  }
  std::string test;
  for (int c = 0; c < 40; ++c) {
    const uint32_t first = next(60);
    absl::StrAppend(&test, item(first), " ", item((first + 1) % 60), "\t",
                    item((first + 2) % 60), "\n");
  }
  std::string tags;
  for (uint32_t i = 0; i < 60; i += 2) {
    absl::StrAppend(&tags, item(i), "\tgroup", i / 10, ",even\n");
  }
  dir.Write("train_sessions.txt", train);
  dir.Write("test_prefix_label.tsv", test);
  dir.Write("item_tags.tsv", tags);
}

struct RunResult {
  int exit_code = -1;
  std::string stdout_text;
  std::string stderr_text;
};

RunResult RunEval(const ScratchDir& dir, const std::string& flags) {
  const std::string out = dir.path() + "/stdout.txt";
  const std::string err = dir.path() + "/stderr.txt";
  const std::string command = absl::StrCat(RANKER_EVAL_BINARY, " ", flags,
                                           " >'", out, "' 2>'", err, "'");
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream out_in(out), err_in(err);
  std::stringstream out_text, err_text;
  out_text << out_in.rdbuf();
  err_text << err_in.rdbuf();
  result.stdout_text = out_text.str();
  result.stderr_text = err_text.str();
  return result;
}

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

TEST(RankerEvalBinary, FrozenRunReportsServiceAndBaselines) {
  ScratchDir dir;
  WriteTinyDataset(dir);
  const std::string json_path = dir.path() + "/report.json";
  const RunResult run =
      RunEval(dir, absl::StrCat("--data='", dir.path(),
                                "' --max_cases=25 --concurrency=4 --json='",
                                json_path, "'"));
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  EXPECT_THAT(run.stdout_text, HasSubstr("service (frozen)"));
  EXPECT_THAT(run.stdout_text, HasSubstr("Item-KNN"));
  EXPECT_THAT(run.stdout_text, HasSubstr("RecommendProducts latency"));

  const nlohmann::json json = ReadJson(json_path);
  ASSERT_FALSE(json.is_discarded()) << "invalid JSON in " << json_path;
  EXPECT_EQ(json["flags"]["max_cases"], "25");
  EXPECT_EQ(json["flags"]["mode"], "frozen");
  EXPECT_EQ(json["flags"]["weights"], "category_max_share=1,shop_max_share=1");
  EXPECT_EQ(json["dataset"]["format"], "sessions");
  EXPECT_EQ(json["dataset"]["train_sessions"], 300);
  EXPECT_EQ(json["dataset"]["test_cases"], 40);
  EXPECT_EQ(json["dataset"]["evaluated_cases"], 25);
  EXPECT_EQ(json["dataset"]["items"], 60);
  ASSERT_EQ(json["results"].size(), 4u);
  const std::vector<std::string> names = {"service (frozen)", "POP", "S-POP",
                                          "Item-KNN"};
  for (size_t i = 0; i < names.size(); ++i) {
    const nlohmann::json& result = json["results"][i];
    EXPECT_EQ(result["name"], names[i]);
    EXPECT_EQ(result["cases"], 25);
    for (const char* key :
         {"hr@5", "hr@10", "hr@20", "mrr@5", "mrr@10", "mrr@20", "ndcg@5",
          "ndcg@10", "ndcg@20", "coverage@20", "mean_popularity_percentile"}) {
      EXPECT_TRUE(result.contains(key)) << names[i] << " lacks " << key;
    }
  }
  // Baselines fill every list: 25 cases × 20 slots.
  EXPECT_EQ(json["results"][1]["slots"], 500);
  EXPECT_EQ(json["latency_ms"]["recommend_products"]["calls"], 25);
  EXPECT_EQ(json["service_checks"]["unknown_items"], 0);
  EXPECT_EQ(json["service_checks"]["duplicate_items"], 0);
  for (const char* phase : {"load", "server_start", "upsert", "replay", "score",
                            "server_stop", "baselines", "total"}) {
    EXPECT_TRUE(json["phases_s"].contains(phase)) << phase;
  }
  EXPECT_GE(json["machine"]["nproc"].get<int>(), 1);
}

TEST(RankerEvalBinary, StreamingRunReplaysSessionsClickByClick) {
  ScratchDir dir;
  WriteTinyDataset(dir);
  const std::string json_path = dir.path() + "/report.json";
  const RunResult run = RunEval(
      dir, absl::StrCat("--data='", dir.path(),
                        "' --mode=streaming --split=validation --max_cases=10 "
                        "--baselines=false --json='",
                        json_path, "'"));
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  const nlohmann::json json = ReadJson(json_path);
  ASSERT_FALSE(json.is_discarded());
  EXPECT_EQ(json["dataset"]["split"], "validation");
  EXPECT_EQ(json["dataset"]["train_sessions"], 270);  // 90% of 300
  EXPECT_EQ(json["dataset"]["evaluated_cases"], 10);
  ASSERT_EQ(json["results"].size(), 1u);
  EXPECT_EQ(json["results"][0]["name"], "service (streaming)");
  EXPECT_EQ(json["latency_ms"]["recommend_products"]["calls"], 10);
  // Each session's clicks are logged one call per case, plus its last click.
  const int sessions = json["streaming_sessions"].get<int>();
  EXPECT_GE(sessions, 1);
  EXPECT_LE(sessions, 10);
  EXPECT_EQ(json["latency_ms"]["log_event"]["calls"], 10 + sessions);
}

TEST(RankerEvalBinary, MissingDataFailsWithTheFileName) {
  ScratchDir dir;
  const RunResult run =
      RunEval(dir, absl::StrCat("--data='", dir.path(), "/nothing'"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.stderr_text, HasSubstr("nothing/train_sessions.txt"));
}

TEST(RankerEvalBinary, BadFlagValueFailsBeforeReading) {
  ScratchDir dir;
  const RunResult run =
      RunEval(dir, absl::StrCat("--data='", dir.path(), "' --mode=replay"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.stderr_text, HasSubstr("--mode: 'replay'"));
}

}  // namespace
}  // namespace ranker::eval
