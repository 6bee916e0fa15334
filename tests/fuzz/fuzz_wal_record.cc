// Write-ahead log parsing: the bytes recovery reads back from disk after a
// crash, a bad disk or a hand-edited file. The first byte picks the layer
// (tests/fuzz/wal_record_input.h):
//
//   payload  the three payload decoders, then Engine::Replay of the record;
//   segment  the bytes as a segment file: ParseRecord record by record, then
//            ReplayWal over a directory holding that file;
//   framed   records framed by the real writer's AppendRecord (valid
//            checksums), split over two segments and damaged on purpose,
//            read back by ReplayWal into Engine::Replay.
//
// Beyond "never crash", every check below is an invariant of the format and
// traps (__builtin_trap) when broken: a decoded call re-encodes to bytes that
// decode to the same call; a parsed record re-frames to exactly the bytes it
// was parsed from; the reader replays exactly the whole records in sequence
// order, cuts a torn tail of the last segment, and refuses (never skips)
// damage in the middle of the log. The engine holds the fuzz fixture's
// catalog (MakeFuzzCatalogEngine: its users' events would triple the cost of
// the rebuild); it is rebuilt after any input that applied a record, so
// every input starts from the same state and reproduces alone.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/engine.h"
#include "core/persist/call_codec.h"
#include "core/persist/encoding.h"
#include "core/persist/wal_reader.h"
#include "core/persist/wal_record.h"
#include "core/persist/wal_segments.h"
#include "spdlog/spdlog.h"
#include "tests/fuzz/fuzz_engine.h"
#include "tests/fuzz/wal_record_input.h"

namespace {

namespace persist = ranker::persist;
using ranker::Engine;
using ranker::fuzz::WalDamage;

// A check that fails as a crash, so libFuzzer keeps the input.
void Require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz_wal_record: invariant broken: %s\n", what);
  __builtin_trap();
}

// One engine for the whole run; Replay() of a record that applied changes
// it, so it is rebuilt then (most fuzzed records do not decode or validate,
// and a failed Replay changes nothing).
class FixtureEngine {
 public:
  Engine& get() {
    if (engine_ == nullptr) engine_ = ranker::fuzz::MakeFuzzCatalogEngine();
    return *engine_;
  }

  // Replays the record; returns whether it applied.
  bool Replay(const persist::WalRecord& record) {
    if (!get().Replay(record).ok()) return false;
    changed_ = true;
    return true;
  }

  // After an input that changed the engine: one Recommend, to see that a
  // replayed state can be ranked, then a fresh fixture for the next input.
  void Reset() {
    if (!changed_) return;
    ranker::RecommendRequest probe;
    probe.user_id = "u0";
    probe.count = 20;
    probe.debug = true;
    (void)engine_->Recommend(probe);
    engine_.reset();
    changed_ = false;
  }

 private:
  std::unique_ptr<Engine> engine_;
  bool changed_ = false;
};

FixtureEngine& Fixture() {
  static FixtureEngine* const fixture = new FixtureEngine;
  return *fixture;
}

// The directory segment files are written to: in memory when /dev/shm is
// there, because a torn tail makes ReplayWal ftruncate and fsync the file.
class ScratchDir {
 public:
  ScratchDir() {
    std::string base = "/dev/shm";
    if (::access(base.c_str(), W_OK) != 0) {
      const char* tmp = std::getenv("TMPDIR");
      base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
    }
    std::string pattern = base + "/fuzz_wal_record.XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("fuzz_wal_record: mkdtemp");
      std::abort();
    }
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::string& path() const { return path_; }

  // Replaces the directory's contents with these segments.
  void WriteSegments(const std::vector<persist::WalSegment>& segments,
                     const std::vector<std::string>& bytes) {
    Clear();
    for (size_t i = 0; i < segments.size(); ++i) {
      std::ofstream out(segments[i].path, std::ios::binary | std::ios::trunc);
      out.write(bytes[i].data(), static_cast<std::streamsize>(bytes[i].size()));
      if (!out) {
        std::fprintf(stderr, "fuzz_wal_record: cannot write %s\n",
                     segments[i].path.c_str());
        std::abort();
      }
    }
  }

  void Clear() {
    std::error_code ignored;
    for (const auto& entry :
         std::filesystem::directory_iterator(path_, ignored)) {
      std::filesystem::remove(entry.path(), ignored);
    }
  }

  persist::WalSegment Segment(uint64_t first_sequence) const {
    return {first_sequence,
            path_ + "/" + persist::SegmentFileName(first_sequence)};
  }

 private:
  std::string path_;
};

ScratchDir& Scratch() {
  // Static storage: destroyed, and removed, when the fuzzer exits normally.
  static ScratchDir scratch;
  return scratch;
}

// ---------------------------------------------------------------------------
// Payload decoders: whatever decodes re-encodes canonically.

