#include "server/ranker_service.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "server/call_deadline.h"
#include "server/process_memory.h"
#include "server/proto_convert.h"
#include "server/status_convert.h"
#include "spdlog/spdlog.h"

// The project's version, from CMakeLists.txt (server/CMakeLists.txt passes
// it).
#ifndef RANKER_VERSION
#define RANKER_VERSION "unknown"
#endif

namespace ranker {
namespace {

std::string RandomPrefix() {
  absl::BitGen gen;
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(gen));
}

}  // namespace

RankerService::RankerService(Engine* engine, ServiceAuth auth,
                             ServiceExecution execution, absl::Time started,
                             ServerMetrics* metrics)
    : engine_(engine),
      auth_(auth),
      execution_(execution),
      started_(started),
      metrics_(metrics),
      request_id_prefix_(RandomPrefix()) {}

void RankerService::Finish(grpc::ServerUnaryReactor* reactor, Rpc rpc,
                           Started started, const absl::Status& status) const {
  if (metrics_ != nullptr) {
    metrics_->RecordCall(
        rpc, status.code(),
        absl::FromChrono(std::chrono::steady_clock::now() - started));
  }
  reactor->Finish(ToGrpcStatus(status));
}

grpc::ServerUnaryReactor* RankerService::Serve(
    grpc::CallbackServerContext* context, Rpc rpc, bool write, Work work) {
  const Started started = std::chrono::steady_clock::now();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // A caller that has already given up gets nothing done for it, not even a
  // place among the calls in flight.
  const absl::Time deadline = ToAbslDeadline(context->deadline());
  if (absl::Now() >= deadline) {
    Finish(reactor, rpc, started,
           absl::DeadlineExceededError(
               "deadline exceeded before the call started"));
    return reactor;
  }
  const ExecutionLane& lane = write ? execution_.writes : execution_.reads;
  std::optional<AdmissionControl::Permit> permit;
  if (lane.admission != nullptr) {
    permit = lane.admission->TryAdmit();
    if (!permit.has_value()) {
      if (over_capacity_log_.Allow()) {
        spdlog::warn("over capacity: {} {} calls refused so far ({}={})",
                     lane.admission->refused(), write ? "write" : "read",
                     lane.admission->flag(), lane.admission->max_in_flight());
      }
      Finish(reactor, rpc, started, lane.admission->OverCapacityError());
      return reactor;
    }
  }
  if (absl::Status status = Authenticate(*context, write); !status.ok()) {
    Finish(reactor, rpc, started, status);
    return reactor;
  }
  auto run = [this, reactor, rpc, started, deadline, admission = lane.admission,
              queued = absl::Now(), permit = std::move(permit),
              work = std::move(work)]() mutable {
    absl::Status status = admission == nullptr ? absl::OkStatus()
                                               : admission->CheckQueueWait(
                                                     absl::Now() - queued,
                                                     execution_.max_queue_wait);
    if (status.ok()) status = std::move(work)(deadline);
    // The place is free before the reply leaves, so a caller that sends its
    // next call on reply is not refused by its own previous one.
    permit.reset();
    Finish(reactor, rpc, started, status);
  };
  if (lane.workers == nullptr) {
    run();
  } else {
    lane.workers->Schedule(std::move(run));
  }
  return reactor;
}

absl::Status RankerService::Authenticate(
    const grpc::CallbackServerContext& context, bool write) const {
  if (auth_.authenticator == nullptr || (!write && !auth_.protect_reads)) {
    return absl::OkStatus();
  }
  std::optional<absl::string_view> authorization;
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find("authorization"); it != metadata.end()) {
    authorization = absl::string_view(it->second.data(), it->second.size());
  }
  absl::Status status = auth_.authenticator->Check(authorization);
  if (!status.ok()) {
    // Per call, so debug only; the token itself is never logged.
    spdlog::debug("refused a call from {}: {}", context.peer(),
                  std::string(status.message()));
  }
  return status;
}

std::string RankerService::NextRequestId() {
  return absl::StrCat(
      request_id_prefix_, "-",
      request_sequence_.fetch_add(1, std::memory_order_relaxed));
}

