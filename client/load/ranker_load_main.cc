// ranker_load: an asynchronous load generator for the Interest Ranker
// (docs/load_testing.md). Exit status: 0 the run finished (RPC errors are in
// the report), 1 the server could not be reached, 2 bad flags or catalog.
#include <cstdint>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "client/cli_parse.h"
#include "client/connection_flags.h"
#include "client/connection_options.h"
#include "client/load/catalog_ids.h"
#include "client/load/load_channels.h"
#include "client/load/load_config.h"
#include "client/load/load_report.h"
#include "client/load/load_runner.h"
#include "client/load/phase_plan.h"
#include "client/load/rpc_mix.h"
#include "client/load/workload.h"

// Connection: --target as in ranker_cli; --token* and --tls* come from
// client/connection_flags.cc.
ABSL_FLAG(std::string, target, "127.0.0.1:50051",
          "Address of the server, host:port.");
ABSL_FLAG(int32_t, channels, 2,
          "Channels (HTTP/2 connections) to spread the calls over.");
ABSL_FLAG(absl::Duration, connect_timeout, absl::Seconds(10),
          "How long to wait for every channel to connect before giving up.");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(5),
          "Deadline of each call; a late reply counts as DEADLINE_EXCEEDED.");

// Load shape.
ABSL_FLAG(std::string, mode, "closed",
          "closed: --concurrency calls always in flight; open: --rate calls "
          "per second on a fixed schedule, latency from each due time.");
ABSL_FLAG(int32_t, concurrency, 16, "Closed loop: calls in flight.");
ABSL_FLAG(double, rate, 1000, "Open loop: calls per second.");
ABSL_FLAG(int32_t, max_in_flight, 10000,
          "Open loop: at most this many calls in flight; beyond, sends wait "
          "(and the report says the client fell behind).");
ABSL_FLAG(std::string, mix, "recommend:0.8,log:0.2",
          "RPC kinds and weights: recommend, log, health.");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10),
          "Measured time of each phase, e.g. 10s or 1m.");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2),
          "Unmeasured time before each phase's measured time.");
ABSL_FLAG(bool, floor, false,
          "Closed loop only: first measure grpc.health.v1.Health/Check as the "
          "floor, then each RPC of --mix alone at the same concurrency, and "
          "report each RPC's throughput as a ratio of the floor's.");

// Workload.
ABSL_FLAG(int32_t, users, 100000, "Distinct users (load-u0 ..), Zipf-drawn.");
ABSL_FLAG(double, zipf_s, 1.0,
          "Zipf exponent of users, products and content tags; 0 is uniform.");
ABSL_FLAG(int32_t, products, 2000,
          "Without --product_ids_file: product ids p00000 .. (the demo "
          "catalog's pattern).");
ABSL_FLAG(std::string, product_ids_file, "",
          "JSONL catalog (e.g. deploy/demo/catalog.jsonl): product ids from "
          "\"id\", content tags from \"tags\".");
ABSL_FLAG(int32_t, count, 20, "Products asked for per RecommendProducts.");
ABSL_FLAG(int32_t, events_per_log, 1, "Events per LogEvent call.");
ABSL_FLAG(std::string, weight, "",
          "Ranking knobs every RecommendProducts overrides, "
          "name=value[,name=value...] (e.g. "
          "instant_interest_quota=500,exploration_quota=200): the request's "
          "weight_overrides. Unknown names are the server's INVALID_ARGUMENT.");
ABSL_FLAG(uint64_t, seed, 1, "Seed of every random draw.");

// Output.
ABSL_FLAG(bool, json, false, "Print the report as JSON instead of a table.");

