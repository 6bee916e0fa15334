// The framing of one write-ahead log record, little-endian:
//
//   [u32 payload length][u32 checksum][u64 sequence][u8 kind][payload]
//
// The checksum is zlib's CRC-32 over sequence, kind and payload, so a torn
// write, a zero-filled tail or a flipped bit anywhere after the length is
// caught; a damaged length makes the record run past the data or fail the
// checksum of the bytes it claims.
#ifndef RANKER_CORE_PERSIST_WAL_RECORD_H_
#define RANKER_CORE_PERSIST_WAL_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/persist/call_codec.h"

namespace ranker::persist {

inline constexpr size_t kRecordHeaderBytes = 4 + 4 + 8 + 1;
// Far above any call the server accepts (--max_message_bytes is 32 MiB by
// default); a larger length field is damage.
inline constexpr uint32_t kMaxRecordPayloadBytes = 1u << 30;

// Appends the framed record to `out`.
void AppendRecord(uint64_t sequence, RecordKind kind, absl::string_view payload,
                  std::string& out);
// The same framing with any kind byte: snapshot files reuse it for their
// frames (sequence = frame number, kind = section).
void AppendFrame(uint64_t sequence, uint8_t kind, absl::string_view payload,
                 std::string& out);

// A record parsed in place: `payload` points into the parsed bytes.
struct RecordView {
  uint64_t sequence = 0;
  uint8_t kind = 0;  // not checked against RecordKind here: see the reader
  absl::string_view payload;
  size_t size = 0;  // header + payload bytes
};

// Parses the record at the start of `bytes`. DATA_LOSS saying why ("truncated
// header", "length ... runs past the end", "checksum mismatch") when the bytes
// do not hold a whole, intact record. Never reads outside `bytes`.
absl::StatusOr<RecordView> ParseRecord(absl::string_view bytes);

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_WAL_RECORD_H_
