// ranker_server: the Interest Ranker gRPC server.
//
// With no flags it serves the bundled demo catalog in memory on
// 127.0.0.1:50051. SIGINT / SIGTERM stop it gracefully: new calls are refused,
// in-flight calls finish (up to --shutdown_grace), and it exits 0.
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
