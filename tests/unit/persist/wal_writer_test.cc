#include "core/persist/wal_writer.h"

#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "core/persist/wal_segments.h"
#include "gtest/gtest.h"
#include "tests/unit/persist/wal_test_util.h"

namespace ranker::persist {
namespace {

using test::ReadAll;
using test::TempDir;

std::unique_ptr<WalWriter> OpenOrDie(const std::string& dir,
                                     uint64_t next_sequence = 1,
                                     WalWriterOptions options = {}) {
  absl::StatusOr<std::unique_ptr<WalWriter>> writer =
      WalWriter::Open(dir, next_sequence, std::move(options));
  EXPECT_TRUE(writer.ok()) << writer.status();
  return writer.ok() ? *std::move(writer) : nullptr;
}

TEST(WalWriterTest, AppendsContiguousSequencesThatReadBack) {
  TempDir dir;
  auto writer = OpenOrDie(dir.path());
  for (int i = 1; i <= 5; ++i) {
    absl::StatusOr<uint64_t> sequence =
        writer->Append(RecordKind::kLogEvents, absl::StrCat("record ", i));
    ASSERT_TRUE(sequence.ok()) << sequence.status();
    EXPECT_EQ(*sequence, static_cast<uint64_t>(i));
    EXPECT_EQ(writer->last_sequence(), static_cast<uint64_t>(i));
  }
  EXPECT_EQ(writer->stats().syncs, 5u);  // kAlways: one per lone append
  ASSERT_TRUE(writer->Close().ok());
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->records.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(log->records[i].sequence, static_cast<uint64_t>(i + 1));
    EXPECT_EQ(log->records[i].kind, 1);
    EXPECT_EQ(log->records[i].payload, absl::StrCat("record ", i + 1));
  }
  EXPECT_EQ(log->result.next_sequence, 6u);
  EXPECT_TRUE(
      std::filesystem::exists(dir.path() + "/wal-00000000000000000001.log"));
}

// The server's fsync latency histogram is fed from on_fsync: every sync is
// reported (batches, a finished segment's, Close's), with its duration.
TEST(WalWriterTest, ReportsEverySyncToOnFsync) {
  TempDir dir;
  std::atomic<int> reported{0};
  WalWriterOptions options;
  options.segment_bytes = 100;
  options.on_fsync = [&reported](absl::Duration took) {
    EXPECT_GE(took, absl::ZeroDuration());
    ++reported;
  };
  auto writer = OpenOrDie(dir.path(), 1, options);
  const std::string payload(40, 'p');  // two records per segment
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, payload).ok());
  }
  EXPECT_EQ(static_cast<uint64_t>(reported.load()), writer->stats().syncs);
  ASSERT_TRUE(writer->Close().ok());
  EXPECT_EQ(static_cast<uint64_t>(reported.load()), writer->stats().syncs);
  // 5 batches, 2 finished segments, Close.
  EXPECT_EQ(reported.load(), 8);
}

TEST(WalWriterTest, RotatesSegmentsNamedForTheirFirstRecord) {
  TempDir dir;
  WalWriterOptions options;
  options.segment_bytes = 100;
  auto writer = OpenOrDie(dir.path(), 1, options);
  const std::string payload(40, 'p');  // 57 bytes framed: two per segment
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(writer->Append(RecordKind::kUpsertShops, payload).ok());
  }
  EXPECT_EQ(writer->stats().segments, 4u);
  ASSERT_TRUE(writer->Close().ok());
  absl::StatusOr<std::vector<WalSegment>> segments = ListSegments(dir.path());
  ASSERT_TRUE(segments.ok());
  std::vector<uint64_t> firsts;
  for (const WalSegment& segment : *segments) {
    firsts.push_back(segment.first_sequence);
  }
  EXPECT_EQ(firsts, (std::vector<uint64_t>{1, 3, 5, 7}));
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->records.size(), 7u);
  EXPECT_EQ(log->result.segments, 4u);
}

TEST(WalWriterTest, ManyThreadsShareBatchesAndLoseNothing) {
  TempDir dir;
  WalWriterOptions options;
  options.segment_bytes = 4096;  // rotation under concurrency too
  auto writer = OpenOrDie(dir.path(), 1, options);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 100;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!writer->Append(RecordKind::kLogEvents, absl::StrCat(t, "/", i))
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  const WalWriterStats stats = writer->stats();
  EXPECT_EQ(stats.appends, uint64_t{kThreads * kPerThread});
  EXPECT_LE(stats.batches, stats.appends);
  ASSERT_TRUE(writer->Close().ok());
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->records.size(), size_t{kThreads * kPerThread});
  std::set<std::string> payloads;
  std::vector<int> next_per_thread(kThreads, 0);
  for (size_t i = 0; i < log->records.size(); ++i) {
    EXPECT_EQ(log->records[i].sequence, i + 1);
    payloads.insert(log->records[i].payload);
    // Each thread's records appear in the order it appended them.
    const std::string& payload = log->records[i].payload;
    const int t = std::stoi(payload.substr(0, payload.find('/')));
    EXPECT_EQ(payload, absl::StrCat(t, "/", next_per_thread[t]++));
  }
  EXPECT_EQ(payloads.size(), size_t{kThreads * kPerThread});
}

