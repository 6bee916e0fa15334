#include "server/health_check_metrics.h"

#include <chrono>
#include <cstring>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace ranker {
namespace {

constexpr char kHealthCheckMethod[] = "/grpc.health.v1.Health/Check";

// Times one Check call from its creation (the call's arrival) to the status
// being sent.
class HealthCheckMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit HealthCheckMetricsInterceptor(ServerMetrics* metrics)
      : metrics_(metrics), start_(std::chrono::steady_clock::now()) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      metrics_->RecordCall(
          Rpc::kHealthCheck, static_cast<absl::StatusCode>(status.error_code()),
          absl::FromChrono(std::chrono::steady_clock::now() - start_));
    }
    methods->Proceed();
  }

 private:
  ServerMetrics* const metrics_;
  const std::chrono::steady_clock::time_point start_;
};

}  // namespace

grpc::experimental::Interceptor*
HealthCheckMetricsFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (info->method() == nullptr ||
      std::strcmp(info->method(), kHealthCheckMethod) != 0) {
    return nullptr;
  }
  return new HealthCheckMetricsInterceptor(metrics_);
}

}  // namespace ranker
