// ranker_server: the Interest Ranker gRPC server.
//
// With no flags it serves the bundled demo catalog in memory on
// 127.0.0.1:50051; with --state_dir every acknowledged write call is kept in
// a write-ahead log there, snapshots are taken in the background, and
// start-up restores the newest snapshot plus the log after it. SIGINT /
// SIGTERM stop it gracefully: new calls are refused, in-flight calls finish
// (up to --shutdown_grace), a final snapshot is written, and it exits 0.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/engine.h"
#include "core/pipeline/ranking_config_file.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "prometheus/registry.h"
#include "server/admission_control.h"
#include "server/auth.h"
#include "server/catalog_source.h"
#include "server/durable_state.h"
#include "server/effective_config.h"
#include "server/execution_limits.h"
#include "server/health_check_metrics.h"
#include "server/metrics.h"
#include "server/metrics_endpoint.h"
#include "server/process_memory.h"
#include "server/ranker_service.h"
#include "server/ranking_config_source.h"
#include "server/state_metrics.h"
#include "server/tls.h"
#include "server/worker_pool.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to serve on, host:port. Port 0 picks a free port (see "
          "--port_file).");
ABSL_FLAG(std::string, catalog, "demo",
          "Initial catalog: 'demo' (the bundled demo catalog), 'none' (empty), "
          "or the path of a JSONL catalog file (deploy/demo/README.md).");
ABSL_FLAG(std::string, port_file, "",
          "If set, the bound port is written to this file once the server "
          "accepts calls (for tests and supervisors using --listen=...:0).");
ABSL_FLAG(std::string, log_level, "info",
          "spdlog level: trace, debug, info, warn, error, critical, off.");
ABSL_FLAG(int, max_message_bytes, 32 << 20,
          "Largest request message accepted, in bytes.");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "On SIGTERM/SIGINT, how long in-flight calls may take to finish.");
ABSL_FLAG(std::string, auth_tokens_file, "",
          "If set, LogEvent, UpsertProducts and UpsertShops need metadata "
          "'authorization: Bearer <token>' with a token from this file (one "
          "per line; blank lines and '#' comments ignored); SIGHUP reloads "
          "it. Health and reflection stay open.");
ABSL_FLAG(bool, auth_protect_reads, false,
          "With --auth_tokens_file: the reads (RecommendProducts, "
          "DescribeUser, DescribeProduct, DescribeService) need a token too.");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain; with --tls_key_file the port serves TLS "
          "(both or neither).");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file.");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "With TLS: PEM roots; clients must then present a certificate "
          "signed by one of them (mutual TLS).");
ABSL_FLAG(std::string, ranking_config, "",
          "JSON file of ranking knobs every request starts from "
          "({\"knob\": number, ...}; docs/ranking.md lists them; knobs left "
          "out keep their defaults). Empty: the built-in defaults. SIGHUP "
          "reloads it; a file that does not load keeps the one in effect.");
ABSL_FLAG(std::string, state_dir, "",
          "Directory for durable state: the write-ahead log in <dir>/wal and "
          "snapshots in <dir>/snapshots. Empty: state is kept in memory only "
          "and a restart forgets every logged event and upsert. When set, "
          "every acknowledged write call is in the log (durability per "
          "--wal_fsync) and start-up restores the newest snapshot plus the "
          "log after it; --catalog only seeds a directory without a "
          "snapshot.");
ABSL_FLAG(std::string, wal_fsync, "always",
          "When the write-ahead log is flushed to disk: 'always' (before a "
          "write call is acknowledged; concurrent calls share one fdatasync), "
          "'interval' (every --wal_fsync_interval_ms; a crash of the machine "
          "may lose that much), 'none' (the OS decides; a process crash loses "
          "nothing, a machine crash may lose seconds).");
ABSL_FLAG(int, wal_fsync_interval_ms, 100,
          "With --wal_fsync=interval: the longest time between flushes, ms.");
ABSL_FLAG(absl::Duration, snapshot_interval, absl::Minutes(10),
          "With --state_dir: a background snapshot is taken when this much "
          "time has passed since the last one and there are new writes.");
ABSL_FLAG(int64_t, snapshot_every_records, 1'000'000,
          "With --state_dir: a background snapshot is also taken once this "
          "many write calls were logged since the last one (0: by time only).");
