// Engine snapshots: a saved state loads into a new engine that recommends,
// counts and learns exactly like the original, a snapshot plus the journal
// after it equals the whole journal replayed, and a snapshot taken by a
// forked child while writes go on holds exactly the state at its sequence.
#include <atomic>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine.h"
#include "core/persist/forked_task.h"
#include "core/persist/snapshot_file.h"
#include "gtest/gtest.h"
#include "tests/unit/engine_test_util.h"
#include "tests/unit/persist/wal_test_util.h"

namespace ranker {
namespace {

using test::ExpectSameState;
using test::kT0;
using test::MakeEvent;
using test::MemoryJournal;
using test::ReplayCatalog;
using test::ReplayInto;
using test::Spec;

class EngineSnapshotTest : public ::testing::Test {
 protected:
  // Drives `engine` through every kind of write: products, shops, all event
  // types with content tags, creators and sessions, over simulated days.
  // `clock` is the engine's; each round advances it.
  void Learn(Engine& engine, std::atomic<TimeMs>& clock, int rounds,
             int first_round = 0) {
    for (int round = first_round; round < first_round + rounds; ++round) {
      clock += 41 * kMsPerMinute;
      const std::string user = absl::StrCat("u", round % 6);
      std::vector<Event> events;
      for (int type = 0; type < kEventTypeCount; ++type) {
        Event event = MakeEvent(user, (round * 5 + type * 3) % 40,
                                static_cast<EventType>(type));
        if (event.type == EventType::kDwell) event.dwell_ms = 2000 + round;
        event.session_id = absl::StrCat(user, "-s", round / 4);
        events.push_back(event);
      }
      absl::Status logged = engine.Log(events);
      ASSERT_TRUE(logged.ok()) << logged;
      if (round % 9 == 3) {
        ASSERT_TRUE(
            engine
                .UpsertShops({{ShopSpec{
                    absl::StrCat("s", round % 6),
                    round % 2 == 0 ? ShopStatus::kBanned : ShopStatus::kActive,
                    0.4}}})
                .ok());
      }
      if (round % 9 == 6) {
        ProductSpec added =
            Spec(absl::StrCat("n", round), {{"travel", 1.0}, {"new", 0.5}},
                 {"travel", "bags"}, absl::StrCat("shop-", round));
        added.creator_ids = {absl::StrCat("creator-", round)};
        added.repurchase_cycle_days = 30;
        added.live_start_ms = clock - (60 * kMsPerMinute);
        added.live_end_ms = clock + (60 * kMsPerMinute);
        ASSERT_TRUE(engine.UpsertProducts({{added}}).ok());
      }
    }
  }

  // Saves `engine` into `dir` as of its applied sequence, in this process.
  static std::string Save(Engine& engine, const std::string& dir) {
    std::string path;
    absl::Status status =
        engine.WithWritesPaused([&](const Engine::SnapshotPoint& point) {
          absl::StatusOr<std::unique_ptr<persist::SnapshotWriter>> writer =
              persist::SnapshotWriter::Create(dir, point.sequence, kT0);
          if (!writer.ok()) return writer.status();
          engine.SaveSnapshot(point, **writer);
          absl::StatusOr<std::string> committed = (*writer)->Commit();
          if (!committed.ok()) return committed.status();
          path = *committed;
          return absl::OkStatus();
        });
    EXPECT_TRUE(status.ok()) << status;
    return path;
  }

  static std::string FileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  static void Load(Engine& engine, const std::string& path) {
    absl::StatusOr<persist::SnapshotReader> reader =
        persist::SnapshotReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status();
    absl::Status loaded = engine.LoadSnapshot(*reader);
    ASSERT_TRUE(loaded.ok()) << loaded;
  }

  EngineOptions Options(std::atomic<TimeMs>* clock) {
    return test::ClockedOptions(clock);
  }