namespace ranker::load {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

absl::StatusOr<LoadConfig> ConfigFromFlags() {
  LoadConfig config;
  const std::string mode = absl::GetFlag(FLAGS_mode);
  if (mode != "closed" && mode != "open") {
    return absl::InvalidArgumentError(
        absl::StrCat("--mode: expected closed or open, got '", mode, "'"));
  }
  config.open_loop = mode == "open";
  config.concurrency = absl::GetFlag(FLAGS_concurrency);
  config.rate = absl::GetFlag(FLAGS_rate);
  config.max_in_flight = absl::GetFlag(FLAGS_max_in_flight);
  config.mix = absl::GetFlag(FLAGS_mix);
  config.duration = absl::GetFlag(FLAGS_duration);
  config.warmup = absl::GetFlag(FLAGS_warmup);
  config.timeout = absl::GetFlag(FLAGS_timeout);
  config.channels = absl::GetFlag(FLAGS_channels);
  config.products = absl::GetFlag(FLAGS_products);
  config.product_ids_file = absl::GetFlag(FLAGS_product_ids_file);
  config.floor = absl::GetFlag(FLAGS_floor);
  config.workload.users = absl::GetFlag(FLAGS_users);
  config.workload.zipf_s = absl::GetFlag(FLAGS_zipf_s);
  config.workload.count = absl::GetFlag(FLAGS_count);
  config.workload.events_per_log = absl::GetFlag(FLAGS_events_per_log);
  config.workload.seed = absl::GetFlag(FLAGS_seed);
  absl::StatusOr<absl::flat_hash_map<std::string, double>> weights =
      cli::ParseWeightOverrides(absl::GetFlag(FLAGS_weight));
  if (!weights.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--weight: ", weights.status().message()));
  }
  config.workload.weight_overrides.insert(weights->begin(), weights->end());
  if (absl::Status status = ValidateLoadConfig(config); !status.ok()) {
    return status;
  }
  return config;
}

int Main() {
  absl::StatusOr<LoadConfig> config = ConfigFromFlags();
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<RpcMix> mix = RpcMix::Parse(config->mix);
  if (!mix.ok()) {
    std::cerr << mix.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<ConnectionOptions> connection = ConnectionOptionsFromFlags();
  if (!connection.ok()) {
    std::cerr << connection.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<CatalogIds> catalog =
      config->product_ids_file.empty()
          ? DemoPatternIds(config->products)
          : ReadCatalogIds(config->product_ids_file);
  if (!catalog.ok()) {
    std::cerr << "--product_ids_file: " << catalog.status().message() << "\n";
    return kExitUsage;
  }
  const Workload workload(*std::move(catalog), config->workload);

  const std::string target = absl::GetFlag(FLAGS_target);
  absl::StatusOr<LoadChannels> channels =
      ConnectLoadChannels(target, *connection, config->channels,
                          absl::GetFlag(FLAGS_connect_timeout));
  if (!channels.ok()) {
    std::cerr << channels.status().message() << "\n";
    return kExitFailure;
  }

  LoadReport report;
  report.target = target;
  report.floor = config->floor;
  for (const PhaseOptions& phase : PlanPhases(*config, *mix)) {
    // One line per phase on stderr, so that a long run shows progress;
    // stdout holds only the report.
    std::cerr << "ranker_load: phase " << phase.name << " ("
              << absl::FormatDuration(phase.warmup) << " warm-up + "
              << absl::FormatDuration(phase.duration) << ")\n";
    report.phases.push_back(RunPhase(*channels, workload, phase));
  }
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << ReportToJson(report).dump(2) << "\n";
  } else {
    std::cout << FormatReport(report);
  }
  return 0;
}

}  // namespace
}  // namespace ranker::load

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Load generator for the Interest Ranker: closed or open loop, a mix of "
      "RecommendProducts, LogEvent and health checks, latency percentiles "
      "per RPC.\n  ranker_load --target=127.0.0.1:50051 --mode=closed "
      "--concurrency=16 --duration=10s\n  ranker_load --mode=open --rate=500 "
      "--product_ids_file=deploy/demo/catalog.jsonl --json");
  absl::ParseCommandLine(argc, argv);
  return ranker::load::Main();
}