ABSL_FLAG(int, snapshots_kept, 2,
          "With --state_dir: finished snapshots kept; the log is kept from "
          "the oldest on, so a damaged newest snapshot falls back to the one "
          "before.");
ABSL_FLAG(std::optional<int>, read_workers, std::nullopt,
          "Threads that run RecommendProducts and the Describe calls "
          "(CPU-bound: more threads than cores only make "
          "started calls wait for CPU). Default: the cores this process may "
          "use (affinity mask, cgroup CPU quota).");
ABSL_FLAG(std::optional<int64_t>, max_reads_in_flight, std::nullopt,
          "Most read calls being served at once, running or queued for a read "
          "worker; one beyond it is refused at once with RESOURCE_EXHAUSTED. "
          "0: no cap. Default: 8 per read worker.");
ABSL_FLAG(std::optional<int>, write_workers, std::nullopt,
          "Threads that run LogEvent, UpsertProducts and UpsertShops (they "
          "mostly wait for the log's fsync, which concurrent writes share). "
          "Default: 2 per core, at least 16.");
ABSL_FLAG(std::optional<int64_t>, max_writes_in_flight, std::nullopt,
          "Most write calls being served at once, running or queued for a "
          "write worker; one beyond it is refused at once with "
          "RESOURCE_EXHAUSTED. 0: no cap. Default: 4 per write worker.");
ABSL_FLAG(int, grpc_max_threads, 16,
          "Most threads gRPC may create for its synchronous-API services "
          "(server reflection) through the server's ResourceQuota; beyond it "
          "such calls get RESOURCE_EXHAUSTED.");
ABSL_FLAG(absl::Duration, max_queue_wait, absl::ZeroDuration(),
          "An admitted ranker call that waited longer than this for a worker "
          "is refused with RESOURCE_EXHAUSTED before any work, so that the "
          "calls that run keep a bounded latency (e.g. 5ms for a 10 ms p99 "
          "target on a machine of its own). 0 (default): no limit.");
ABSL_FLAG(int64_t, max_users, 5'000'000,
          "Most user profiles kept in memory; a new user beyond it evicts the "
          "profile idle the longest (per shard of the profile store). 0: no "
          "cap.");
ABSL_FLAG(int64_t, wal_segment_bytes, int64_t{64} << 20,
          "The write-ahead log starts a new segment file once the current one "
          "holds this many bytes.");
ABSL_FLAG(std::string, metrics_listen, "",
          "If set, Prometheus metrics are served over plain HTTP at "
          "http://<host:port>/metrics (e.g. 0.0.0.0:9464; port 0 picks a free "
          "port, see --metrics_port_file). Empty (default): no metrics "
          "endpoint. docs/operations/metrics.md lists the metrics.");
ABSL_FLAG(std::string, metrics_port_file, "",
          "With --metrics_listen: the bound metrics port is written to this "
          "file before the server accepts calls (for tests and supervisors "
          "using port 0).");

