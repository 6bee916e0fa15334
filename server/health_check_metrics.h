// Counts the standard health service's Check calls in ServerMetrics, like
// the ranker calls (which server/ranker_service.cc counts itself): load
// balancers and Kubernetes probe it, so its rate and latency say whether
// the probes see the server. A gRPC server interceptor, created only for
// that method; every other call gets none and costs nothing more.
#ifndef RANKER_SERVER_HEALTH_CHECK_METRICS_H_
#define RANKER_SERVER_HEALTH_CHECK_METRICS_H_

#include "grpcpp/support/server_interceptor.h"
#include "server/metrics.h"

namespace ranker {

class HealthCheckMetricsFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `metrics` must outlive the server.
  explicit HealthCheckMetricsFactory(ServerMetrics* metrics)
      : metrics_(metrics) {}

  // An interceptor for /grpc.health.v1.Health/Check, null for the rest.
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  ServerMetrics* const metrics_;
};

}  // namespace ranker

#endif  // RANKER_SERVER_HEALTH_CHECK_METRICS_H_
