// The payloads of write-ahead log records: each is one accepted write call of
// the Engine, encoded with every field the call carries, so that replaying it
// reproduces the call exactly. Each payload starts with a format version.
#ifndef RANKER_CORE_PERSIST_CALL_CODEC_H_
#define RANKER_CORE_PERSIST_CALL_CODEC_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/catalog/product.h"
#include "core/catalog/shop.h"
#include "core/event.h"
#include "core/types.h"

namespace ranker::persist {

// What a record holds; stored as one byte in the record header. Values are
// part of the on-disk format: never renumber.
enum class RecordKind : uint8_t {
  kLogEvents = 1,
  kUpsertProducts = 2,
  kUpsertShops = 3,
};
absl::string_view RecordKindName(RecordKind kind);
bool IsKnownRecordKind(uint8_t kind);

// A LogEvent call with the server time it was resolved against: events with
// timestamp 0 happened at `now`, and later ones are clamped to it.
struct LogEventsCall {
  TimeMs now = 0;
  std::vector<Event> events;
};

std::string EncodeLogEvents(TimeMs now, std::span<const Event> events);
std::string EncodeUpsertProducts(std::span<const ProductSpec> products);
std::string EncodeUpsertShops(std::span<const ShopSpec> shops);

// DATA_LOSS naming the field for any bytes that are not a payload of the
// current format; never reads outside `payload`.
absl::StatusOr<LogEventsCall> DecodeLogEvents(absl::string_view payload);
absl::StatusOr<std::vector<ProductSpec>> DecodeUpsertProducts(
    absl::string_view payload);
absl::StatusOr<std::vector<ShopSpec>> DecodeUpsertShops(
    absl::string_view payload);

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_CALL_CODEC_H_