namespace ranker {
namespace {

// Writes the port through a temporary file and a rename, so a reader never
// sees a half-written number.
bool WritePortFile(const std::string& path, int port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) return false;
    out << port << "\n";
    if (!out.flush()) return false;
  }
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

// Blocks SIGINT, SIGTERM and SIGHUP in every thread (gRPC's threads inherit
// the mask) so that one thread can wait for them with sigwait.
sigset_t BlockHandledSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// The tokens of --auth_tokens_file, or null when the flag is not set.
absl::StatusOr<std::unique_ptr<Authenticator>> LoadAuthenticator() {
  const std::string path = absl::GetFlag(FLAGS_auth_tokens_file);
  if (path.empty()) {
    if (absl::GetFlag(FLAGS_auth_protect_reads)) {
      return absl::InvalidArgumentError(
          "--auth_protect_reads: needs --auth_tokens_file");
    }
    return nullptr;
  }
  absl::StatusOr<TokenSet> tokens = TokenSet::LoadFromFile(path);
  if (!tokens.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--auth_tokens_file: ", tokens.status().message()));
  }
  if (const size_t short_tokens = tokens->ShortTokenCount(); short_tokens) {
    spdlog::warn("{} of {} tokens in {} are shorter than {} characters",
                 short_tokens, tokens->size(), path,
                 TokenSet::kRecommendedTokenLength);
  }
  spdlog::info("token authentication on: {} tokens from {}, reads {}",
               tokens->size(), path,
               absl::GetFlag(FLAGS_auth_protect_reads) ? "protected" : "open");
  return std::make_unique<Authenticator>(*std::move(tokens));
}

// SIGHUP: re-reads --auth_tokens_file. A file that no longer loads keeps the
// current tokens, so a bad edit cannot lock every writer out.
void ReloadTokens(Authenticator* authenticator) {
  const std::string path = absl::GetFlag(FLAGS_auth_tokens_file);
  if (authenticator == nullptr) {
    spdlog::info("SIGHUP: no --auth_tokens_file, nothing to reload");
    return;
  }
  absl::StatusOr<TokenSet> tokens = TokenSet::LoadFromFile(path);
  if (!tokens.ok()) {
    spdlog::error("SIGHUP: keeping the current tokens: {}",
                  tokens.status().ToString());
    return;
  }
  spdlog::info("SIGHUP: reloaded {} tokens from {}", tokens->size(), path);
  authenticator->Replace(*std::move(tokens));
}

// SIGHUP: re-reads --ranking_config. A file that no longer loads keeps the
// configuration in effect: a bad edit must not change how every request
// ranks.
void ReloadRankingConfig(Engine& engine) {
  const std::string path = absl::GetFlag(FLAGS_ranking_config);
  if (path.empty()) {
    spdlog::info("SIGHUP: no --ranking_config, nothing to reload");
    return;
  }
  if (absl::Status applied = ApplyRankingConfigFile(path, engine);
      !applied.ok()) {
    spdlog::error("SIGHUP: keeping the ranking configuration in effect: {}",
                  applied.ToString());
    return;
  }
  spdlog::info("SIGHUP: reloaded the ranking configuration from {}: {}", path,
               ChangedKnobsJson(engine.default_ranking()));
}

absl::StatusOr<DurableStateOptions> DurableOptionsFromFlags() {
  DurableStateOptions options;
  options.state_dir = absl::GetFlag(FLAGS_state_dir);
  absl::StatusOr<persist::FsyncPolicy> policy =
      persist::ParseFsyncPolicy(absl::GetFlag(FLAGS_wal_fsync), "--wal_fsync");
  if (!policy.ok()) return policy.status();
  options.wal.fsync = *policy;
  const int interval_ms = absl::GetFlag(FLAGS_wal_fsync_interval_ms);
  if (interval_ms <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--wal_fsync_interval_ms: must be positive, got ", interval_ms));
  }
  options.wal.fsync_interval = absl::Milliseconds(interval_ms);
  const int64_t segment_bytes = absl::GetFlag(FLAGS_wal_segment_bytes);
  if (segment_bytes <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--wal_segment_bytes: must be positive, got ", segment_bytes));
  }
  options.wal.segment_bytes = static_cast<uint64_t>(segment_bytes);
  options.snapshot_interval = absl::GetFlag(FLAGS_snapshot_interval);
  if (options.snapshot_interval <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--snapshot_interval: must be positive");
  }
  const int64_t every_records = absl::GetFlag(FLAGS_snapshot_every_records);
  if (every_records < 0) {
    return absl::InvalidArgumentError(
        "--snapshot_every_records: must not be negative");
  }
  options.snapshot_every_records = static_cast<uint64_t>(every_records);
  const int kept = absl::GetFlag(FLAGS_snapshots_kept);
  if (kept < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--snapshots_kept: must be at least 1, got ", kept));
  }
  options.snapshots_kept = static_cast<size_t>(kept);
  return options;
}

// The metrics endpoint of --metrics_listen (set), serving `registry` and the
// state's figures.
absl::StatusOr<std::unique_ptr<MetricsEndpoint>> StartMetricsEndpoint(
    const std::shared_ptr<prometheus::Registry>& registry,
    const std::shared_ptr<StateMetrics>& state_metrics) {
  const std::string listen = absl::GetFlag(FLAGS_metrics_listen);
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
      MetricsEndpoint::Start(listen);
  if (!endpoint.ok()) return endpoint.status();
  (*endpoint)->Register(registry);
  (*endpoint)->Register(state_metrics);
  const std::string port_file = absl::GetFlag(FLAGS_metrics_port_file);
  if (!port_file.empty() && !WritePortFile(port_file, (*endpoint)->port())) {
    return absl::InternalError(
        absl::StrCat("cannot write the metrics port file ", port_file));
  }
  spdlog::info("metrics served on {} (port {}) at /metrics", listen,
               (*endpoint)->port());
  return endpoint;
}

// The overload flags, checked: the lanes' workers and caps
// (server/execution_limits.h), gRPC's thread quota and the profile cap
// (docs/operations/overload.md).
struct OverloadFlags {
  ExecutionLimits execution;
  int cpus;
  int grpc_max_threads;
  int64_t max_users;
};

absl::StatusOr<OverloadFlags> OverloadFlagsFromFlags() {
  const int cpus = AvailableCpus();
  absl::StatusOr<ExecutionLimits> execution = ResolveExecutionLimits(
      ExecutionFlags{absl::GetFlag(FLAGS_read_workers),
                     absl::GetFlag(FLAGS_max_reads_in_flight),
                     absl::GetFlag(FLAGS_write_workers),
                     absl::GetFlag(FLAGS_max_writes_in_flight)},
      cpus);
  if (!execution.ok()) return execution.status();
  OverloadFlags flags{*execution, cpus, absl::GetFlag(FLAGS_grpc_max_threads),
                      absl::GetFlag(FLAGS_max_users)};
  // gRPC's synchronous server needs a thread of the quota to start at all.
  if (flags.grpc_max_threads < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("--grpc_max_threads: must be at least 2, got ",
                     flags.grpc_max_threads));
  }
  if (flags.max_users < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--max_users: must be 0 (no cap) or positive, got ", flags.max_users));
  }
  return flags;
}