template <typename Decode, typename Encode>
void CheckRoundTrip(absl::string_view payload, Decode decode, Encode encode) {
  auto first = decode(payload);
  if (!first.ok()) return;
  const std::string canonical = encode(*first);
  auto second = decode(canonical);
  Require(second.ok(), "a re-encoded payload decodes");
  Require(encode(*second) == canonical,
          "a re-encoded payload decodes to the same call");
}

void CheckDecoders(absl::string_view payload) {
  CheckRoundTrip(payload, persist::DecodeLogEvents,
                 [](const persist::LogEventsCall& call) {
                   return persist::EncodeLogEvents(call.now, call.events);
                 });
  CheckRoundTrip(payload, persist::DecodeUpsertProducts,
                 [](const std::vector<ranker::ProductSpec>& products) {
                   return persist::EncodeUpsertProducts(products);
                 });
  CheckRoundTrip(payload, persist::DecodeUpsertShops,
                 [](const std::vector<ranker::ShopSpec>& shops) {
                   return persist::EncodeUpsertShops(shops);
                 });
}

void FuzzPayload(absl::string_view input) {
  if (input.empty()) return;
  const uint8_t kind = static_cast<uint8_t>(input[0]);
  const absl::string_view payload = input.substr(1);
  CheckDecoders(payload);
  Fixture().Replay(persist::WalRecord{1, kind, payload});
}

// ---------------------------------------------------------------------------
// One segment, verbatim.

void FuzzSegment(absl::string_view data) {
  // What the reader must replay: the whole records from the start, in
  // sequence order 1, 2, ...
  size_t offset = 0;
  size_t whole = 0;
  bool out_of_order = false;
  while (offset < data.size()) {
    const absl::string_view rest = data.substr(offset);
    absl::StatusOr<persist::RecordView> record = persist::ParseRecord(rest);
    if (!record.ok()) break;
    Require(
        record->size == persist::kRecordHeaderBytes + record->payload.size() &&
            record->size <= rest.size() &&
            record->payload.data() == rest.data() + persist::kRecordHeaderBytes,
        "a parsed record lies within the bytes");
    std::string reframed;
    persist::AppendRecord(record->sequence,
                          static_cast<persist::RecordKind>(record->kind),
                          record->payload, reframed);
    Require(reframed == rest.substr(0, record->size),
            "a parsed record re-frames to the bytes it came from");
    if (record->sequence != whole + 1) {
      out_of_order = true;
      break;
    }
    ++whole;
    offset += record->size;
  }

  ScratchDir& scratch = Scratch();
  const persist::WalSegment segment = scratch.Segment(1);
  scratch.WriteSegments({segment}, {std::string(data)});
  size_t replayed = 0;
  absl::StatusOr<persist::WalReplayResult> result = persist::ReplayWal(
      scratch.path(), persist::WalReplayOptions{},
      [&](const persist::WalRecord& record) {
        Require(record.sequence == replayed + 1, "records come in order");
        ++replayed;
        Fixture().Replay(record);
        return absl::OkStatus();
      });
  Require(replayed == whole, "the reader replays every whole record, only");
  if (!result.ok()) return;
  Require(!out_of_order, "a sequence out of order is an error");
  Require(
      result->records_replayed == whole && result->next_sequence == whole + 1,
      "the result counts the records replayed");
  if (offset == data.size()) {
    Require(result->truncated_bytes == 0, "an intact segment is not cut");
  } else {
    Require(result->truncated_offset == offset &&
                result->truncated_bytes == data.size() - offset &&
                std::filesystem::file_size(segment.path) == offset,
            "a damaged tail is cut at the first bad record");
  }
}

// ---------------------------------------------------------------------------
// Records framed by the writer, then damaged.

struct FramedRecord {
  uint8_t kind = 0;
  absl::string_view payload;
  size_t segment = 0;  // 0 or 1
  size_t offset = 0;   // within its segment
  size_t size = 0;
};

