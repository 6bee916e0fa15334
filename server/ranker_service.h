// The ranker.v1.Ranker gRPC service on the callback API. On gRPC's callback
// thread each call is only gated: a deadline already passed is refused with
// DEADLINE_EXCEEDED, a call beyond its lane's in-flight cap with
// RESOURCE_EXHAUSTED (server/admission_control.h), a missing token with
// UNAUTHENTICATED. An admitted call then converts its request to core types
// and runs the Engine on its lane's worker pool (server/worker_pool.h), with
// the call's deadline, and
// finishes the reactor with the Engine's status mapped to a gRPC status.
// With metrics (server/metrics.h), every call is counted where it finishes,
// by RPC and status code, refusals at the gates included.
#ifndef RANKER_SERVER_RANKER_SERVICE_H_
#define RANKER_SERVER_RANKER_SERVICE_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/engine.h"
#include "core/log_throttle.h"
#include "ranker/v1/ranker.grpc.pb.h"
#include "server/admission_control.h"
#include "server/auth.h"
#include "server/metrics.h"
#include "server/worker_pool.h"

namespace ranker {

// Which calls need a bearer token (see server/auth.h).
struct ServiceAuth {
  // Null: every call is open. Otherwise LogEvent, UpsertProducts and
  // UpsertShops need an accepted token. Must outlive the service.
  const Authenticator* authenticator = nullptr;
  // With an authenticator: the reads (RecommendProducts and the Describe
  // calls) need a token too.
  bool protect_reads = false;
};

// Where the admitted calls of one lane run and how many may be in flight.
struct ExecutionLane {
  // Null: every call is admitted. Must outlive the service.
  AdmissionControl* admission = nullptr;
  // Null: calls run inline on gRPC's callback thread. Must outlive the
  // server (calls still queued finish before it stops).
  WorkerPool* workers = nullptr;
};

// The two lanes (server/execution_limits.h explains why two).
struct ServiceExecution {
  // RecommendProducts, DescribeUser, DescribeProduct, DescribeService.
  ExecutionLane reads;
  // LogEvent, UpsertProducts, UpsertShops.
  ExecutionLane writes;
  // An admitted call that waited longer than this for a worker is shed
  // (AdmissionControl::CheckQueueWait). 0: never.
  absl::Duration max_queue_wait = absl::ZeroDuration();
};

class RankerService final : public v1::Ranker::CallbackService {
 public:
  // `engine` must outlive the service. DescribeService counts the uptime
  // from `started`: the process's start, before the catalog was loaded.
  // `metrics` (null: none) counts every call by RPC and status code, with
  // its latency, the pipeline's stage latencies and the events logged; it
  // must outlive the service.
  explicit RankerService(Engine* engine, ServiceAuth auth = {},
                         ServiceExecution execution = {},
                         absl::Time started = absl::Now(),
                         ServerMetrics* metrics = nullptr);

  grpc::ServerUnaryReactor* RecommendProducts(
      grpc::CallbackServerContext* context,
      const v1::RecommendProductsRequest* request,
      v1::RecommendProductsResponse* response) override;
  grpc::ServerUnaryReactor* LogEvent(grpc::CallbackServerContext* context,
                                     const v1::LogEventRequest* request,
                                     v1::LogEventResponse* response) override;
  grpc::ServerUnaryReactor* UpsertProducts(
      grpc::CallbackServerContext* context,
      const v1::UpsertProductsRequest* request,
      v1::UpsertProductsResponse* response) override;
  grpc::ServerUnaryReactor* UpsertShops(
      grpc::CallbackServerContext* context,
      const v1::UpsertShopsRequest* request,
      v1::UpsertShopsResponse* response) override;
  grpc::ServerUnaryReactor* DescribeUser(
      grpc::CallbackServerContext* context,
      const v1::DescribeUserRequest* request,
      v1::DescribeUserResponse* response) override;
  grpc::ServerUnaryReactor* DescribeProduct(
      grpc::CallbackServerContext* context,
      const v1::DescribeProductRequest* request,
      v1::DescribeProductResponse* response) override;
  grpc::ServerUnaryReactor* DescribeService(
      grpc::CallbackServerContext* context,
      const v1::DescribeServiceRequest* request,
      v1::DescribeServiceResponse* response) override;

 private:
  // "<process prefix>-<sequence>": unique across restarts and replicas with
  // overwhelming probability, cheap per request.
  std::string NextRequestId();

  // OK, or UNAUTHENTICATED when the call lacks an accepted token and `write`
  // (or reads are protected) demands one.
  absl::Status Authenticate(const grpc::CallbackServerContext& context,
                            bool write) const;

  // What every call goes through: the gates above, then `work` (given the
  // call's deadline) on the worker pool; its status finishes the call.
  using Work = absl::AnyInvocable<absl::Status(absl::Time deadline) &&>;
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, Rpc rpc,
                                  bool write, Work work);

  // Counts the call in the metrics (before the reply leaves, so that a
  // caller who scrapes on reply sees it), then finishes it.
  using Started = std::chrono::steady_clock::time_point;
  void Finish(grpc::ServerUnaryReactor* reactor, Rpc rpc, Started started,
              const absl::Status& status) const;

  Engine* const engine_;
  const ServiceAuth auth_;
  const ServiceExecution execution_;
  const absl::Time started_;
  ServerMetrics* const metrics_;
  LogThrottle over_capacity_log_{absl::Minutes(1)};
  LogThrottle memory_error_log_{absl::Minutes(1)};
  const std::string request_id_prefix_;
  std::atomic<uint64_t> request_sequence_{0};
};

}  // namespace ranker

#endif  // RANKER_SERVER_RANKER_SERVICE_H_
