// ranker_eval: replays a session dataset through a ranker server and measures
// next-item ranking quality the way session-recommendation papers do, next to
// three reference baselines computed in-process (docs/evaluation.md).
//
//   ranker_eval --data=../shared/data/diginetica --json=/tmp/digi.json
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/cli_parse.h"
#include "client/eval/baselines.h"
#include "client/eval/dataset.h"
#include "client/eval/metrics.h"
#include "client/eval/phase_timer.h"
#include "client/eval/popularity.h"
#include "client/eval/progress.h"
#include "client/eval/read_dataset.h"
#include "client/eval/report.h"
#include "client/eval/service_eval.h"
#include "client/eval/split.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, data, "",
          "Dataset path: a directory for --format=sessions|retailrocket, the "
          "CSV file for --format=taobao.");
ABSL_FLAG(std::string, format, "sessions",
          "Dataset format: sessions, retailrocket or taobao.");
ABSL_FLAG(std::string, json, "", "If set, write the full report as JSON here.");
ABSL_FLAG(std::string, target, "",
          "host:port of a running server. When empty, ranker_eval starts "
          "--server_binary itself (empty catalog, free port) and stops it at "
          "the end.");
ABSL_FLAG(std::string, server_binary, RANKER_EVAL_SERVER_BINARY,
          "The ranker_server to start when --target is empty.");
ABSL_FLAG(std::string, mode, "frozen",
          "frozen: the prefix is sent as context.recent_product_ids and "
          "nothing is logged (the published protocol). streaming: the prefix "
          "is logged through LogEvent first, then the list is asked for.");
ABSL_FLAG(std::string, split, "test",
          "test: train on every training session, score the test cases. "
          "validation: train on the first 90% of training sessions, score "
          "next-item cases from the last 10% (for tuning without the test "
          "set).");
ABSL_FLAG(int64_t, max_cases, 0,
          "Score only the first N test cases; 0 scores all of them.");
ABSL_FLAG(int32_t, count, 20, "Products per list, 1..200.");
ABSL_FLAG(std::string, weights, "category_max_share=1,shop_max_share=1",
          "weight_overrides sent with every request, name=value,... The "
          "default lifts the category and shop caps: benchmark items all "
          "share one category and one shop. An explicit value replaces the "
          "default entirely (pass --weights= for none).");
ABSL_FLAG(int32_t, concurrency, 8, "RecommendProducts calls in flight.");
ABSL_FLAG(int32_t, replay_inflight, 4,
          "LogEvent calls in flight while replaying training sessions.");
ABSL_FLAG(bool, baselines, true, "Also compute POP, S-POP and Item-KNN.");
ABSL_FLAG(bool, service, true,
          "Evaluate the service. --service=false computes the baselines only, "
          "without any server.");
ABSL_FLAG(bool, progress, false,
          "Draw progress on stderr even when it is not a terminal (it is "
          "drawn on a terminal anyway).");
ABSL_FLAG(int32_t, threads, 0,
          "Threads for the in-process baselines; 0 = one per CPU.");
ABSL_FLAG(absl::Duration, rpc_timeout, absl::Seconds(30),
          "Deadline of each call to the server.");
ABSL_FLAG(std::string, log_level, "info", "spdlog level.");

