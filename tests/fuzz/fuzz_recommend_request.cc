// Bytes -> v1::RecommendProductsRequest -> FromProto -> Engine::Recommend ->
// ToProto, on the fixture engine. Any status is fine; a crash, a sanitizer
// report or a broken invariant of the answer is a bug.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "core/limits.h"
#include "ranker/v1/ranker.pb.h"
#include "server/proto_convert.h"
#include "tests/fuzz/fuzz_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Recommend does not change the engine, so one instance serves every input.
  static const std::unique_ptr<ranker::Engine> engine =
      ranker::fuzz::MakeFuzzEngine();
  // Protobuf logs every string field with invalid UTF-8; fuzzing makes
  // plenty, and printing them would slow the run down.
  [[maybe_unused]] static const bool quiet =
      ranker::fuzz::SilenceProtobufLogs();
  if (size > static_cast<size_t>(std::numeric_limits<int>::max())) return 0;
  ranker::v1::RecommendProductsRequest proto;
  if (!proto.ParseFromArray(data, static_cast<int>(size))) return 0;
  absl::StatusOr<ranker::RecommendRequest> request = ranker::FromProto(proto);
  if (!request.ok()) return 0;
  absl::StatusOr<ranker::RecommendResult> result = engine->Recommend(*request);
  if (!result.ok()) return 0;

  // A successful answer holds at most `count` distinct products with finite
  // scores (NaN would make the order meaningless).
  if (result->items.size() > static_cast<size_t>(ranker::limits::kMaxCount)) {
    std::abort();
  }
  absl::flat_hash_set<std::string> seen;
  for (const ranker::RecommendedItem& item : result->items) {
    if (!seen.insert(item.product_id).second) std::abort();
    if (!std::isfinite(item.score)) std::abort();
  }
  ranker::v1::RecommendProductsResponse response;
  ranker::ToProto(*result, &response);
  std::string wire;
  if (!response.SerializeToString(&wire)) std::abort();
  return 0;
}
