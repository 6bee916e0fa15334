// Helpers for the write-ahead log tests: a fresh temporary directory and
// reading a whole log back.
#ifndef RANKER_TESTS_UNIT_PERSIST_WAL_TEST_UTIL_H_
#define RANKER_TESTS_UNIT_PERSIST_WAL_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/persist/wal_reader.h"
#include "gtest/gtest.h"

namespace ranker::persist::test {

// A new empty directory under TEST_TMPDIR (or /tmp), removed at destruction.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TEST_TMPDIR");
    std::string pattern =
        std::string(base != nullptr ? base : "/tmp") + "/ranker_wal_XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
    EXPECT_FALSE(path_.empty());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct ReadRecord {
  uint64_t sequence;
  uint8_t kind;
  std::string payload;
};

struct ReadLog {
  WalReplayResult result;
  std::vector<ReadRecord> records;
};

inline absl::StatusOr<ReadLog> ReadAll(const std::string& dir,
                                       WalReplayOptions options = {}) {
  ReadLog log;
  absl::StatusOr<WalReplayResult> result =
      ReplayWal(dir, options, [&](const WalRecord& record) {
        log.records.push_back(
            {record.sequence, record.kind, std::string(record.payload)});
        return absl::OkStatus();
      });
  if (!result.ok()) return result.status();
  log.result = *result;
  return log;
}

inline std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace ranker::persist::test

#endif  // RANKER_TESTS_UNIT_PERSIST_WAL_TEST_UTIL_H_
