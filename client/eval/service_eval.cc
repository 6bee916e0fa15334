#include "client/eval/service_eval.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/eval/split.h"
#include "client/local_server.h"
#include "client/ranker_client.h"
#include "spdlog/spdlog.h"

namespace ranker::eval {
namespace {

// Items the server must know: those of the training sessions and of every
// test case of the split.
std::vector<bool> CatalogItems(const Dataset& dataset) {
  std::vector<bool> include = ItemsSeenIn(dataset.train, dataset.items.size());
  for (const TestCase& test_case : dataset.test) {
    for (ItemIdx item : test_case.prefix) include[item] = true;
    include[test_case.label] = true;
  }
  return include;
}

absl::Status ProbeRequest(RankerClient& client, const ScoreOptions& options) {
  v1::RecommendProductsRequest request;
  request.set_user_id("eval-probe");
  request.set_scene(v1::SCENE_FEED);
  request.set_count(options.count);
  for (const auto& [name, value] : options.weights) {
    (*request.mutable_weight_overrides())[name] = value;
  }
  absl::StatusOr<v1::RecommendProductsResponse> response =
      client.Recommend(request, options.timeout);
  if (!response.ok()) {
    return absl::Status(
        response.status().code(),
        absl::StrCat("the server rejects a RecommendProducts request with "
                     "these flags: ",
                     response.status().message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServiceResult> EvaluateService(
    const Dataset& dataset, absl::Span<const TestCase> cases,
    const ItemPopularity& popularity, const ServiceOptions& service_options,
    std::vector<std::pair<std::string, double>>* phases) {
  const ScoreOptions& options = service_options.score;
  const absl::Duration timeout = options.timeout;
  const bool show_progress = service_options.show_progress;

  PhaseTimer timer;
  std::unique_ptr<LocalServer> server;
  std::string target = service_options.target;
  if (target.empty()) {
    timer.Start("server_start");
    absl::StatusOr<std::unique_ptr<LocalServer>> started =
        LocalServer::Start(service_options.server_binary, {"--catalog=none"});
    if (!started.ok()) return started.status();
    server = *std::move(started);
    target = server->address();
    spdlog::info("started {} on {}", service_options.server_binary, target);
    timer.Stop(phases);
  }

  ServiceResult run;
  {
    std::unique_ptr<RankerClient> client = RankerClient::Connect(target);
    if (absl::Status s = client->WaitForReady(absl::Seconds(10)); !s.ok()) {
      return absl::UnavailableError(absl::StrCat("cannot reach the server at ",
                                                 target, ": ", s.message()));
    }

    // One request before any work, so that a weight name the server does not
    // know fails now rather than after the replay.
    if (absl::Status s = ProbeRequest(*client, options); !s.ok()) return s;

    timer.Start("upsert");
    const std::vector<bool> include = CatalogItems(dataset);
    {
      Progress progress("upsert",
                        std::count(include.begin(), include.end(), true),
                        show_progress);
      if (absl::Status s =
              UpsertCatalog(*client, dataset, include, timeout, &progress);
          !s.ok()) {
        return s;
      }
    }
    timer.Stop(phases);

    timer.Start("replay");
    {
      Progress progress("replay",
                        static_cast<int64_t>(CountTrainEvents(dataset)),
                        show_progress);
      if (absl::Status s = ReplayTraining(
              *client, dataset, service_options.replay_inflight,
              absl::ToUnixMillis(absl::Now()), timeout, &progress);
          !s.ok()) {
        return s;
      }
    }
    timer.Stop(phases);

    timer.Start("score");
    absl::StatusOr<ScoreResult> scored;
    {
      Progress progress("score", static_cast<int64_t>(cases.size()),
                        show_progress);
      scored = ScoreCases(*client, dataset, cases, options, &progress);
    }
    if (!scored.ok()) return scored.status();
    timer.Stop(phases);

    run.metrics = Evaluate(scored->lists, cases, popularity);
    run.recommend_latency = SummarizeLatencies(std::move(scored->recommend_ms));
    if (options.mode == ScoreMode::kStreaming) {
      run.log_event_latency =
          SummarizeLatencies(std::move(scored->log_event_ms));
      run.streaming_sessions = scored->streaming_sessions;
    }
    run.checks = scored->checks;
  }  // the client and its channel close here, before the server stops

  if (server != nullptr) {
    timer.Start("server_stop");
    absl::Status stopped = server->Stop();
    timer.Stop(phases);
    if (!stopped.ok()) return stopped;
  }
  return run;
}

}  // namespace ranker::eval
