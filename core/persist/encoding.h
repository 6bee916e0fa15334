// A compact binary encoding for log payloads: unsigned varints (LEB128),
// zigzag varints for signed numbers, length-prefixed strings and doubles as
// their 8 IEEE-754 bytes (little-endian), so a value round-trips bit for bit.
// The Decoder reads untrusted bytes (a damaged log, a fuzzer): every read
// checks what is left and reports a Status; it never reads past the end.
#ifndef RANKER_CORE_PERSIST_ENCODING_H_
#define RANKER_CORE_PERSIST_ENCODING_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace ranker::persist {

// Fixed-width little-endian integers (the record header).
void StoreLittleEndian32(uint32_t value, char* out);
void StoreLittleEndian64(uint64_t value, char* out);
uint32_t LoadLittleEndian32(const char* in);
uint64_t LoadLittleEndian64(const char* in);

class Encoder {
 public:
  void PutVarint(uint64_t value);
  void PutSigned(int64_t value);  // zigzag, so small negatives stay small
  void PutBool(bool value) { out_.push_back(value ? 1 : 0); }
  void PutDouble(double value);
  void PutFloat(float value);  // 4 bytes: decayed values are floats
  void PutString(absl::string_view value);

  const std::string& bytes() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Decoder {
 public:
  explicit Decoder(absl::string_view bytes) : rest_(bytes) {}

  // Each Get names `field` in its error ("<field>: truncated").
  absl::Status GetVarint(uint64_t& value, absl::string_view field);
  absl::Status GetSigned(int64_t& value, absl::string_view field);
  absl::Status GetBool(bool& value, absl::string_view field);
  absl::Status GetDouble(double& value, absl::string_view field);
  absl::Status GetFloat(float& value, absl::string_view field);
  absl::Status GetString(std::string& value, absl::string_view field);
  // A varint that must be <= max (enums, small ints).
  absl::Status GetBounded(uint64_t& value, uint64_t max,
                          absl::string_view field);
  // The element count of a repeated field. Every element takes at least one
  // byte, so a count beyond the bytes left is damage, caught before anything
  // is allocated for it.
  absl::Status GetCount(size_t& count, absl::string_view field);

  bool done() const { return rest_.empty(); }
  size_t remaining() const { return rest_.size(); }
  // An error unless every byte was consumed (trailing garbage is damage).
  absl::Status ExpectEnd() const;

 private:
  absl::string_view rest_;
};

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_ENCODING_H_
