// The Engine's write-ahead log integration: calls are logged before they
// apply, replaying the log into a fresh engine rebuilds the same state, and a
// call the log refuses is neither applied nor acknowledged.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/engine.h"
#include "core/persist/wal_reader.h"
#include "core/persist/wal_writer.h"
#include "gtest/gtest.h"
#include "tests/unit/engine_test_util.h"
#include "tests/unit/persist/wal_test_util.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using test::ExpectSameState;
using test::kT0;
using test::MakeEvent;
using test::MemoryJournal;
using test::ReplayCatalog;
using test::ReplayInto;
using test::Spec;

class EngineReplayTest : public ::testing::Test {
 protected:
  EngineOptions Options(std::atomic<TimeMs>* clock) {
    return test::ClockedOptions(clock);
  }

  std::atomic<TimeMs> live_clock_{kT0};
  std::atomic<TimeMs> replay_clock_{kT0 + 7 * kMsPerDay};
};

TEST_F(EngineReplayTest, ReplayRebuildsTheSameCountsAndRecommendations) {
  MemoryJournal journal;
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  std::vector<std::string> users;
  for (int round = 0; round < 30; ++round) {
    live_clock_ += 37 * kMsPerMinute;
    const std::string user = absl::StrCat("u", round % 5);
    users.push_back(user);
    std::vector<Event> events = {
        MakeEvent(user, round % 40, EventType::kClick),
        MakeEvent(user, (round * 7) % 40, EventType::kLike,
                  live_clock_ - kMsPerMinute),
        MakeEvent(user, (round * 3) % 40, EventType::kDwell)};
    events[2].dwell_ms = 1000 + round;
    // A client clock running ahead is clamped to the server's now.
    events.push_back(MakeEvent(user, (round + 1) % 40, EventType::kPurchase,
                               live_clock_ + kMsPerMinute));
    ASSERT_TRUE(live.Log(events).ok());
    if (round % 10 == 4) {
      ASSERT_TRUE(
          live.UpsertShops({{ShopSpec{absl::StrCat("s", round % 6),
                                      ShopStatus::kBanned, std::nullopt}}})
              .ok());
    }
    if (round % 10 == 7) {
      ProductSpec changed =
          Spec(absl::StrCat("p", round), {{"new-tag", 1.0}}, {"other"}, "s9");
      ProductSpec added = Spec(absl::StrCat("n", round), {{"travel", 1.0}});
      ASSERT_TRUE(live.UpsertProducts({{changed, added}}).ok());
    }
  }
  // Rejected calls are not logged.
  const size_t logged = journal.records().size();
  EXPECT_FALSE(live.Log({{MakeEvent("u1", 999, EventType::kClick)}}).ok());
  EXPECT_FALSE(
      live.UpsertShops({{ShopSpec{"", ShopStatus::kActive, std::nullopt}}})
          .ok());
  EXPECT_EQ(journal.records().size(), logged);

  Engine replayed(Options(&replay_clock_));
  ReplayInto(replayed, journal.records());
  // Compare at one point in time (recommendations decay with the clock).
  replay_clock_ = live_clock_.load();
  ExpectSameState(live, replayed, users);
  EXPECT_GT(replayed.Counts().shops, 0u);
}