grpc::ServerUnaryReactor* RankerService::RecommendProducts(
    grpc::CallbackServerContext* context,
    const v1::RecommendProductsRequest* request,
    v1::RecommendProductsResponse* response) {
  return Serve(context, Rpc::kRecommendProducts, /*write=*/false,
               [this, request, response](absl::Time deadline) -> absl::Status {
                 absl::StatusOr<RecommendRequest> core_request =
                     FromProto(*request);
                 if (!core_request.ok()) return core_request.status();
                 core_request->deadline = deadline;
                 absl::StatusOr<RecommendResult> result =
                     engine_->Recommend(*core_request);
                 if (!result.ok()) return result.status();
                 if (metrics_ != nullptr) {
                   metrics_->RecordStages(result->timings);
                 }
                 ToProto(*result, response);
                 response->set_request_id(NextRequestId());
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RankerService::LogEvent(
    grpc::CallbackServerContext* context, const v1::LogEventRequest* request,
    v1::LogEventResponse* response) {
  return Serve(context, Rpc::kLogEvent, /*write=*/true,
               [this, request, response](absl::Time deadline) -> absl::Status {
                 absl::StatusOr<std::vector<Event>> events =
                     FromProto(*request);
                 if (!events.ok()) return events.status();
                 if (absl::Status status = engine_->Log(*events, deadline);
                     !status.ok()) {
                   return status;
                 }
                 if (metrics_ != nullptr) metrics_->RecordEvents(*events);
                 response->set_accepted(static_cast<int32_t>(events->size()));
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RankerService::UpsertProducts(
    grpc::CallbackServerContext* context,
    const v1::UpsertProductsRequest* request,
    v1::UpsertProductsResponse* response) {
  return Serve(context, Rpc::kUpsertProducts, /*write=*/true,
               [this, request, response](absl::Time deadline) -> absl::Status {
                 absl::StatusOr<std::vector<ProductSpec>> specs =
                     FromProto(*request);
                 if (!specs.ok()) return specs.status();
                 absl::StatusOr<UpsertResult> result =
                     engine_->UpsertProducts(*specs, deadline);
                 if (!result.ok()) return result.status();
                 ToProto(*result, response);
                 spdlog::debug("upserted {} new and {} changed products",
                               result->inserted, result->updated);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RankerService::UpsertShops(
    grpc::CallbackServerContext* context, const v1::UpsertShopsRequest* request,
    v1::UpsertShopsResponse* response) {
  return Serve(context, Rpc::kUpsertShops, /*write=*/true,
               [this, request, response](absl::Time deadline) -> absl::Status {
                 absl::StatusOr<std::vector<ShopSpec>> specs =
                     FromProto(*request);
                 if (!specs.ok()) return specs.status();
                 absl::StatusOr<UpsertResult> result =
                     engine_->UpsertShops(*specs, deadline);
                 if (!result.ok()) return result.status();
                 ToProto(*result, response);
                 // Governance changes are rare and worth an operator's
                 // attention.
                 spdlog::info(
                     "shop governance: {} shops newly governed, {} "
                     "changed",
                     result->inserted, result->updated);
                 return absl::OkStatus();
               });
}

// The Describe calls are reads: protected only with --auth_protect_reads,
// like RecommendProducts (they reveal no more than a ranked list with debug
// explanations does).
grpc::ServerUnaryReactor* RankerService::DescribeUser(
    grpc::CallbackServerContext* context,
    const v1::DescribeUserRequest* request,
    v1::DescribeUserResponse* response) {
  return Serve(context, Rpc::kDescribeUser, /*write=*/false,
               [this, request, response](absl::Time) -> absl::Status {
                 absl::StatusOr<UserDescription> user = engine_->DescribeUser(
                     request->user_id(), request->top_tags());
                 if (!user.ok()) return user.status();
                 ToProto(*user, response);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RankerService::DescribeProduct(
    grpc::CallbackServerContext* context,
    const v1::DescribeProductRequest* request,
    v1::DescribeProductResponse* response) {
  return Serve(context, Rpc::kDescribeProduct, /*write=*/false,
               [this, request, response](absl::Time) -> absl::Status {
                 absl::StatusOr<ProductDescription> product =
                     engine_->DescribeProduct(request->product_id());
                 if (!product.ok()) return product.status();
                 ToProto(*product, response);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RankerService::DescribeService(
    grpc::CallbackServerContext* context,
    const v1::DescribeServiceRequest* request,
    v1::DescribeServiceResponse* response) {
  return Serve(context, Rpc::kDescribeService, /*write=*/false,
               [this, response](absl::Time) -> absl::Status {
                 ToProto(engine_->Counts(), response);
                 // The counts are worth having without the memory: a server
                 // that cannot read /proc answers 0 bytes (as documented)
                 // rather than failing the call.
                 absl::StatusOr<ProcessMemory> memory = ReadProcessMemory();
                 if (memory.ok()) {
                   response->set_rss_bytes(memory->resident_bytes);
                   response->set_peak_rss_bytes(memory->peak_resident_bytes);
                 } else if (memory_error_log_.Allow()) {
                   spdlog::warn("DescribeService: no memory figures: {}",
                                memory.status().ToString());
                 }
                 response->set_uptime_seconds(
                     absl::ToDoubleSeconds(absl::Now() - started_));
                 response->set_version(RANKER_VERSION);
                 return absl::OkStatus();
               });
}

}  // namespace ranker
