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
#include "tests/unit/persist/wal_test_util.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using persist::RecordKind;
using test::Spec;

constexpr TimeMs kT0 = 1'700'000'000'000;

// Keeps records in memory; can be told to fail.
class MemoryJournal : public persist::Journal {
 public:
  struct Record {
    uint64_t sequence;
    RecordKind kind;
    std::string payload;
  };

  absl::StatusOr<uint64_t> Append(RecordKind kind,
                                  absl::string_view payload) override {
    uint64_t sequence = 0;
    {
      absl::MutexLock lock(&mu_);
      if (fail_) return absl::InternalError("disk on fire");
      records_.push_back({records_.size() + 1, kind, std::string(payload)});
      sequence = records_.size();
    }
    // Some callers dawdle between the append and the apply, as a real log's
    // group commit wakes them in any order: later records overtake them.
    if (stagger_ && sequence % 3 == 0) {
      std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
    return sequence;
  }
  void set_stagger(bool stagger) { stagger_ = stagger; }
  uint64_t last_sequence() const override {
    absl::MutexLock lock(&mu_);
    return records_.size();
  }
  void set_fail(bool fail) {
    absl::MutexLock lock(&mu_);
    fail_ = fail;
  }
  std::vector<Record> records() const {
    absl::MutexLock lock(&mu_);
    return records_;
  }

 private:
  mutable absl::Mutex mu_;
  std::atomic<bool> stagger_{false};
  bool fail_ = false;
  std::vector<Record> records_;
};

std::vector<ProductSpec> Catalog() {
  std::vector<ProductSpec> specs;
  const char* topics[] = {"kitchen", "travel", "decor", "garden"};
  for (int i = 0; i < 40; ++i) {
    const std::string topic = topics[i % 4];
    ProductSpec spec = Spec(absl::StrCat("p", i), {{topic, 1.0}, {"any", 0.2}},
                            {topic}, absl::StrCat("s", i % 6));
    if (i % 7 == 0) spec.creator_ids = {absl::StrCat("c", i % 3)};
    specs.push_back(spec);
  }
  return specs;
}

Event MakeEvent(const std::string& user, int product, EventType type,
                TimeMs timestamp = 0) {
  Event event;
  event.user_id = user;
  event.session_id = user + "-session";
  event.product_id = absl::StrCat("p", product);
  event.type = type;
  event.timestamp_ms = timestamp;
  event.content_form = ContentForm::kShortVideo;
  event.content_tags = {absl::StrCat("watch-", product % 5)};
  if (product % 3 == 0) event.creator_id = absl::StrCat("c", product % 3);
  return event;
}

class EngineReplayTest : public ::testing::Test {
 protected:
  EngineOptions Options(std::atomic<TimeMs>* clock) {
    EngineOptions options;
    options.clock = [clock] { return clock->load(); };
    return options;
  }

  // The ranked ids and scores for a user, as one comparable string.
  static std::string Ranking(const Engine& engine, const std::string& user) {
    RecommendRequest request;
    request.user_id = user;
    request.count = 20;
    absl::StatusOr<RecommendResult> result = engine.Recommend(request);
    EXPECT_TRUE(result.ok()) << result.status();
    std::string ranking;
    if (!result.ok()) return ranking;
    for (const RecommendedItem& item : result->items) {
      absl::StrAppend(&ranking, item.product_id, ":", item.score, " ");
    }
    return ranking;
  }

  static void ExpectSameState(const Engine& a, const Engine& b,
                              const std::vector<std::string>& users) {
    const EngineCounts ca = a.Counts();
    const EngineCounts cb = b.Counts();
    EXPECT_EQ(ca.products, cb.products);
    EXPECT_EQ(ca.shops, cb.shops);
    EXPECT_EQ(ca.tags, cb.tags);
    EXPECT_EQ(ca.users, cb.users);
    EXPECT_EQ(ca.sessions, cb.sessions);
    for (const std::string& user : users) {
      EXPECT_EQ(Ranking(a, user), Ranking(b, user)) << user;
      // The exact counts are rebuilt too.
      absl::StatusOr<UserDescription> da = a.DescribeUser(user);
      absl::StatusOr<UserDescription> db = b.DescribeUser(user);
      ASSERT_TRUE(da.ok() && db.ok());
      EXPECT_EQ(da->event_counts, db->event_counts) << user;
      EXPECT_EQ(da->last_event_time, db->last_event_time) << user;
    }
    for (int p = 0; p < 40; ++p) {
      const std::string id = absl::StrCat("p", p);
      absl::StatusOr<ProductDescription> da = a.DescribeProduct(id);
      absl::StatusOr<ProductDescription> db = b.DescribeProduct(id);
      ASSERT_TRUE(da.ok() && db.ok()) << id;
      EXPECT_EQ(da->event_counts, db->event_counts) << id;
    }
  }

  static void ReplayInto(Engine& engine,
                         const std::vector<MemoryJournal::Record>& records) {
    for (const MemoryJournal::Record& record : records) {
      absl::Status status = engine.Replay(persist::WalRecord{
          record.sequence, static_cast<uint8_t>(record.kind), record.payload});
      ASSERT_TRUE(status.ok()) << record.sequence << ": " << status;
    }
  }

  std::atomic<TimeMs> live_clock_{kT0};
  std::atomic<TimeMs> replay_clock_{kT0 + 7 * kMsPerDay};
};

TEST_F(EngineReplayTest, ReplayRebuildsTheSameCountsAndRecommendations) {
  MemoryJournal journal;
  Engine live(Options(&live_clock_));
  live.AttachJournal(&journal);
  ASSERT_TRUE(live.UpsertProducts(Catalog()).ok());
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
  ASSERT_TRUE(live.UpsertProducts(Catalog()).ok());
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
  ASSERT_TRUE(live.UpsertProducts(Catalog()).ok());
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
    ASSERT_TRUE(live.UpsertProducts(Catalog()).ok());
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
  ASSERT_TRUE(live.UpsertProducts(Catalog()).ok());
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
    ASSERT_TRUE(live.UpsertProducts(Catalog()).ok());
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
