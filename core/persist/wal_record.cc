#include "core/persist/wal_record.h"

#include <zlib.h>

#include "absl/strings/str_cat.h"
#include "core/persist/encoding.h"

namespace ranker::persist {
namespace {

// CRC-32 of the bytes after the length and checksum fields.
uint32_t Checksum(absl::string_view sequence_and_kind,
                  absl::string_view payload) {
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(sequence_and_kind.data()),
              static_cast<uInt>(sequence_and_kind.size()));
  // zlib takes uInt lengths; payloads are bounded by kMaxRecordPayloadBytes.
  crc = crc32(crc, reinterpret_cast<const Bytef*>(payload.data()),
              static_cast<uInt>(payload.size()));
  return static_cast<uint32_t>(crc);
}

}  // namespace

void AppendRecord(uint64_t sequence, RecordKind kind, absl::string_view payload,
                  std::string& out) {
  AppendFrame(sequence, static_cast<uint8_t>(kind), payload, out);
}

void AppendFrame(uint64_t sequence, uint8_t kind, absl::string_view payload,
                 std::string& out) {
  char header[kRecordHeaderBytes];
  StoreLittleEndian32(static_cast<uint32_t>(payload.size()), header);
  StoreLittleEndian64(sequence, header + 8);
  header[16] = static_cast<char>(kind);
  StoreLittleEndian32(Checksum(absl::string_view(header + 8, 9), payload),
                      header + 4);
  out.append(header, sizeof(header));
  out.append(payload.data(), payload.size());
}

absl::StatusOr<RecordView> ParseRecord(absl::string_view bytes) {
  if (bytes.size() < kRecordHeaderBytes) {
    return absl::DataLossError(absl::StrCat("truncated header (", bytes.size(),
                                            " of ", kRecordHeaderBytes,
                                            " bytes)"));
  }
  const uint32_t length = LoadLittleEndian32(bytes.data());
  if (length > kMaxRecordPayloadBytes) {
    return absl::DataLossError(
        absl::StrCat("payload length ", length, " above the limit"));
  }
  if (length > bytes.size() - kRecordHeaderBytes) {
    return absl::DataLossError(
        absl::StrCat("payload length ", length, " runs past the end (",
                     bytes.size() - kRecordHeaderBytes, " bytes left)"));
  }
  const uint32_t stored = LoadLittleEndian32(bytes.data() + 4);
  RecordView record;
  record.sequence = LoadLittleEndian64(bytes.data() + 8);
  record.kind = static_cast<uint8_t>(bytes[16]);
  record.payload = bytes.substr(kRecordHeaderBytes, length);
  record.size = kRecordHeaderBytes + length;
  if (Checksum(bytes.substr(8, 9), record.payload) != stored) {
    return absl::DataLossError("checksum mismatch");
  }
  return record;
}

}  // namespace ranker::persist
