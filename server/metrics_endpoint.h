// The HTTP endpoint Prometheus scrapes (--metrics_listen): GET /metrics
// answers with the text exposition format of every registered collectable.
// prometheus-cpp's Exposer (civetweb, two threads of its own), so that
// scrapes never take a gRPC worker; plain HTTP, no authentication: bind it
// to an address only the scraper reaches (docs/operations/metrics.md).
#ifndef RANKER_SERVER_METRICS_ENDPOINT_H_
#define RANKER_SERVER_METRICS_ENDPOINT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"

namespace ranker {

class MetricsEndpoint {
 public:
  // Serves on `listen` ("host:port"; port 0 picks a free port, see port()).
  // INVALID_ARGUMENT for an address without a port, UNAVAILABLE when it
  // cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& listen);
  // Start's INVALID_ARGUMENT check alone, to refuse a bad flag before a long
  // state load.
  static absl::Status CheckAddress(const std::string& listen);

  // Scrapes of /metrics collect `collectable` from now on, until the
  // endpoint is destroyed or it expires; it is never collected once the
  // endpoint is gone.
  void Register(const std::weak_ptr<prometheus::Collectable>& collectable);

  // The bound port (the one picked for port 0).
  int port() const { return port_; }

 private:
  MetricsEndpoint(std::unique_ptr<prometheus::Exposer> exposer, int port)
      : exposer_(std::move(exposer)), port_(port) {}

  std::unique_ptr<prometheus::Exposer> exposer_;
  const int port_;
};

}  // namespace ranker

#endif  // RANKER_SERVER_METRICS_ENDPOINT_H_