void FuzzFramed(absl::string_view input) {
  if (input.size() < 2) return;
  const uint8_t control = static_cast<uint8_t>(input[0]);
  const uint8_t at = static_cast<uint8_t>(input[1]);
  const auto damage =
      static_cast<WalDamage>(control % ranker::fuzz::kWalDamageCount);
  input.remove_prefix(2);

  std::vector<FramedRecord> records;
  absl::string_view garbage;
  while (input.size() >= 3) {
    FramedRecord record;
    record.kind = static_cast<uint8_t>(input[0]);
    const size_t length = static_cast<uint8_t>(input[1]) |
                          static_cast<size_t>(static_cast<uint8_t>(input[2]))
                              << 8;
    record.payload = input.substr(3, length);
    input.remove_prefix(3 + record.payload.size());
    records.push_back(record);
  }
  if (damage == ranker::fuzz::kWalDamageGarbageTail && !records.empty()) {
    // The last chunk, unframed, is what follows the last record.
    const FramedRecord& last = records.back();
    const char* begin = last.payload.data() - 3;
    garbage = absl::string_view(
        begin, last.payload.data() + last.payload.size() - begin);
    records.pop_back();
  }
  const size_t n = records.size();
  // Records [0, split) go to the first segment, the rest to a second one
  // (when split is 0 or n there is only one).
  const size_t split =
      n == 0 ? 0 : (control / ranker::fuzz::kWalDamageCount) % (n + 1);
  const size_t gap = damage == ranker::fuzz::kWalDamageSequenceGap && n > 0
                         ? at % n
                         : n;  // n: no gap

  ScratchDir& scratch = Scratch();
  std::vector<persist::WalSegment> segments = {scratch.Segment(1)};
  if (split > 0 && split < n) segments.push_back(scratch.Segment(split + 1));
  std::vector<std::string> bytes(segments.size());
  for (size_t i = 0; i < n; ++i) {
    FramedRecord& record = records[i];
    record.segment = segments.size() == 2 && i >= split ? 1 : 0;
    std::string& out = bytes[record.segment];
    record.offset = out.size();
    const uint64_t sequence = i + 1 + (i == gap ? 1 : 0);
    persist::AppendRecord(sequence,
                          static_cast<persist::RecordKind>(record.kind),
                          record.payload, out);
    record.size = out.size() - record.offset;
  }
  const size_t last_segment = segments.size() - 1;
  bytes[last_segment].append(garbage.data(), garbage.size());

  // Which record the damage hits, and what the reader must make of it.
  size_t damaged = n;  // n: none
  size_t flipped_at = 0;
  switch (damage) {
    case ranker::fuzz::kWalDamageTornTail:
      if (n > 0) {
        damaged = n - 1;
        const FramedRecord& record = records[damaged];
        const size_t cut = 1 + at % (record.size - 1);
        bytes[record.segment].resize(record.offset + record.size - cut);
      }
      break;
    case ranker::fuzz::kWalDamageFlipByte:
      if (n > 0) {
        damaged = at % n;
        const FramedRecord& record = records[damaged];
        flipped_at = (at / n) % record.size;
        bytes[record.segment][record.offset + flipped_at] ^=
            static_cast<char>(control | 1);
      }
      break;
    default:
      break;
  }

  scratch.WriteSegments(segments, bytes);
  size_t replayed = 0;
  absl::StatusOr<persist::WalReplayResult> result = persist::ReplayWal(
      scratch.path(), persist::WalReplayOptions{},
      [&](const persist::WalRecord& record) {
        Require(record.sequence == replayed + 1, "records come in order");
        if (replayed < n) {
          Require(record.kind == records[replayed].kind &&
                      record.payload == records[replayed].payload,
                  "a record reads back as it was written");
        }
        ++replayed;
        Fixture().Replay(record);
        return absl::OkStatus();
      });

  switch (damage) {
    case ranker::fuzz::kWalDamageNone:
      Require(result.ok() && replayed == n && result->truncated_bytes == 0 &&
                  result->next_sequence == n + 1,
              "an intact log replays whole");
      break;
    case ranker::fuzz::kWalDamageGarbageTail:
      // Bytes after the last record are a torn tail, or (when they happen
      // to frame a record) more log; either way nothing before them is lost.
      Require(replayed >= n, "bytes after the log lose no record");
      break;
    case ranker::fuzz::kWalDamageSequenceGap:
      if (n == 0) break;
      Require(!result.ok() && replayed == gap,
              "a sequence gap stops replay at the gap");
      break;
    case ranker::fuzz::kWalDamageTornTail:
      if (n == 0) break;
      Require(result.ok() && replayed == n - 1 &&
                  result->truncated_offset == records[n - 1].offset &&
                  std::filesystem::file_size(segments[last_segment].path) ==
                      records[n - 1].offset,
              "a torn tail is cut at the last whole record");
      break;
    case ranker::fuzz::kWalDamageFlipByte: {
      if (n == 0) break;
      Require(replayed == damaged, "replay stops at the damaged record");
      const FramedRecord& record = records[damaged];
      const bool in_last_segment = record.segment == last_segment;
      // A flipped length may send the reader past the next records, which
      // then look like a torn tail; anything else the checksum catches.
      const bool length_field = flipped_at < 4;
      const bool is_tail = in_last_segment && damaged == n - 1;
      if (result.ok()) {
        Require(in_last_segment && (length_field || is_tail) &&
                    result->truncated_offset == record.offset,
                "only damage at the tail of the last segment is cut");
      } else {
        Require(!is_tail || length_field,
                "a damaged last record is a torn tail");
      }
      break;
    }
    default:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Replay and recovery log a warning per damaged record; fuzzing makes them
  // by the thousand.
  [[maybe_unused]] static const bool quiet = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  if (size == 0) return 0;
  const absl::string_view input(reinterpret_cast<const char*>(data + 1),
                                size - 1);
  switch (data[0] % ranker::fuzz::kWalModeCount) {
    case ranker::fuzz::kWalModePayload:
      FuzzPayload(input);
      break;
    case ranker::fuzz::kWalModeSegment:
      FuzzSegment(input);
      break;
    default:
      FuzzFramed(input);
      break;
  }
  Fixture().Reset();
  return 0;
}
