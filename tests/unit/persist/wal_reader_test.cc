#include "core/persist/wal_reader.h"

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/persist/wal_record.h"
#include "core/persist/wal_segments.h"
#include "core/persist/wal_writer.h"
#include "gtest/gtest.h"
#include "tests/unit/persist/wal_test_util.h"

namespace ranker::persist {
namespace {

using test::FileBytes;
using test::ReadAll;
using test::TempDir;
using test::WriteBytes;

// Writes records 1..count (payload "record <i>") into one segment and
// returns its path.
std::string WriteLog(const std::string& dir, int count,
                     uint64_t segment_bytes = uint64_t{64} << 20) {
  WalWriterOptions options;
  options.segment_bytes = segment_bytes;
  absl::StatusOr<std::unique_ptr<WalWriter>> writer =
      WalWriter::Open(dir, 1, options);
  EXPECT_TRUE(writer.ok()) << writer.status();
  for (int i = 1; i <= count; ++i) {
    EXPECT_TRUE((*writer)
                    ->Append(RecordKind::kLogEvents, absl::StrCat("record ", i))
                    .ok());
  }
  EXPECT_TRUE((*writer)->Close().ok());
  return dir + "/" + SegmentFileName(1);
}

TEST(WalReaderTest, AnAbsentOrEmptyDirectoryIsAnEmptyLog) {
  TempDir dir;
  for (const std::string& path : {dir.path(), dir.path() + "/does-not-exist"}) {
    absl::StatusOr<test::ReadLog> log = ReadAll(path);
    ASSERT_TRUE(log.ok()) << log.status();
    EXPECT_TRUE(log->records.empty());
    EXPECT_EQ(log->result.next_sequence, 1u);
    EXPECT_EQ(log->result.segments, 0u);
  }
  // Other files are not segments.
  WriteBytes(dir.path() + "/notes.txt", "hello");
  WriteBytes(dir.path() + "/wal-12.log", "short name");
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->result.segments, 0u);
}

// A crash can stop the last write at any byte: every cut inside the last
// record loses exactly that record, is logged and truncated away, and the
// writer then continues at its sequence.
TEST(WalReaderTest, ATornLastRecordIsCutAtEveryByteOffset) {
  TempDir dir;
  const std::string segment = WriteLog(dir.path(), 3);
  const std::string whole = FileBytes(segment);
  std::string two;
  AppendRecord(1, RecordKind::kLogEvents, "record 1", two);
  AppendRecord(2, RecordKind::kLogEvents, "record 2", two);
  ASSERT_EQ(whole.substr(0, two.size()), two);
  for (size_t cut = two.size() + 1; cut < whole.size(); ++cut) {
    WriteBytes(segment, whole.substr(0, cut));
    absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
    ASSERT_TRUE(log.ok()) << "cut " << cut << ": " << log.status();
    ASSERT_EQ(log->records.size(), 2u) << cut;
    EXPECT_EQ(log->records[1].payload, "record 2");
    EXPECT_EQ(log->result.next_sequence, 3u);
    EXPECT_EQ(log->result.truncated_offset, two.size());
    EXPECT_EQ(log->result.truncated_bytes, cut - two.size());
    EXPECT_EQ(FileBytes(segment), two) << cut;
  }
  // Cut exactly between records: nothing is damaged.
  WriteBytes(segment, two);
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->records.size(), 2u);
  EXPECT_TRUE(log->result.truncated_file.empty());
}

TEST(WalReaderTest, AZeroFilledTailIsCut) {
  TempDir dir;
  const std::string segment = WriteLog(dir.path(), 2);
  const std::string whole = FileBytes(segment);
  WriteBytes(segment, whole + std::string(4096, '\0'));
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->records.size(), 2u);
  EXPECT_EQ(FileBytes(segment), whole);
}

TEST(WalReaderTest, TheWriterContinuesAfterACutTail) {
  TempDir dir;
  const std::string segment = WriteLog(dir.path(), 3);
  const std::string whole = FileBytes(segment);
  WriteBytes(segment, whole.substr(0, whole.size() - 2));
  absl::StatusOr<test::ReadLog> recovered = ReadAll(dir.path());
  ASSERT_TRUE(recovered.ok());
  ASSERT_EQ(recovered->result.next_sequence, 3u);
  {
    absl::StatusOr<std::unique_ptr<WalWriter>> writer =
        WalWriter::Open(dir.path(), 3, {});
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE((*writer)->Append(RecordKind::kLogEvents, "again").ok());
  }
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->records.size(), 3u);
  EXPECT_EQ(log->records[2].sequence, 3u);
  EXPECT_EQ(log->records[2].payload, "again");
}

