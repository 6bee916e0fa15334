// ranker_server: the Interest Ranker gRPC server.
//
// With no flags it serves the bundled demo catalog in memory on
// 127.0.0.1:50051; with --state_dir every acknowledged write call is kept in
// a write-ahead log there and replayed at start-up. SIGINT / SIGTERM stop it
// gracefully: new calls are refused, in-flight calls finish (up to
// --shutdown_grace), and it exits 0.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/engine.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "server/catalog_source.h"
#include "server/durable_state.h"
#include "server/ranker_service.h"
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
ABSL_FLAG(std::string, state_dir, "",
          "Directory for durable state (the write-ahead log in <dir>/wal). "
          "Empty: state is kept in memory only and a restart forgets every "
          "logged event and upsert. When set, start-up replays the log on top "
          "of --catalog before serving, and every acknowledged write call is "
          "in the log (durability per --wal_fsync).");
ABSL_FLAG(std::string, wal_fsync, "always",
          "When the write-ahead log is flushed to disk: 'always' (before a "
          "write call is acknowledged; concurrent calls share one fdatasync), "
          "'interval' (every --wal_fsync_interval_ms; a crash of the machine "
          "may lose that much), 'none' (the OS decides; a process crash loses "
          "nothing, a machine crash may lose seconds).");
ABSL_FLAG(int, wal_fsync_interval_ms, 100,
          "With --wal_fsync=interval: the longest time between flushes, ms.");
ABSL_FLAG(int64_t, wal_segment_bytes, int64_t{64} << 20,
          "The write-ahead log starts a new segment file once the current one "
          "holds this many bytes.");

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

// Blocks SIGINT and SIGTERM in every thread (gRPC's threads inherit the mask)
// so that one thread can wait for them with sigwait.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
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
  return options;
}

int Run() {
  const sigset_t stop_signals = BlockStopSignals();
  spdlog::set_level(spdlog::level::from_str(absl::GetFlag(FLAGS_log_level)));

  Engine engine;
  absl::StatusOr<size_t> loaded =
      LoadInitialCatalog(absl::GetFlag(FLAGS_catalog), engine);
  if (!loaded.ok()) {
    spdlog::critical("cannot load the catalog: {}", loaded.status().ToString());
    return 1;
  }
  std::unique_ptr<DurableState> durable;
  if (absl::GetFlag(FLAGS_state_dir).empty()) {
    spdlog::info(
        "no --state_dir: events and upserts are kept in memory only and lost "
        "on restart");
  } else {
    absl::StatusOr<DurableStateOptions> options = DurableOptionsFromFlags();
    if (!options.ok()) {
      spdlog::critical("{}", options.status().ToString());
      return 1;
    }
    absl::StatusOr<std::unique_ptr<DurableState>> opened =
        DurableState::Open(*options, engine);
    if (!opened.ok()) {
      spdlog::critical("cannot recover the state in {}: {}", options->state_dir,
                       opened.status().ToString());
      return 1;
    }
    durable = *std::move(opened);
  }

  RankerService service(&engine);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(absl::GetFlag(FLAGS_max_message_bytes));
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    spdlog::critical("cannot listen on {}", listen);
    return 1;
  }
  spdlog::info("ranker_server listening on {} (port {}), {} products", listen,
               port, *loaded);
  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty() && !WritePortFile(port_file, port)) {
    spdlog::critical("cannot write the port file {}", port_file);
    server->Shutdown();
    return 1;
  }

  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("received signal {}, shutting down", signal);
  server->GetHealthCheckService()->SetServingStatus(false);
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoSeconds(absl::GetFlag(FLAGS_shutdown_grace)));
  server->Wait();
  if (durable != nullptr) {
    if (absl::Status closed = durable->Close(); !closed.ok()) {
      spdlog::critical("closing the write-ahead log: {}", closed.ToString());
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
  return ranker::Run();
}
