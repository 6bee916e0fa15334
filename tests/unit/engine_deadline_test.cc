// Call deadlines in the Engine: a Recommend past its deadline stops with
// DEADLINE_EXCEEDED naming the stage; a write call past its deadline is
// refused before it is journaled and changes nothing, while one that reached
// the journal is applied and acknowledged even if its deadline passes during
// the append. The deadline clock is injected: no sleeps, no timing.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "core/engine.h"
#include "gtest/gtest.h"
#include "tests/unit/test_util.h"

namespace ranker {
namespace {

using test::Spec;

constexpr TimeMs kT0 = 1'700'000'000'000;
const absl::Time kNow = absl::FromUnixMillis(kT0);

// A journal that keeps nothing and, like a slow fsync, moves the deadline
// clock forward while it appends.
class SlowJournal : public persist::Journal {
 public:
  explicit SlowJournal(absl::Time* now) : now_(now) {}
  absl::StatusOr<uint64_t> Append(persist::RecordKind,
                                  absl::string_view) override {
    *now_ += absl::Seconds(10);
    return ++last_;
  }
  uint64_t last_sequence() const override { return last_; }

 private:
  absl::Time* now_;
  uint64_t last_ = 0;
};

class EngineDeadlineTest : public ::testing::Test {
 protected:
  EngineDeadlineTest() : engine_(Options()) {
    std::vector<ProductSpec> specs;
    for (int i = 0; i < 5; ++i) {
      specs.push_back(Spec("p" + std::to_string(i), {{"tag", 1.0}}));
    }
    EXPECT_TRUE(engine_.UpsertProducts(specs).ok());
  }

  EngineOptions Options() {
    EngineOptions options;
    options.clock = [] { return kT0; };
    options.deadline_clock = [this] { return now_; };
    return options;
  }

  static std::vector<Event> Clicks(const std::string& user) {
    Event event;
    event.user_id = user;
    event.product_id = "p1";
    event.type = EventType::kClick;
    return {event};
  }

  absl::Time now_ = kNow;
  Engine engine_;
};

TEST_F(EngineDeadlineTest, RecommendPastItsDeadlineNamesTheStage) {
  RecommendRequest request;
  request.user_id = "u1";
  request.deadline = kNow;  // reached exactly: past
  absl::StatusOr<RecommendResult> result = engine_.Recommend(request);
  ASSERT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(absl::StrContains(result.status().message(),
                                "before the user features stage"))
      << result.status();

  request.deadline = kNow + absl::Seconds(1);
  EXPECT_TRUE(engine_.Recommend(request).ok());
}

TEST_F(EngineDeadlineTest, LogPastItsDeadlineAppliesNothing) {
  absl::Status status = engine_.Log(Clicks("u1"), kNow - absl::Seconds(1));
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(absl::StrContains(status.message(), "events were logged"))
      << status;
  EXPECT_EQ(engine_.Counts().users, 0u);

  EXPECT_TRUE(engine_.Log(Clicks("u1"), kNow + absl::Seconds(1)).ok());
  EXPECT_EQ(engine_.Counts().users, 1u);
}

TEST_F(EngineDeadlineTest, InvalidInputIsReportedBeforeTheDeadline) {
  std::vector<Event> events = Clicks("u1");
  events[0].product_id = "unknown";
  EXPECT_EQ(engine_.Log(events, absl::InfinitePast()).code(),
            absl::StatusCode::kNotFound);
}

TEST_F(EngineDeadlineTest, UpsertsPastTheirDeadlineApplyNothing) {
  std::vector<ProductSpec> specs = {Spec("new", {{"tag", 1.0}})};
  EXPECT_EQ(engine_.UpsertProducts(specs, absl::InfinitePast()).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(engine_.Counts().products, 5u);

  ShopSpec shop;
  shop.id = "shop";
  shop.status = ShopStatus::kBanned;
  EXPECT_EQ(
      engine_.UpsertShops({&shop, 1}, absl::InfinitePast()).status().code(),
      absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(engine_.Counts().shops, 0u);
}

TEST_F(EngineDeadlineTest, AJournaledWriteIsAppliedEvenIfTheAppendOutlastsIt) {
  SlowJournal journal(&now_);
  engine_.AttachJournal(&journal);
  // The append takes 10 s of the 1 s left: once journaled, the call must be
  // applied and acknowledged, or a replay would apply what the caller was
  // told failed.
  EXPECT_TRUE(engine_.Log(Clicks("u1"), kNow + absl::Seconds(1)).ok());
  EXPECT_EQ(engine_.Counts().users, 1u);
  EXPECT_EQ(journal.last_sequence(), 1u);
}

}  // namespace
}  // namespace ranker
