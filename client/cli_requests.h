// The CLI's flag values, gathered in plain structs, turned into ranker.v1
// requests; and long lists split into calls the server accepts.
#ifndef RANKER_CLIENT_CLI_REQUESTS_H_
#define RANKER_CLIENT_CLI_REQUESTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ranker/v1/ranker.pb.h"

namespace ranker::cli {

// The flags of `ranker_cli recommend`, as typed (lists still comma-separated).
struct RecommendOptions {
  std::string user;
  std::string session;
  int32_t count = 20;
  std::string scene = "feed";
  std::string shop;
  std::string context_tags;
  std::string recent;
  std::string exclude;
  int32_t content_slots = 0;
  std::string weight;
  bool explain = true;
};

// Errors name the flag, e.g. "--scene: unknown scene 'fed' (...)". Values
// the server checks anyway (ranges, lengths) are left to the server.
absl::StatusOr<v1::RecommendProductsRequest> BuildRecommendRequest(
    const RecommendOptions& options);

// The per-event flags of `ranker_cli log` (the --file form needs none).
struct LogOptions {
  std::string user;
  std::string session;
  std::string products;
  std::string type;
  int64_t dwell_ms = 0;
  std::string form;
  std::string content_tags;
  std::string creator;
  int64_t timestamp_ms = 0;
};

// One event per product id in `options.products`, otherwise identical.
// Errors name the flag.
absl::StatusOr<std::vector<v1::Event>> BuildEvents(const LogOptions& options);

// The flags of `ranker_cli shops` (the --file form needs none).
struct ShopOptions {
  std::string shops;  // comma-separated shop ids
  std::string status;
  std::optional<double> quality;  // absent: each shop keeps its score
};

// One Shop per id in `options.shops`, otherwise identical. Errors name the
// flag; the score's range is left to the server.
absl::StatusOr<std::vector<v1::Shop>> BuildShops(const ShopOptions& options);

// How many events or products one call carries: well under the server's
// limit of 10,000 per call, so that each call stays small and fast.
inline constexpr size_t kBatchSize = 1000;

// Consecutive calls of at most `batch_size` items each, in input order;
// empty input gives no calls.
std::vector<v1::LogEventRequest> MakeLogEventRequests(
    std::vector<v1::Event> events, size_t batch_size = kBatchSize);
std::vector<v1::UpsertProductsRequest> MakeUpsertRequests(
    std::vector<v1::Product> products, size_t batch_size = kBatchSize);
std::vector<v1::UpsertShopsRequest> MakeUpsertShopsRequests(
    std::vector<v1::Shop> shops, size_t batch_size = kBatchSize);

}  // namespace ranker::cli

#endif  // RANKER_CLIENT_CLI_REQUESTS_H_