// The first append's leader is held until every other thread has queued its
// record: the rest must then go out as one batch with one fdatasync.
TEST(WalWriterTest, WaitingAppendsGoOutInOneWriteAndOneSync) {
  TempDir dir;
  constexpr int kFollowers = 15;
  WalWriter* raw = nullptr;
  std::atomic<int> batches_seen{0};
  WalWriterOptions options;
  options.before_batch_for_test = [&] {
    if (batches_seen++ != 0) return;
    // The first leader holds the pen until all followers queued.
    while (raw->stats().appends < 1 + kFollowers) std::this_thread::yield();
  };
  auto writer = OpenOrDie(dir.path(), 1, options);
  raw = writer.get();
  std::thread first([&] {
    ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, "first").ok());
  });
  // Followers start once the first record is queued (and its leader waits).
  while (writer->stats().appends < 1) std::this_thread::yield();
  std::vector<std::thread> followers;
  for (int i = 0; i < kFollowers; ++i) {
    followers.emplace_back([&] {
      ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, "follower").ok());
    });
  }
  first.join();
  for (std::thread& thread : followers) thread.join();
  const WalWriterStats stats = writer->stats();
  EXPECT_EQ(stats.appends, uint64_t{1 + kFollowers});
  // The leader took everything queued: all 16 records in one batch.
  EXPECT_EQ(stats.batches, 1u);
  EXPECT_EQ(stats.syncs, 1u);
  ASSERT_TRUE(writer->Close().ok());
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->records.size(), size_t{1 + kFollowers});
}

TEST(WalWriterTest, IntervalPolicyWritesAtOnceAndSyncsInTheBackground) {
  TempDir dir;
  WalWriterOptions options;
  options.fsync = FsyncPolicy::kInterval;
  options.fsync_interval = absl::Milliseconds(5);
  auto writer = OpenOrDie(dir.path(), 1, options);
  ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, "x").ok());
  // Written (readable by another reader) as soon as Append returned.
  absl::StatusOr<test::ReadLog> log =
      ReadAll(dir.path(), {.truncate_damaged_tail = false});
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->records.size(), 1u);
  // The flusher syncs it eventually (no deadline asserted: we wait).
  while (writer->stats().syncs == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(writer->Close().ok());
}

TEST(WalWriterTest, NonePolicyNeverSyncsUntilClose) {
  TempDir dir;
  WalWriterOptions options;
  options.fsync = FsyncPolicy::kNone;
  options.segment_bytes = 40;  // rotation does not sync either
  auto writer = OpenOrDie(dir.path(), 1, options);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, "0123456789").ok());
  }
  EXPECT_EQ(writer->stats().syncs, 0u);
  ASSERT_TRUE(writer->Close().ok());
  EXPECT_EQ(writer->stats().syncs, 1u);
  absl::StatusOr<test::ReadLog> log = ReadAll(dir.path());
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->records.size(), 10u);
}

TEST(WalWriterTest, ContinuesAnExistingLogAfterRecovery) {
  TempDir dir;
  {
    auto writer = OpenOrDie(dir.path());
    ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, "a").ok());
    ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, "b").ok());
  }  // closed by the destructor
  absl::StatusOr<test::ReadLog> before = ReadAll(dir.path());
  ASSERT_TRUE(before.ok());
  auto writer = OpenOrDie(dir.path(), before->result.next_sequence);
  absl::StatusOr<uint64_t> sequence =
      writer->Append(RecordKind::kLogEvents, "c");
  ASSERT_TRUE(sequence.ok());
  EXPECT_EQ(*sequence, 3u);
  ASSERT_TRUE(writer->Close().ok());
  absl::StatusOr<test::ReadLog> after = ReadAll(dir.path());
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_EQ(after->records.size(), 3u);
  EXPECT_EQ(after->records[2].payload, "c");
  EXPECT_EQ(after->result.segments, 2u);
}

TEST(WalWriterTest, RefusesToOverwriteASegmentWithRecords) {
  TempDir dir;
  {
    auto writer = OpenOrDie(dir.path());
    ASSERT_TRUE(writer->Append(RecordKind::kLogEvents, "a").ok());
  }
  absl::StatusOr<std::unique_ptr<WalWriter>> again =
      WalWriter::Open(dir.path(), 1, {});
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(WalWriterTest, AppendAfterCloseFails) {
  TempDir dir;
  auto writer = OpenOrDie(dir.path());
  ASSERT_TRUE(writer->Close().ok());
  EXPECT_FALSE(writer->Append(RecordKind::kLogEvents, "late").ok());
  EXPECT_TRUE(writer->Close().ok());  // idempotent
}

TEST(WalWriterTest, RejectsBadOptions) {
  TempDir dir;
  EXPECT_FALSE(WalWriter::Open(dir.path(), 0, {}).ok());
  WalWriterOptions zero_segment;
  zero_segment.segment_bytes = 0;
  EXPECT_FALSE(WalWriter::Open(dir.path(), 1, zero_segment).ok());
  WalWriterOptions zero_interval;
  zero_interval.fsync = FsyncPolicy::kInterval;
  zero_interval.fsync_interval = absl::ZeroDuration();
  EXPECT_FALSE(WalWriter::Open(dir.path(), 1, zero_interval).ok());
}

TEST(WalWriterTest, ParsesFsyncPolicies) {
  EXPECT_EQ(*ParseFsyncPolicy("always", "f"), FsyncPolicy::kAlways);
  EXPECT_EQ(*ParseFsyncPolicy("interval", "f"), FsyncPolicy::kInterval);
  EXPECT_EQ(*ParseFsyncPolicy("none", "f"), FsyncPolicy::kNone);
  absl::Status status = ParseFsyncPolicy("sometimes", "--wal_fsync").status();
  EXPECT_NE(status.message().find("--wal_fsync"), absl::string_view::npos);
  EXPECT_EQ(FsyncPolicyName(FsyncPolicy::kInterval), "interval");
}

}  // namespace
}  // namespace ranker::persist
