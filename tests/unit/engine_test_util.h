// Helpers for the Engine's durability tests (replay and snapshots): an
// in-memory journal, a small catalog, events, and state comparison through
// the public API.
#ifndef RANKER_TESTS_UNIT_ENGINE_TEST_UTIL_H_
#define RANKER_TESTS_UNIT_ENGINE_TEST_UTIL_H_

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/engine.h"
#include "core/persist/wal_reader.h"
#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker::test {

using persist::RecordKind;

inline constexpr TimeMs kT0 = 1'700'000'000'000;

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

inline std::vector<ProductSpec> ReplayCatalog() {
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

inline Event MakeEvent(const std::string& user, int product, EventType type,
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

// The ranked ids and scores for a user, as one comparable string.
inline std::string Ranking(const Engine& engine, const std::string& user) {
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

inline void ExpectSameState(const Engine& a, const Engine& b,
                            const std::vector<std::string>& users) {
  const EngineCounts ca = a.Counts();
  const EngineCounts cb = b.Counts();
  EXPECT_EQ(ca.products, cb.products);
  EXPECT_EQ(ca.shops, cb.shops);
  EXPECT_EQ(ca.tags, cb.tags);
  EXPECT_EQ(ca.users, cb.users);
  EXPECT_EQ(ca.sessions, cb.sessions);
  EXPECT_EQ(ca.events, cb.events);
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

inline void ReplayInto(Engine& engine,
                       const std::vector<MemoryJournal::Record>& records) {
  for (const MemoryJournal::Record& record : records) {
    absl::Status status = engine.Replay(persist::WalRecord{
        record.sequence, static_cast<uint8_t>(record.kind), record.payload});
    ASSERT_TRUE(status.ok()) << record.sequence << ": " << status;
  }
}

inline EngineOptions ClockedOptions(std::atomic<TimeMs>* clock) {
  EngineOptions options;
  options.clock = [clock] { return clock->load(); };
  return options;
}

}  // namespace ranker::test

#endif  // RANKER_TESTS_UNIT_ENGINE_TEST_UTIL_H_
