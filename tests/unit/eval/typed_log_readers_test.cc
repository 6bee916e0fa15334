// The RetailRocket and Taobao readers, and the grouping they share.
#include <string>

#include "absl/status/status.h"
#include "client/eval/retailrocket_reader.h"
#include "client/eval/taobao_reader.h"
#include "client/eval/typed_log.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/eval/eval_test_util.h"

namespace ranker::eval {
namespace {

using test::Case;
using test::ErrorOf;
using test::Events;
using test::ScratchDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(GroupIntoSessions, OrdersEventsByTimeAndSessionsByFirstEvent) {
  const std::vector<LogRow> rows = {
      {.session = "s1", .time = 10, .kind = EventKind::kClick, .item = 0},
      {.session = "s1", .time = 5, .kind = EventKind::kPurchase, .item = 1},
      {.session = "s2", .time = 7, .kind = EventKind::kClick, .item = 2},
      {.session = "s1", .time = 5, .kind = EventKind::kClick, .item = 3},
  };
  const std::vector<KeyedSession> sessions = GroupIntoSessions(rows);
  ASSERT_EQ(sessions.size(), 2u);
  // s1 starts at 5, s2 at 7.
  EXPECT_EQ(sessions[0].key, "s1");
  ASSERT_EQ(sessions[0].session.events.size(), 3u);
  // Equal times keep file order: item 1 before item 3.
  EXPECT_EQ(sessions[0].session.events[0].item, 1);
  EXPECT_EQ(sessions[0].session.events[0].kind, EventKind::kPurchase);
  EXPECT_EQ(sessions[0].session.events[1].item, 3);
  EXPECT_EQ(sessions[0].session.events[2].item, 0);
  EXPECT_EQ(sessions[1].key, "s2");
}

constexpr char kRetailRocketHeader[] =
    "Time\tUserId\tType\tItemId\tSessionId\tCatId\n";
// The training file's header: "CatId" and "ItemId" swapped.
constexpr char kRetailRocketSwappedHeader[] =
    "Time\tUserId\tType\tCatId\tSessionId\tItemId\n";

TEST(ReadRetailRocketDataset, ReadsColumnsByPositionDespiteTheSwappedHeader) {
  ScratchDir dir;
  dir.Write("retailrocket_train_valid.txt",
            std::string(kRetailRocketSwappedHeader) +
                "100\t0\tview\t500\ts1\t7\n"
                "102\t0\taddtocart\t501\ts1\t8\n"
                "101\t0\tview\t501\ts1\t8\n"
                "90\t1\tview\t502\ts2\t7\n");
  dir.Write("retailrocket_test.txt",
            std::string(kRetailRocketHeader) +
                "100\t0\tview\t500\ts1\t7\n"  // s1 was trained on: skipped
                "200\t2\tview\t500\ts3\t7\n"
                "201\t2\tview\t999\ts3\t9\n"  // never trained on: dropped
                "202\t2\ttransaction\t501\ts3\t8\n"  // not a click
                "203\t2\tview\t501\ts3\t8\n"
                "204\t2\tview\t502\ts3\t7\n");

  const absl::StatusOr<Dataset> dataset = ReadRetailRocketDataset(dir.path());
  ASSERT_TRUE(dataset.ok()) << dataset.status();
  EXPECT_EQ(dataset->format, "retailrocket");
  // The 4th column is the item, the 6th the category.
  ASSERT_EQ(dataset->items.size(), 4u);
  EXPECT_EQ(dataset->items[0].id, "500");
  EXPECT_EQ(dataset->items[0].category, "7");
  EXPECT_THAT(dataset->items[0].tags, ElementsAre("cat:7"));
  EXPECT_EQ(dataset->items[1].id, "501");
  EXPECT_EQ(dataset->items[1].category, "8");
  EXPECT_EQ(dataset->items[3].id, "999");
  // s2 starts first; s1's events in time order.
  ASSERT_EQ(dataset->train.size(), 2u);
  EXPECT_EQ(Events(*dataset, dataset->train[0]), "502:click");
  EXPECT_EQ(Events(*dataset, dataset->train[1]),
            "500:click 501:click 501:add_to_cart");
  // s3's clicks 500 999 501 502 without 999.
  ASSERT_EQ(dataset->test.size(), 2u);
  EXPECT_EQ(Case(*dataset, dataset->test[0]), "500 -> 501");
  EXPECT_EQ(Case(*dataset, dataset->test[1]), "500 501 -> 502");
}

TEST(ReadRetailRocketDataset, UnknownHeaderIsAnError) {
  ScratchDir dir;
  dir.Write("retailrocket_train_valid.txt",
            "Time\tUser\tType\tItem\tSession\tCat\n");
  dir.Write("retailrocket_test.txt", kRetailRocketHeader);
  EXPECT_THAT(ErrorOf(ReadRetailRocketDataset(dir.path())),
              HasSubstr("retailrocket_train_valid.txt:1: unexpected header"));
}

TEST(ReadRetailRocketDataset, UnknownEventTypeNamesFileAndLine) {
  ScratchDir dir;
  dir.Write("retailrocket_train_valid.txt",
            std::string(kRetailRocketSwappedHeader) +
                "100\t0\tview\t500\ts1\t7\n"
                "101\t0\tclick\t501\ts1\t7\n");
  dir.Write("retailrocket_test.txt", kRetailRocketHeader);
  EXPECT_THAT(ErrorOf(ReadRetailRocketDataset(dir.path())),
              HasSubstr("retailrocket_train_valid.txt:3: unknown event type "
                        "'click'"));
}

TEST(ReadRetailRocketDataset, WrongFieldCountNamesFileAndLine) {
  ScratchDir dir;
  dir.Write("retailrocket_train_valid.txt", kRetailRocketSwappedHeader);
  dir.Write("retailrocket_test.txt",
            std::string(kRetailRocketHeader) + "100\t0\tview\t500\ts1\n");
  EXPECT_THAT(ErrorOf(ReadRetailRocketDataset(dir.path())),
              HasSubstr("retailrocket_test.txt:2: expected 6 tab-separated "
                        "fields, got 5"));
}

TEST(ReadRetailRocketDataset, BadTimeNamesFileAndLine) {
  ScratchDir dir;
  dir.Write(
      "retailrocket_train_valid.txt",
      std::string(kRetailRocketSwappedHeader) + "soon\t0\tview\t500\ts1\t7\n");
  dir.Write("retailrocket_test.txt", kRetailRocketHeader);
  EXPECT_THAT(ErrorOf(ReadRetailRocketDataset(dir.path())),
              HasSubstr("retailrocket_train_valid.txt:2: bad Time 'soon'"));
}

// Within the dataset's period: 2017-11-25 08:53:20 UTC.
constexpr int64_t kBase = 1511600000;

std::string TaobaoRow(const std::string& user, const std::string& item,
                      const std::string& category, const std::string& behavior,
                      int64_t time) {
  return user + "," + item + "," + category + "," + behavior + "," +
         std::to_string(time) + "\n";
}

TEST(ReadTaobaoDataset, SplitsTheLastTenthOfTheTimeRangeIntoTest) {
  ScratchDir dir;
  // Times span kBase..kBase+1000: the cut is at kBase+900.
  const std::string path = dir.Write(
      "ub.csv",
      TaobaoRow("u1", "10", "100", "pv", kBase) +
          TaobaoRow("u1", "11", "100", "cart", kBase + 10) +
          TaobaoRow("u2", "12", "101", "pv", kBase + 5) +
          TaobaoRow("u1", "11", "100", "pv", kBase + 20) +
          TaobaoRow("u2", "12", "101", "fav", kBase + 900) +
          TaobaoRow("u9", "14", "103", "pv", 1505117799) +  // stray: dropped
          TaobaoRow("u3", "10", "100", "pv", kBase + 950) +
          TaobaoRow("u3", "13", "102", "pv", kBase + 960) +  // not trained
          TaobaoRow("u3", "12", "101", "pv", kBase + 970) +
          TaobaoRow("u1", "12", "101", "buy", kBase + 990) +  // not a click
          TaobaoRow("u3", "11", "100", "pv", kBase + 1000));

  const absl::StatusOr<Dataset> dataset = ReadTaobaoDataset(path);
  ASSERT_TRUE(dataset.ok()) << dataset.status();
  EXPECT_EQ(dataset->format, "taobao");
  // Item 14 only on the stray row: never read.
  ASSERT_EQ(dataset->items.size(), 4u);
  EXPECT_EQ(dataset->items[0].id, "10");
  EXPECT_EQ(dataset->items[0].category, "100");
  EXPECT_THAT(dataset->items[2].tags, ElementsAre("cat:101"));
  EXPECT_EQ(dataset->items[3].id, "13");
  // One session per user in the training period, by first event; the event
  // at the cut itself trains.
  ASSERT_EQ(dataset->train.size(), 2u);
  EXPECT_EQ(Events(*dataset, dataset->train[0]),
            "10:click 11:add_to_cart 11:click");
  EXPECT_EQ(Events(*dataset, dataset->train[1]), "12:click 12:favorite");
  // u3's clicks 10 13 12 11 without 13; u1's test session has no click.
  ASSERT_EQ(dataset->test.size(), 2u);
  EXPECT_EQ(Case(*dataset, dataset->test[0]), "10 -> 12");
  EXPECT_EQ(Case(*dataset, dataset->test[1]), "10 12 -> 11");
}

TEST(ReadTaobaoDataset, WrongFieldCountNamesFileAndLine) {
  ScratchDir dir;
  const std::string path = dir.Write(
      "ub.csv", TaobaoRow("u1", "10", "100", "pv", kBase) + "u1,10,100,pv\n");
  EXPECT_THAT(ErrorOf(ReadTaobaoDataset(path)),
              HasSubstr("ub.csv:2: expected 5 comma-separated fields"));
}

TEST(ReadTaobaoDataset, UnknownBehaviorNamesFileAndLine) {
  ScratchDir dir;
  const std::string path =
      dir.Write("ub.csv", TaobaoRow("u1", "10", "100", "click", kBase));
  EXPECT_THAT(ErrorOf(ReadTaobaoDataset(path)),
              HasSubstr("ub.csv:1: unknown behavior_type 'click' "
                        "(pv|cart|buy|fav)"));
}

TEST(ReadTaobaoDataset, DirectoryIsAnError) {
  ScratchDir dir;
  EXPECT_THAT(ErrorOf(ReadTaobaoDataset(dir.path())),
              HasSubstr("is a directory"));
}

}  // namespace
}  // namespace ranker::eval