  const std::vector<std::string> users_ = {"u0", "u1", "u2",      "u3",
                                           "u4", "u5", "stranger"};
  std::atomic<TimeMs> live_clock_{kT0};
  std::atomic<TimeMs> load_clock_{kT0};
};

TEST_F(EngineSnapshotTest, TwoApplyLanesLearnTheSameStateAsOne) {
  // Every call on two threads, or every call on one: the same bytes saved.
  persist::test::TempDir two_dir, one_dir;
  EngineOptions two_lanes = Options(&live_clock_);
  two_lanes.parallel_apply_min_events = 1;
  EngineOptions one_lane = Options(&load_clock_);
  one_lane.parallel_apply_min_events = 0;
  Engine two(two_lanes);
  Engine one(one_lane);
  ASSERT_TRUE(two.UpsertProducts(ReplayCatalog()).ok());
  ASSERT_TRUE(one.UpsertProducts(ReplayCatalog()).ok());
  Learn(two, live_clock_, 60);
  Learn(one, load_clock_, 60);
  EXPECT_EQ(FileBytes(Save(two, two_dir.path())),
            FileBytes(Save(one, one_dir.path())));
  ExpectSameState(two, one, users_);
}

TEST_F(EngineSnapshotTest, ALoadedSnapshotRanksCountsAndLearnsLikeTheOriginal) {
  persist::test::TempDir dir;
  MemoryJournal journal;
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  Learn(live, live_clock_, 40);
  const std::string path = Save(live, dir.path());

  Engine loaded(Options(&load_clock_));
  Load(loaded, path);
  load_clock_ = live_clock_.load();
  ExpectSameState(live, loaded, users_);

  // Saving the loaded engine gives the same bytes: nothing was dropped or
  // changed on the way (the encoding is canonical).
  persist::test::TempDir again;
  EXPECT_EQ(FileBytes(Save(loaded, again.path())), FileBytes(path));

  // Both go on learning the same way from the same events.
  MemoryJournal loaded_journal;
  loaded.AttachJournal(&loaded_journal);
  Learn(live, live_clock_, 12, 40);
  Learn(loaded, load_clock_, 12, 40);
  ASSERT_EQ(load_clock_.load(), live_clock_.load());
  ExpectSameState(live, loaded, users_);
}

TEST_F(EngineSnapshotTest, SnapshotPlusTheJournalAfterItEqualsTheWholeJournal) {
  persist::test::TempDir dir;
  MemoryJournal journal;
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  Learn(live, live_clock_, 20);
  const std::string path = Save(live, dir.path());
  const size_t at_snapshot = journal.records().size();
  Learn(live, live_clock_, 20, 20);

  absl::StatusOr<persist::SnapshotReader> reader =
      persist::SnapshotReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(reader->sequence(), at_snapshot);
  Engine restored(Options(&load_clock_));
  ASSERT_TRUE(restored.LoadSnapshot(*reader).ok());
  const std::vector<MemoryJournal::Record> all = journal.records();
  ReplayInto(restored, std::vector<MemoryJournal::Record>(
                           all.begin() + at_snapshot, all.end()));

  Engine replayed(Options(&load_clock_));
  ReplayInto(replayed, all);
  load_clock_ = live_clock_.load();
  ExpectSameState(live, restored, users_);
  ExpectSameState(replayed, restored, users_);
}

TEST_F(EngineSnapshotTest, AnEmptyEngineRoundTrips) {
  persist::test::TempDir dir;
  Engine empty(Options(&live_clock_));
  const std::string path = Save(empty, dir.path());
  Engine loaded(Options(&load_clock_));
  Load(loaded, path);
  EXPECT_EQ(loaded.Counts().products, 0u);
  EXPECT_EQ(loaded.Counts().users, 0u);
}

TEST_F(EngineSnapshotTest, LoadsOnlyIntoANewEngine) {
  persist::test::TempDir dir;
  Engine live(Options(&live_clock_));
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  const std::string path = Save(live, dir.path());
  absl::StatusOr<persist::SnapshotReader> reader =
      persist::SnapshotReader::Open(path);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(live.LoadSnapshot(*reader).code(),
            absl::StatusCode::kFailedPrecondition);
}

// The server's background snapshot: writes are paused only for the fork;
// the child writes the state frozen at the fork while the parent goes on
// logging. The snapshot must hold exactly the records up to its sequence.
TEST_F(EngineSnapshotTest, AForkedSnapshotHoldsTheStateAtItsSequence) {
  persist::test::TempDir dir;
  MemoryJournal journal;
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(ReplayCatalog()).ok());
  Learn(live, live_clock_, 10);

  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    for (int i = 0; !stop.load(); ++i) {
      const std::string user = absl::StrCat("w", i % 9);
      if (!live.Log({{MakeEvent(user, i % 40, EventType::kClick)}}).ok()) {
        ++failures;
      }
    }
  });
  std::thread reader([&] {
    while (!stop.load()) test::Ranking(live, "w1");
  });
  uint64_t sequence = 0;
  std::optional<persist::ForkedTask> task;
  for (int attempt = 0; attempt < 3; ++attempt) {
    task.reset();
    absl::Status paused =
        live.WithWritesPaused([&](const Engine::SnapshotPoint& point) {
          sequence = point.sequence;
          absl::StatusOr<persist::ForkedTask> started =
              persist::ForkedTask::Start([&]() -> absl::Status {
                absl::StatusOr<std::unique_ptr<persist::SnapshotWriter>> out =
                    persist::SnapshotWriter::Create(dir.path(), point.sequence,
                                                    kT0);
                if (!out.ok()) return out.status();
                live.SaveSnapshot(point, **out);
                return (*out)->Commit().status();
              });
          if (!started.ok()) return started.status();
          task.emplace(*std::move(started));
          return absl::OkStatus();
        });
    ASSERT_TRUE(paused.ok()) << paused;
    ASSERT_TRUE(task->Wait(absl::Minutes(2)).ok());
  }
  stop = true;
  writer.join();
  reader.join();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_GT(journal.records().size(), sequence);

  Engine restored(Options(&load_clock_));
  Load(restored,
       absl::StrCat(dir.path(), "/", persist::SnapshotFileName(sequence)));
  const std::vector<MemoryJournal::Record> all = journal.records();
  Engine prefix(Options(&load_clock_));
  ReplayInto(prefix, std::vector<MemoryJournal::Record>(
                         all.begin(), all.begin() + sequence));
  load_clock_ = live_clock_.load();
  std::vector<std::string> users = users_;
  for (int i = 0; i < 9; ++i) users.push_back(absl::StrCat("w", i));
  ExpectSameState(prefix, restored, users);
}

}  // namespace
}  // namespace ranker
