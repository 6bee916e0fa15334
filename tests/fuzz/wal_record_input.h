// The input format of fuzz_wal_record, shared by the target and the corpus
// generator (make_corpus) so that the seeds always match what the target
// reads. The first byte picks a mode (its value modulo kWalModeCount):
//
//   kWalModePayload  [mode][kind][payload...]
//       The payload decoder of `kind` (any byte) and Engine::Replay.
//   kWalModeSegment  [mode][segment bytes...]
//       The bytes as one segment file, verbatim: ParseRecord record by record
//       and the whole-directory reader (ReplayWal), checksums as found.
//   kWalModeFramed   [mode][damage][offset][chunk]...
//       chunk = [kind][u16 little-endian length][payload]: each chunk framed
//       by the real writer's AppendRecord with sequences 1, 2, ..., split
//       over two segments and then damaged as `damage` says. Random bytes
//       almost never carry a valid CRC-32; this mode gets fuzzed payloads
//       through the reader into Engine::Replay, and checks what the reader
//       must do with each kind of damage.
#ifndef RANKER_TESTS_FUZZ_WAL_RECORD_INPUT_H_
#define RANKER_TESTS_FUZZ_WAL_RECORD_INPUT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace ranker::fuzz {

inline constexpr uint8_t kWalModePayload = 0;
inline constexpr uint8_t kWalModeSegment = 1;
inline constexpr uint8_t kWalModeFramed = 2;
inline constexpr uint8_t kWalModeCount = 3;

// kWalModeFramed's damage byte, modulo kWalDamageCount; `offset` picks the
// record or byte it applies to.
enum WalDamage : uint8_t {
  kWalDamageNone = 0,
  kWalDamageTornTail = 1,     // cut the last record short (a crash mid-write)
  kWalDamageFlipByte = 2,     // flip one byte of a record
  kWalDamageGarbageTail = 3,  // bytes after the last record (the input's tail)
  kWalDamageSequenceGap = 4,  // one record numbered one too high
  kWalDamageCount = 5,
};

// One chunk of a kWalModeFramed input; payloads longer than 65535 bytes do
// not fit (and are not needed).
inline void AppendFramedChunk(uint8_t kind, absl::string_view payload,
                              std::string& out) {
  const size_t length = payload.size() > 0xffff ? 0xffff : payload.size();
  out.push_back(static_cast<char>(kind));
  out.push_back(static_cast<char>(length & 0xff));
  out.push_back(static_cast<char>(length >> 8));
  out.append(payload.data(), length);
}

}  // namespace ranker::fuzz

#endif  // RANKER_TESTS_FUZZ_WAL_RECORD_INPUT_H_