namespace ranker::eval {
namespace {

std::vector<std::pair<std::string, std::string>> FlagValues() {
  return {
      {"data", absl::GetFlag(FLAGS_data)},
      {"format", absl::GetFlag(FLAGS_format)},
      {"json", absl::GetFlag(FLAGS_json)},
      {"target", absl::GetFlag(FLAGS_target)},
      {"server_binary", absl::GetFlag(FLAGS_target).empty()
                            ? absl::GetFlag(FLAGS_server_binary)
                            : ""},
      {"mode", absl::GetFlag(FLAGS_mode)},
      {"split", absl::GetFlag(FLAGS_split)},
      {"max_cases", absl::StrCat(absl::GetFlag(FLAGS_max_cases))},
      {"count", absl::StrCat(absl::GetFlag(FLAGS_count))},
      {"weights", absl::GetFlag(FLAGS_weights)},
      {"concurrency", absl::StrCat(absl::GetFlag(FLAGS_concurrency))},
      {"replay_inflight", absl::StrCat(absl::GetFlag(FLAGS_replay_inflight))},
      {"baselines", absl::GetFlag(FLAGS_baselines) ? "true" : "false"},
      {"service", absl::GetFlag(FLAGS_service) ? "true" : "false"},
      {"threads", absl::StrCat(absl::GetFlag(FLAGS_threads))},
      {"rpc_timeout", absl::FormatDuration(absl::GetFlag(FLAGS_rpc_timeout))},
  };
}

absl::Status CheckFlags() {
  if (absl::GetFlag(FLAGS_data).empty()) {
    return absl::InvalidArgumentError("--data is required");
  }
  const std::string mode = absl::GetFlag(FLAGS_mode);
  if (mode != "frozen" && mode != "streaming") {
    return absl::InvalidArgumentError(
        absl::StrCat("--mode: '", mode, "' is not frozen|streaming"));
  }
  const std::string split = absl::GetFlag(FLAGS_split);
  if (split != "test" && split != "validation") {
    return absl::InvalidArgumentError(
        absl::StrCat("--split: '", split, "' is not test|validation"));
  }
  const int count = absl::GetFlag(FLAGS_count);
  if (count < 1 || count > 200) {
    return absl::InvalidArgumentError(
        absl::StrCat("--count: must be in 1..200, got ", count));
  }
  if (absl::GetFlag(FLAGS_max_cases) < 0) {
    return absl::InvalidArgumentError("--max_cases: must be >= 0");
  }
  if (absl::GetFlag(FLAGS_concurrency) < 1 ||
      absl::GetFlag(FLAGS_concurrency) > 1024) {
    return absl::InvalidArgumentError("--concurrency: must be in 1..1024");
  }
  if (absl::GetFlag(FLAGS_replay_inflight) < 1 ||
      absl::GetFlag(FLAGS_replay_inflight) > 64) {
    return absl::InvalidArgumentError("--replay_inflight: must be in 1..64");
  }
  if (absl::GetFlag(FLAGS_threads) < 0) {
    return absl::InvalidArgumentError("--threads: must be >= 0");
  }
  if (!absl::GetFlag(FLAGS_service) && !absl::GetFlag(FLAGS_baselines)) {
    return absl::InvalidArgumentError(
        "--service=false and --baselines=false leave nothing to evaluate");
  }
  return absl::OkStatus();
}

absl::StatusOr<ServiceOptions> ServiceOptionsFromFlags() {
  ServiceOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.server_binary = absl::GetFlag(FLAGS_server_binary);
  options.replay_inflight = absl::GetFlag(FLAGS_replay_inflight);
  options.score.mode = absl::GetFlag(FLAGS_mode) == "streaming"
                           ? ScoreMode::kStreaming
                           : ScoreMode::kFrozen;
  options.score.count = absl::GetFlag(FLAGS_count);
  options.score.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.score.timeout = absl::GetFlag(FLAGS_rpc_timeout);
  absl::StatusOr<absl::flat_hash_map<std::string, double>> weights =
      cli::ParseWeightOverrides(absl::GetFlag(FLAGS_weights));
  if (!weights.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--weights: ", weights.status().message()));
  }
  options.score.weights = *std::move(weights);
  return options;
}

int Run() {
  if (absl::Status s = CheckFlags(); !s.ok()) {
    spdlog::error("{}", s.ToString());
    return 2;
  }
  const bool show_progress =
      absl::GetFlag(FLAGS_progress) || StderrIsTerminal();
  EvalReport report;
  report.flags = FlagValues();
  report.machine = ReadMachineInfo();
  const absl::Time run_start = absl::Now();
  PhaseTimer timer;

  timer.Start("load");
  Dataset dataset;
  {
    absl::StatusOr<Dataset> loaded =
        ReadDataset(absl::GetFlag(FLAGS_format), absl::GetFlag(FLAGS_data));
    if (!loaded.ok()) {
      spdlog::error("cannot read the dataset: {}", loaded.status().ToString());
      return 1;
    }
    dataset = absl::GetFlag(FLAGS_split) == "validation"
                  ? ValidationSplit(*loaded)
                  : *std::move(loaded);
  }
  const ItemPopularity popularity(dataset.train, dataset.items.size());
  timer.Stop(&report.phases_seconds);

  size_t num_cases = dataset.test.size();
  if (absl::GetFlag(FLAGS_max_cases) > 0) {
    num_cases = std::min<size_t>(num_cases, absl::GetFlag(FLAGS_max_cases));
  }
  const absl::Span<const TestCase> cases(dataset.test.data(), num_cases);

  DatasetInfo& info = report.dataset;
  info.format = dataset.format;
  info.path = absl::GetFlag(FLAGS_data);
  info.split = absl::GetFlag(FLAGS_split);
  info.items = static_cast<int64_t>(dataset.items.size());
  info.training_items = static_cast<int64_t>(popularity.num_training_items());
  info.train_sessions = static_cast<int64_t>(dataset.train.size());
  info.train_events = static_cast<int64_t>(CountTrainEvents(dataset));
  info.test_cases = static_cast<int64_t>(dataset.test.size());
  info.evaluated_cases = static_cast<int64_t>(num_cases);
  for (const TestCase& test_case : cases) {
    if (!popularity.is_training_item(test_case.label)) {
      ++info.labels_not_in_training;
    }
  }
  spdlog::info(
      "{}: {} items, {} training sessions ({} events), {} test cases "
      "({} evaluated)",
      info.path, info.items, info.train_sessions, info.train_events,
      info.test_cases, info.evaluated_cases);
  if (num_cases == 0) {
    spdlog::error("no test cases to evaluate");
    return 1;
  }

  if (absl::GetFlag(FLAGS_service)) {
    absl::StatusOr<ServiceOptions> options = ServiceOptionsFromFlags();
    if (!options.ok()) {
      spdlog::error("{}", options.status().ToString());
      return 2;
    }
    options->show_progress = show_progress;
    absl::StatusOr<ServiceResult> run = EvaluateService(
        dataset, cases, popularity, *options, &report.phases_seconds);
    if (!run.ok()) {
      spdlog::error("service evaluation failed: {}", run.status().ToString());
      return 1;
    }
    report.methods.push_back(
        {absl::StrCat("service (", absl::GetFlag(FLAGS_mode), ")"),
         run->metrics});
    report.recommend_latency = run->recommend_latency;
    report.log_event_latency = run->log_event_latency;
    report.streaming_sessions = run->streaming_sessions;
    report.service_checks = run->checks;
  }

  if (absl::GetFlag(FLAGS_baselines)) {
    int threads = absl::GetFlag(FLAGS_threads);
    if (threads == 0) threads = std::max(1, report.machine.nproc);
    const int count = absl::GetFlag(FLAGS_count);
    timer.Start("baselines");
    const PopBaseline pop(&popularity);
    const SPopBaseline spop(&popularity);
    const ItemKnnBaseline item_knn(dataset.train, &popularity, count);
    for (const Baseline* baseline :
         std::initializer_list<const Baseline*>{&pop, &spop, &item_knn}) {
      report.methods.push_back(
          {std::string(baseline->name()),
           Evaluate(RecommendAll(*baseline, cases, count, threads), cases,
                    popularity)});
    }
    timer.Stop(&report.phases_seconds);
  }
  report.phases_seconds.emplace_back(
      "total", absl::ToDoubleSeconds(absl::Now() - run_start));

  std::cout << FormatReport(report) << std::flush;
  const std::string json = absl::GetFlag(FLAGS_json);
  if (!json.empty()) {
    if (absl::Status s = WriteJsonReport(report, json); !s.ok()) {
      spdlog::error("{}", s.ToString());
      return 1;
    }
    spdlog::info("wrote {}", json);
  }
  return 0;
}

}  // namespace
}  // namespace ranker::eval

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Replays a session dataset through a ranker server and reports HR, "
      "MRR and NDCG at 5/10/20, coverage and popularity next to POP, S-POP "
      "and Item-KNN (docs/evaluation.md).\nExample: ranker_eval "
      "--data=../shared/data/diginetica --json=/tmp/digi.json");
  absl::ParseCommandLine(argc, argv);
  spdlog::set_default_logger(spdlog::stderr_color_mt("ranker_eval"));
  spdlog::set_level(spdlog::level::from_str(absl::GetFlag(FLAGS_log_level)));
  return ranker::eval::Run();
}