TEST(WalReaderTest, ACorruptRecordInTheMiddleIsAnErrorNotASkip) {
  TempDir dir;
  const std::string segment = WriteLog(dir.path(), 3);
  std::string bytes = FileBytes(segment);
  std::string one;
  AppendRecord(1, RecordKind::kLogEvents, "record 1", one);
  bytes[one.size() + kRecordHeaderBytes + 2] ^= 0x20;  // record 2's payload
  WriteBytes(segment, bytes);
  int applied = 0;
  absl::StatusOr<WalReplayResult> result =
      ReplayWal(dir.path(), {}, [&](const WalRecord&) {
        ++applied;
        return absl::OkStatus();
      });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(result.status().message().find(absl::StrCat("offset ", one.size())),
            absl::string_view::npos)
      << result.status();
  EXPECT_NE(result.status().message().find("checksum"),
            absl::string_view::npos);
  EXPECT_EQ(applied, 1);
  EXPECT_EQ(FileBytes(segment), bytes);  // left alone
}

TEST(WalReaderTest, DamageInAnEarlierSegmentIsAnErrorEvenAtItsEnd) {
  TempDir dir;
  WriteLog(dir.path(), 6, /*segment_bytes=*/20);  // 1 record per segment
  absl::StatusOr<std::vector<WalSegment>> segments = ListSegments(dir.path());
  ASSERT_TRUE(segments.ok());
  ASSERT_EQ(segments->size(), 6u);
  const std::string second = (*segments)[1].path;
  const std::string bytes = FileBytes(second);
  WriteBytes(second, bytes.substr(0, bytes.size() - 1));
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find(second), absl::string_view::npos);
  EXPECT_EQ(FileBytes(second).size(), bytes.size() - 1);  // not truncated
}

TEST(WalReaderTest, AMissingSegmentIsAGap) {
  TempDir dir;
  WriteLog(dir.path(), 4, /*segment_bytes=*/20);
  std::filesystem::remove(dir.path() + "/" + SegmentFileName(2));
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(log.status().message().find("continues at 2"),
            absl::string_view::npos)
      << log.status();
}

TEST(WalReaderTest, ASequenceOutOfOrderIsAnError) {
  TempDir dir;
  std::string bytes;
  AppendRecord(1, RecordKind::kLogEvents, "a", bytes);
  AppendRecord(3, RecordKind::kLogEvents, "c", bytes);
  WriteBytes(dir.path() + "/" + SegmentFileName(1), bytes);
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("sequence 3 where 2"),
            absl::string_view::npos)
      << log.status();
}

TEST(WalReaderTest, ReplayStartsAfterAGivenSequence) {
  TempDir dir;
  WriteLog(dir.path(), 6, /*segment_bytes=*/20);
  absl::StatusOr<test::ReadLog> log =
      ReadAll(dir.path(), {.after_sequence = 4});
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->records.size(), 2u);
  EXPECT_EQ(log->records[0].sequence, 5u);
  EXPECT_EQ(log->result.records_skipped, 4u);
  EXPECT_EQ(log->result.next_sequence, 7u);
  // A snapshot newer than the whole log: nothing to replay, continue after it.
  log = ReadAll(dir.path(), {.after_sequence = 10});
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_TRUE(log->records.empty());
  EXPECT_EQ(log->result.next_sequence, 11u);
}

TEST(WalReaderTest, SegmentsMissingBeforeTheSnapshotPointAreAnError) {
  TempDir dir;
  WriteLog(dir.path(), 4, /*segment_bytes=*/20);
  std::filesystem::remove(dir.path() + "/" + SegmentFileName(1));
  std::filesystem::remove(dir.path() + "/" + SegmentFileName(2));
  EXPECT_FALSE(ReadAll(dir.path(), {.after_sequence = 1}).ok());
  absl::StatusOr<test::ReadLog> log =
      ReadAll(dir.path(), {.after_sequence = 2});
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->records.size(), 2u);
}

TEST(WalReaderTest, ACallbackErrorStopsReplayNamingTheSequence) {
  TempDir dir;
  WriteLog(dir.path(), 3);
  absl::StatusOr<WalReplayResult> result =
      ReplayWal(dir.path(), {}, [](const WalRecord& record) {
        return record.sequence == 2 ? absl::NotFoundError("no such product")
                                    : absl::OkStatus();
      });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(result.status().message().find("sequence 2: no such product"),
            absl::string_view::npos)
      << result.status();
}

TEST(WalReaderTest, WithoutRepairADamagedTailIsReportedAndKept) {
  TempDir dir;
  const std::string segment = WriteLog(dir.path(), 2);
  const std::string bytes = FileBytes(segment) + "xyz";
  WriteBytes(segment, bytes);
  EXPECT_FALSE(ReadAll(dir.path(), {.truncate_damaged_tail = false}).ok());
  EXPECT_EQ(FileBytes(segment), bytes);
}

}  // namespace
}  // namespace ranker::persist