std::string DescribeCap(int64_t cap) {
  return cap == 0 ? "no cap" : absl::StrCat(cap);
}

// One line once the state is loaded: what a catalog and its users cost in
// memory is the figure to size a machine by (DescribeService reports it
// later on).
void LogLoadedState(const Engine& engine, absl::Duration took) {
  ReleaseFreedMemory();  // the loading's temporaries
  const EngineCounts counts = engine.Counts();
  absl::StatusOr<ProcessMemory> memory = ReadProcessMemory();
  constexpr double kMiB = 1 << 20;
  const std::string resident =
      memory.ok() ? absl::StrFormat("%.1f MiB resident (peak %.1f MiB)",
                                    memory->resident_bytes / kMiB,
                                    memory->peak_resident_bytes / kMiB)
                  : absl::StrCat("resident memory unknown (",
                                 memory.status().message(), ")");
  spdlog::info(
      "state loaded in {} ms: {} products, {} shops, {} tags, {} users "
      "({} archived), {} sessions, {} events; {}",
      absl::ToInt64Milliseconds(took), counts.products, counts.shops,
      counts.tags, counts.users, counts.archived_users, counts.sessions,
      counts.events, resident);
}

int Run() {
  const absl::Time started = absl::Now();
  const sigset_t handled_signals = BlockHandledSignals();
  spdlog::set_level(spdlog::level::from_str(absl::GetFlag(FLAGS_log_level)));

  absl::StatusOr<std::unique_ptr<Authenticator>> authenticator =
      LoadAuthenticator();
  if (!authenticator.ok()) {
    spdlog::critical("{}", std::string(authenticator.status().message()));
    return 1;
  }
  const TlsFiles tls_files{absl::GetFlag(FLAGS_tls_cert_file),
                           absl::GetFlag(FLAGS_tls_key_file),
                           absl::GetFlag(FLAGS_tls_client_ca_file)};
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeServerCredentials(tls_files);
  if (!credentials.ok()) {
    spdlog::critical("{}", std::string(credentials.status().message()));
    return 1;
  }

  absl::StatusOr<OverloadFlags> overload = OverloadFlagsFromFlags();
  if (!overload.ok()) {
    spdlog::critical("{}", std::string(overload.status().message()));
    return 1;
  }

  // Created before the state is loaded and declared before it: the log's
  // writer, opened while loading, reports its fsyncs here until it closes.
  // The endpoint serves the metrics once the state is loaded.
  std::unique_ptr<ServerMetrics> metrics;
  if (const std::string listen = absl::GetFlag(FLAGS_metrics_listen);
      !listen.empty()) {
    if (absl::Status checked = MetricsEndpoint::CheckAddress(listen);
        !checked.ok()) {
      spdlog::critical("{}", std::string(checked.message()));
      return 1;
    }
    metrics = std::make_unique<ServerMetrics>(
        std::make_shared<prometheus::Registry>());
  } else if (!absl::GetFlag(FLAGS_metrics_port_file).empty()) {
    spdlog::critical("--metrics_port_file: needs --metrics_listen");
    return 1;
  }

  EngineOptions engine_options;
  engine_options.max_users = static_cast<size_t>(overload->max_users);
  Engine engine(std::move(engine_options));
  if (const std::string path = absl::GetFlag(FLAGS_ranking_config);
      !path.empty()) {
    if (absl::Status applied = ApplyRankingConfigFile(path, engine);
        !applied.ok()) {
      spdlog::critical("--ranking_config: {}", applied.ToString());
      return 1;
    }
  }
  const auto load_catalog = [&engine]() -> absl::Status {
    absl::StatusOr<size_t> loaded =
        LoadInitialCatalog(absl::GetFlag(FLAGS_catalog), engine);
    if (!loaded.ok()) {
      return absl::Status(
          loaded.status().code(),
          absl::StrCat("cannot load the catalog: ", loaded.status().message()));
    }
    return absl::OkStatus();
  };
  std::unique_ptr<DurableState> durable;
  if (absl::GetFlag(FLAGS_state_dir).empty()) {
    if (absl::Status loaded = load_catalog(); !loaded.ok()) {
      spdlog::critical("{}", loaded.ToString());
      return 1;
    }
    spdlog::info(
        "no --state_dir: events and upserts are kept in memory only and lost "
        "on restart");
  } else {
    absl::StatusOr<DurableStateOptions> options = DurableOptionsFromFlags();
    if (!options.ok()) {
      spdlog::critical("{}", options.status().ToString());
      return 1;
    }
    if (metrics != nullptr) {
      options->wal.on_fsync = [m = metrics.get()](absl::Duration took) {
        m->RecordFsync(took);
      };
    }
    absl::StatusOr<std::unique_ptr<DurableState>> opened =
        DurableState::Open(*options, engine, load_catalog);
    if (!opened.ok()) {
      spdlog::critical("cannot recover the state in {}: {}", options->state_dir,
                       opened.status().ToString());
      return 1;
    }
    durable = *std::move(opened);
  }
  LogLoadedState(engine, absl::Now() - started);

  // Outlives the server: Wait() returns only once every admitted call has
  // finished on it.
  const ExecutionLimits& limits = overload->execution;
  WorkerPool read_workers(limits.reads.workers);
  WorkerPool write_workers(limits.writes.workers);
  AdmissionControl read_admission(limits.reads.max_in_flight,
                                  "--max_reads_in_flight");
  AdmissionControl write_admission(limits.writes.max_in_flight,
                                   "--max_writes_in_flight");
  RankerService service(&engine,
                        ServiceAuth{authenticator->get(),
                                    absl::GetFlag(FLAGS_auth_protect_reads)},
                        ServiceExecution{{&read_admission, &read_workers},
                                         {&write_admission, &write_workers},
                                         absl::GetFlag(FLAGS_max_queue_wait)},
                        started, metrics.get());

  // Served before the gRPC port opens, so that the first calls are counted
  // and a supervisor that waits for --port_file finds the metrics port
  // written. Destroyed before everything it reads.
  std::shared_ptr<StateMetrics> state_metrics;
  std::unique_ptr<MetricsEndpoint> metrics_endpoint;
  if (metrics != nullptr) {
    StateMetricsSources sources;
    sources.engine = &engine;
    sources.durable = durable.get();
    sources.read_admission = &read_admission;
    sources.write_admission = &write_admission;
    sources.started = started;
    state_metrics = std::make_shared<StateMetrics>(std::move(sources));
    absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
        StartMetricsEndpoint(metrics->registry(), state_metrics);
    if (!endpoint.ok()) {
      spdlog::critical("{}", std::string(endpoint.status().message()));
      return 1;
    }
    metrics_endpoint = *std::move(endpoint);
  } else {
    spdlog::info("no --metrics_listen: no metrics endpoint");
  }
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // The ranker calls run on the lanes' workers; this bounds the threads gRPC
  // itself may add for synchronous services under load.
  grpc::ResourceQuota quota("ranker_server");
  quota.SetMaxThreads(overload->grpc_max_threads);
  builder.SetResourceQuota(quota);
  int port = 0;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  builder.AddListeningPort(listen, *credentials, &port);
  builder.SetMaxReceiveMessageSize(absl::GetFlag(FLAGS_max_message_bytes));
  builder.RegisterService(&service);
  if (metrics != nullptr) {
    std::vector<
        std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        interceptors;
    interceptors.push_back(
        std::make_unique<HealthCheckMetricsFactory>(metrics.get()));
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    spdlog::critical("cannot listen on {}", listen);
    return 1;
  }
  spdlog::info("ranker_server listening on {} (port {}, {}), {} products",
               listen, port,
               !ServesTls(tls_files)              ? "plaintext"
               : tls_files.client_ca_file.empty() ? "TLS"
                                                  : "mutual TLS",
               engine.Counts().products);
  spdlog::info(
      "overload limits ({} cores usable): --read_workers={}, "
      "--max_reads_in_flight={}, --write_workers={}, "
      "--max_writes_in_flight={}, --max_queue_wait={}, --max_users={} ({})",
      overload->cpus, limits.reads.workers,
      DescribeCap(limits.reads.max_in_flight), limits.writes.workers,
      DescribeCap(limits.writes.max_in_flight),
      absl::FormatDuration(absl::GetFlag(FLAGS_max_queue_wait)),
      overload->max_users,
      overload->max_users == 0 ? "no cap" : "profiles at most");
  spdlog::info("effective configuration: {}",
               EffectiveConfigJson(engine.default_ranking()));
  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty() && !WritePortFile(port_file, port)) {
    spdlog::critical("cannot write the port file {}", port_file);
    server->Shutdown();
    return 1;
  }

  int signal = 0;
  while (sigwait(&handled_signals, &signal) == 0 && signal == SIGHUP) {
    ReloadTokens(authenticator->get());
    ReloadRankingConfig(engine);
  }
  spdlog::info("received signal {}, shutting down", signal);
  // The metrics endpoint takes up to its poll interval (2 s) to stop: it
  // stops meanwhile, not after the calls' grace and the final snapshot.
  // Joined first on every way out (declared last).
  std::jthread metrics_stopper(
      [&metrics_endpoint] { metrics_endpoint.reset(); });
  server->GetHealthCheckService()->SetServingStatus(false);
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoSeconds(absl::GetFlag(FLAGS_shutdown_grace)));
  server->Wait();
  const EngineCounts counts = engine.Counts();
  spdlog::info(
      "served: {} users ({} profiles evicted by --max_users), {} products; "
      "{} calls refused over capacity, {} shed after --max_queue_wait",
      counts.users, counts.evicted_users, counts.products,
      read_admission.refused() + write_admission.refused(),
      read_admission.shed() + write_admission.shed());
  if (durable != nullptr) {
    if (absl::Status closed = durable->Close(); !closed.ok()) {
      spdlog::critical("final snapshot and closing the log: {}",
                       closed.ToString());
      return 1;
    }
  }
  spdlog::info("stopped");
  return 0;
}

}  // namespace
}  // namespace ranker

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Interest Ranker gRPC server. Serves ranker.v1.Ranker, the gRPC health "
      "service and server reflection.\nExample: ranker_server "
      "--listen=127.0.0.1:50051 --catalog=demo");
  absl::ParseCommandLine(argc, argv);
#ifdef NDEBUG
  // Debian builds Abseil with its debug checks on, so every Mutex lock
  // records the lock order in a global graph to detect deadlocks: a few
  // percent of the LogEvent path, which takes ~20 shard locks per event.
  // Release builds of the server skip it; debug and sanitizer builds (and
  // every test executable) keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  return ranker::Run();
}
