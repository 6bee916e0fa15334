// Snapshot files: frames come back as written; names order by sequence; a
// file that is cut short, bit-flipped, unfinished or foreign is refused whole
// with DATA_LOSS, never half read.
#include "core/persist/snapshot_file.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "gtest/gtest.h"
#include "tests/unit/persist/wal_test_util.h"

namespace ranker::persist {
namespace {

using test::TempDir;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string WriteSample(const std::string& dir, uint64_t sequence) {
  absl::StatusOr<std::unique_ptr<SnapshotWriter>> writer =
      SnapshotWriter::Create(dir, sequence, 1234);
  EXPECT_TRUE(writer.ok()) << writer.status();
  (*writer)->WriteFrame(SnapshotSection::kTags, "tags");
  (*writer)->WriteFrame(SnapshotSection::kProfiles, "shard 0");
  (*writer)->WriteFrame(SnapshotSection::kProfiles, "");
  (*writer)->WriteFrame(SnapshotSection::kItemStats, std::string(100000, 'x'));
  absl::StatusOr<std::string> path = (*writer)->Commit();
  EXPECT_TRUE(path.ok()) << path.status();
  return path.value_or("");
}

TEST(SnapshotFileTest, FramesComeBackInOrder) {
  TempDir dir;
  const std::string path = WriteSample(dir.path(), 42);
  EXPECT_EQ(path, dir.path() + "/" + SnapshotFileName(42));
  absl::StatusOr<SnapshotReader> reader = SnapshotReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(reader->sequence(), 42u);
  EXPECT_EQ(reader->created_ms(), 1234);
  EXPECT_EQ(*reader->Next(SnapshotSection::kTags), "tags");
  EXPECT_TRUE(reader->At(SnapshotSection::kProfiles));
  EXPECT_EQ(*reader->Next(SnapshotSection::kProfiles), "shard 0");
  EXPECT_EQ(*reader->Next(SnapshotSection::kProfiles), "");
  EXPECT_FALSE(reader->At(SnapshotSection::kProfiles));
  // Out of order: the section asked for is not next.
  EXPECT_EQ(reader->Next(SnapshotSection::kSessions).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(reader->Next(SnapshotSection::kItemStats)->size(), 100000u);
  EXPECT_FALSE(reader->At(SnapshotSection::kItemStats));
}

TEST(SnapshotFileTest, ListsFinishedSnapshotsNewestFirst) {
  TempDir dir;
  WriteSample(dir.path(), 7);
  WriteSample(dir.path(), 1000);
  WriteSample(dir.path(), 30);
  WriteBytes(dir.path() + "/notes.txt", "not a snapshot");
  absl::StatusOr<std::unique_ptr<SnapshotWriter>> unfinished =
      SnapshotWriter::Create(dir.path(), 2000, 0);
  ASSERT_TRUE(unfinished.ok());
  absl::StatusOr<std::vector<SnapshotFileInfo>> listed =
      ListSnapshots(dir.path());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].sequence, 1000u);
  EXPECT_EQ((*listed)[1].sequence, 30u);
  EXPECT_EQ((*listed)[2].sequence, 7u);
}

TEST(SnapshotFileTest, AnUncommittedWriterLeavesNothing) {
  TempDir dir;
  {
    absl::StatusOr<std::unique_ptr<SnapshotWriter>> writer =
        SnapshotWriter::Create(dir.path(), 5, 0);
    ASSERT_TRUE(writer.ok());
    (*writer)->WriteFrame(SnapshotSection::kTags, "half");
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(SnapshotFileTest, RemovesTemporaryFilesOfAnInterruptedWrite) {
  TempDir dir;
  WriteSample(dir.path(), 3);
  const std::string leftover =
      dir.path() + "/" + SnapshotFileName(9) + ".tmp-4242";
  WriteBytes(leftover, "partial");
  ASSERT_TRUE(RemoveTemporarySnapshots(dir.path()).ok());
  EXPECT_FALSE(std::filesystem::exists(leftover));
  EXPECT_EQ(ListSnapshots(dir.path())->size(), 1u);
}

TEST(SnapshotFileTest, AFileCutAnywhereIsRefused) {
  TempDir dir;
  const std::string path = WriteSample(dir.path(), 1);
  const std::string bytes = ReadBytes(path);
  const std::string cut_path = dir.path() + "/cut.snap";
  // Every length short of the whole file (in steps, the file is ~100 KB).
  for (size_t size = 0; size < bytes.size(); size += size < 200 ? 1 : 997) {
    WriteBytes(cut_path, bytes.substr(0, size));
    absl::StatusOr<SnapshotReader> reader = SnapshotReader::Open(cut_path);
    ASSERT_FALSE(reader.ok()) << "cut at " << size;
    EXPECT_EQ(reader.status().code(), absl::StatusCode::kDataLoss) << size;
  }
}

TEST(SnapshotFileTest, AFlippedBitIsRefused) {
  TempDir dir;
  const std::string path = WriteSample(dir.path(), 1);
  const std::string bytes = ReadBytes(path);
  const std::string bad_path = dir.path() + "/flipped.snap";
  for (size_t offset : {size_t{0}, size_t{5}, size_t{20}, size_t{60},
                        bytes.size() / 2, bytes.size() - 1}) {
    std::string flipped = bytes;
    flipped[offset] = static_cast<char>(flipped[offset] ^ 0x10);
    WriteBytes(bad_path, flipped);
    EXPECT_EQ(SnapshotReader::Open(bad_path).status().code(),
              absl::StatusCode::kDataLoss)
        << "offset " << offset;
  }
}

TEST(SnapshotFileTest, TrailingBytesAndForeignFilesAreRefused) {
  TempDir dir;
  const std::string path = WriteSample(dir.path(), 1);
  WriteBytes(path, ReadBytes(path) + "x");
  EXPECT_EQ(SnapshotReader::Open(path).status().code(),
            absl::StatusCode::kDataLoss);
  const std::string foreign = dir.path() + "/foreign.snap";
  WriteBytes(foreign, "PK\x03\x04 this is a zip file, not a snapshot");
  EXPECT_EQ(SnapshotReader::Open(foreign).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(SnapshotReader::Open(dir.path() + "/absent.snap").status().code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace ranker::persist