TEST_F(EngineReplayTest, ConcurrentCallsReplayToTheSameState) {
  MemoryJournal journal;
  journal.set_stagger(true);
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        // Shared users and sessions: the apply order matters.
        const std::string user = absl::StrCat("u", (t + i) % 3);
        const EventType type =
            i % 4 == 0 ? EventType::kNotInterested : EventType::kClick;
        if (!live.Log({{MakeEvent(user, (t * 11 + i) % 40, type)}}).ok()) {
          ++failures;
        }
        if (i % 25 == 0) {
          ProductSpec spec = Spec(absl::StrCat("t", t, "-", i),
                                  {{absl::StrCat("tag", t), 1.0}});
          if (!live.UpsertProducts({{spec}}).ok()) ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  Engine replayed(Options(&replay_clock_));
  ReplayInto(replayed, journal.records());
  replay_clock_ = live_clock_.load();
  ExpectSameState(live, replayed, {"u0", "u1", "u2"});
}

TEST_F(EngineReplayTest, ACallTheJournalRefusesIsNotApplied) {
  MemoryJournal journal;
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  journal.set_fail(true);
  EXPECT_EQ(live.Log({{MakeEvent("u1", 1, EventType::kClick)}}).code(),
            absl::StatusCode::kInternal);
  EXPECT_FALSE(live.UpsertProducts({{Spec("x", {{"a", 1.0}})}}).ok());
  EXPECT_FALSE(
      live.UpsertShops({{ShopSpec{"s1", ShopStatus::kBanned, std::nullopt}}})
          .ok());
  const EngineCounts counts = live.Counts();
  EXPECT_EQ(counts.users, 0u);
  EXPECT_EQ(counts.products, 40u);
  EXPECT_EQ(counts.shops, 0u);
  // The journal recovers (in this fake): calls go through again, in order.
  journal.set_fail(false);
  EXPECT_TRUE(live.Log({{MakeEvent("u1", 1, EventType::kClick)}}).ok());
  EXPECT_EQ(live.Counts().users, 1u);
}

TEST_F(EngineReplayTest, ReplayDoesNotAppendAgain) {
  MemoryJournal journal;
  {
    Engine live(Options(&live_clock_));
    live.AttachJournal(&journal);
    ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
    ASSERT_TRUE(live.Log({{MakeEvent("u1", 1, EventType::kClick)}}).ok());
  }
  const std::vector<MemoryJournal::Record> records = journal.records();
  Engine replayed(Options(&replay_clock_));
  replayed.AttachJournal(&journal);
  ReplayInto(replayed, records);
  EXPECT_EQ(journal.records().size(), records.size());
  // The next live call continues the sequence.
  ASSERT_TRUE(replayed.Log({{MakeEvent("u2", 2, EventType::kClick)}}).ok());
  EXPECT_EQ(journal.records().back().sequence, records.size() + 1);
}

TEST_F(EngineReplayTest, ARecordThatNoLongerValidatesStopsReplay) {
  MemoryJournal journal;
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  ASSERT_TRUE(live.Log({{MakeEvent("u1", 1, EventType::kClick)}}).ok());
  // Replayed onto an engine without the products (the upsert left out).
  Engine other(Options(&replay_clock_));
  const MemoryJournal::Record events = journal.records().back();
  absl::Status status = other.Replay(persist::WalRecord{
      events.sequence, static_cast<uint8_t>(events.kind), events.payload});
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("LogEvents record no longer validates"),
            absl::string_view::npos)
      << status;
  // Damaged payloads and unknown kinds are DATA_LOSS.
  EXPECT_EQ(other.Replay(persist::WalRecord{3, 1, "\x01garbage"}).code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(other.Replay(persist::WalRecord{3, 9, ""}).code(),
            absl::StatusCode::kDataLoss);
}

// The real log end to end: a WalWriter under the engine, recovery through
// ReplayWal into a fresh engine.
TEST_F(EngineReplayTest, ReplaysFromTheWriteAheadLogOnDisk) {
  persist::test::TempDir dir;
  Engine live(Options(&live_clock_));
  {
    absl::StatusOr<std::unique_ptr<persist::WalWriter>> writer =
        persist::WalWriter::Open(dir.path(), 1, {});
    ASSERT_TRUE(writer.ok()) << writer.status();
    live.AttachJournal(writer->get());
    ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(live.Log({{MakeEvent("u1", i, EventType::kClick)}}).ok());
    }
    ASSERT_TRUE(
        live.UpsertShops({{ShopSpec{"s2", ShopStatus::kActive, 0.1}}}).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  Engine replayed(Options(&replay_clock_));
  absl::StatusOr<persist::WalReplayResult> result =
      persist::ReplayWal(dir.path(), {}, [&](const persist::WalRecord& record) {
        return replayed.Replay(record);
      });
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->records_replayed, 22u);
  replay_clock_ = live_clock_.load();
  ExpectSameState(live, replayed, {"u1"});
}

}  // namespace
}  // namespace ranker
