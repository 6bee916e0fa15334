#include "core/persist/encoding.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace ranker::persist {
namespace {

absl::Status Damaged(absl::string_view field, absl::string_view problem) {
  return absl::DataLossError(absl::StrCat(field, ": ", problem));
}

}  // namespace

void StoreLittleEndian32(uint32_t value, char* out) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(value >> (8 * i));
}

void StoreLittleEndian64(uint64_t value, char* out) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(value >> (8 * i));
}

uint32_t LoadLittleEndian32(const char* in) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value |= static_cast<uint32_t>(static_cast<uint8_t>(in[i])) << (8 * i);
  }
  return value;
}

uint64_t LoadLittleEndian64(const char* in) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value |= static_cast<uint64_t>(static_cast<uint8_t>(in[i])) << (8 * i);
  }
  return value;
}

void Encoder::PutVarint(uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<char>(value));
}

void Encoder::PutSigned(int64_t value) {
  const uint64_t bits = static_cast<uint64_t>(value);
  PutVarint((bits << 1) ^ (value < 0 ? ~uint64_t{0} : 0));
}

void Encoder::PutDouble(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  char bytes[8];
  StoreLittleEndian64(bits, bytes);
  out_.append(bytes, sizeof(bytes));
}

void Encoder::PutFloat(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  char bytes[4];
  StoreLittleEndian32(bits, bytes);
  out_.append(bytes, sizeof(bytes));
}

void Encoder::PutString(absl::string_view value) {
  PutVarint(value.size());
  out_.append(value.data(), value.size());
}

absl::Status Decoder::GetVarint(uint64_t& value, absl::string_view field) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (rest_.empty()) return Damaged(field, "truncated varint");
    const uint8_t byte = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    // The tenth byte may only carry the top bit of a 64-bit value.
    if (shift == 63 && byte > 1) return Damaged(field, "varint overflows");
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      value = result;
      return absl::OkStatus();
    }
  }
  return Damaged(field, "varint longer than 10 bytes");
}

absl::Status Decoder::GetSigned(int64_t& value, absl::string_view field) {
  uint64_t bits = 0;
  if (auto s = GetVarint(bits, field); !s.ok()) return s;
  value = static_cast<int64_t>((bits >> 1) ^ (~(bits & 1) + 1));
  return absl::OkStatus();
}

absl::Status Decoder::GetBool(bool& value, absl::string_view field) {
  uint64_t raw = 0;
  if (auto s = GetBounded(raw, 1, field); !s.ok()) return s;
  value = raw == 1;
  return absl::OkStatus();
}

absl::Status Decoder::GetDouble(double& value, absl::string_view field) {
  if (rest_.size() < 8) return Damaged(field, "truncated double");
  const uint64_t bits = LoadLittleEndian64(rest_.data());
  std::memcpy(&value, &bits, sizeof(value));
  rest_.remove_prefix(8);
  return absl::OkStatus();
}

absl::Status Decoder::GetFloat(float& value, absl::string_view field) {
  if (rest_.size() < 4) return Damaged(field, "truncated float");
  const uint32_t bits = LoadLittleEndian32(rest_.data());
  std::memcpy(&value, &bits, sizeof(value));
  rest_.remove_prefix(4);
  return absl::OkStatus();
}

absl::Status Decoder::GetString(std::string& value, absl::string_view field) {
  uint64_t size = 0;
  if (auto s = GetVarint(size, field); !s.ok()) return s;
  if (size > rest_.size()) {
    return Damaged(field, absl::StrCat("string of ", size, " bytes but only ",
                                       rest_.size(), " left"));
  }
  value.assign(rest_.data(), static_cast<size_t>(size));
  rest_.remove_prefix(static_cast<size_t>(size));
  return absl::OkStatus();
}

absl::Status Decoder::GetBounded(uint64_t& value, uint64_t max,
                                 absl::string_view field) {
  if (auto s = GetVarint(value, field); !s.ok()) return s;
  if (value > max) {
    return Damaged(field, absl::StrCat("value ", value, " above ", max));
  }
  return absl::OkStatus();
}

absl::Status Decoder::GetCount(size_t& count, absl::string_view field) {
  uint64_t raw = 0;
  if (auto s = GetVarint(raw, field); !s.ok()) return s;
  if (raw > rest_.size()) {
    return Damaged(field, absl::StrCat("count ", raw, " but only ",
                                       rest_.size(), " bytes left"));
  }
  count = static_cast<size_t>(raw);
  return absl::OkStatus();
}

absl::Status Decoder::ExpectEnd() const {
  if (rest_.empty()) return absl::OkStatus();
  return absl::DataLossError(
      absl::StrCat(rest_.size(), " unexpected bytes after the payload"));
}

}  // namespace ranker::persist
