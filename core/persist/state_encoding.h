// Encoding helpers shared by the snapshot Save/Load methods of the core's
// stateful classes (catalog, profiles, statistics): decayed values, maps of
// product times, and an early-return macro for the Decoder's statuses.
//
// A snapshot is read back only after every frame's checksum passed, so a
// decoding error here means a bug or a file from another build, never a torn
// write; it still stops loading with DATA_LOSS rather than crashing.
#ifndef RANKER_CORE_PERSIST_STATE_ENCODING_H_
#define RANKER_CORE_PERSIST_STATE_ENCODING_H_

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/decayed_value.h"
#include "core/persist/encoding.h"
#include "core/types.h"

// Returns the status from the enclosing function unless it is OK.
#define RANKER_RETURN_IF_ERROR(expr)                                  \
  do {                                                                \
    if (absl::Status _status = (expr); !_status.ok()) return _status; \
  } while (false)

namespace ranker::persist {

inline void PutDecayed(Encoder& out, const DecayedValue& value) {
  out.PutFloat(value.value);
  out.PutSigned(value.at);
}

inline absl::Status GetDecayed(Decoder& in, DecayedValue& value,
                               absl::string_view field) {
  RANKER_RETURN_IF_ERROR(in.GetFloat(value.value, field));
  return in.GetSigned(value.at, field);
}

inline absl::Status GetU32(Decoder& in, uint32_t& value,
                           absl::string_view field) {
  uint64_t raw = 0;
  RANKER_RETURN_IF_ERROR(in.GetBounded(raw, UINT32_MAX, field));
  value = static_cast<uint32_t>(raw);
  return absl::OkStatus();
}

// Exact counts per event type (EventTypeCounts).
template <size_t N>
void PutCounts(Encoder& out, const std::array<uint32_t, N>& counts) {
  for (uint32_t count : counts) out.PutVarint(count);
}

template <size_t N>
absl::Status GetCounts(Decoder& in, std::array<uint32_t, N>& counts,
                       absl::string_view field) {
  for (uint32_t& count : counts) {
    RANKER_RETURN_IF_ERROR(GetU32(in, count, field));
  }
  return absl::OkStatus();
}

// A map from dense ids to a value, written in key order so that the same
// state always gives the same bytes.
template <typename Key, typename Value, typename PutValue>
void PutMap(Encoder& out, const absl::flat_hash_map<Key, Value>& map,
            PutValue put_value) {
  std::vector<std::pair<Key, const Value*>> entries;
  entries.reserve(map.size());
  for (const auto& [key, value] : map) entries.push_back({key, &value});
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out.PutVarint(entries.size());
  for (const auto& [key, value] : entries) {
    out.PutVarint(key);
    put_value(*value);
  }
}

template <typename Key, typename Value, typename GetValue>
absl::Status GetMap(Decoder& in, absl::flat_hash_map<Key, Value>& map,
                    absl::string_view field, GetValue get_value) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, field));
  map.clear();
  map.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t key = 0;
    RANKER_RETURN_IF_ERROR(in.GetVarint(key, field));
    Value value{};
    RANKER_RETURN_IF_ERROR(get_value(value));
    map[static_cast<Key>(key)] = value;
  }
  return absl::OkStatus();
}

// The common case: product (or tag) -> time.
template <typename Key>
void PutTimes(Encoder& out, const absl::flat_hash_map<Key, TimeMs>& map) {
  PutMap(out, map, [&](TimeMs time) { out.PutSigned(time); });
}

template <typename Key>
absl::Status GetTimes(Decoder& in, absl::flat_hash_map<Key, TimeMs>& map,
                      absl::string_view field) {
  return GetMap(in, map, field,
                [&](TimeMs& time) { return in.GetSigned(time, field); });
}

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_STATE_ENCODING_H_
