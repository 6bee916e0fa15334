#include "client/eval/sessions_reader.h"

#include <string>

#include "absl/status/status.h"
#include "client/eval/read_dataset.h"
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
using ::testing::IsEmpty;

TEST(ReadSessionsDataset, ReadsSessionsCasesAndTags) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "a b c\n\nb  c\r\nc d d\n");
  dir.Write("test_prefix_label.tsv", "a b\tc\nd\te\n");
  dir.Write("item_tags.tsv", "a\tred,blue,red\nzz\tx\nc\t\n");

  const absl::StatusOr<Dataset> dataset = ReadSessionsDataset(dir.path());
  ASSERT_TRUE(dataset.ok()) << dataset.status();
  EXPECT_EQ(dataset->format, "sessions");
  // Items in order of first sight; "e" only in the test file; "zz" ignored.
  ASSERT_EQ(dataset->items.size(), 5u);
  EXPECT_EQ(dataset->items[0].id, "a");
  EXPECT_EQ(dataset->items[3].id, "d");
  EXPECT_EQ(dataset->items[4].id, "e");
  // The blank line is skipped; runs of spaces and "\r\n" are fine.
  ASSERT_EQ(dataset->train.size(), 3u);
  EXPECT_EQ(Events(*dataset, dataset->train[0]), "a:click b:click c:click");
  EXPECT_EQ(Events(*dataset, dataset->train[1]), "b:click c:click");
  EXPECT_EQ(Events(*dataset, dataset->train[2]), "c:click d:click d:click");
  ASSERT_EQ(dataset->test.size(), 2u);
  EXPECT_EQ(Case(*dataset, dataset->test[0]), "a b -> c");
  EXPECT_EQ(Case(*dataset, dataset->test[1]), "d -> e");
  // Tags: duplicates dropped; an empty list is no tags; no category.
  EXPECT_THAT(dataset->items[0].tags, ElementsAre("red", "blue"));
  EXPECT_THAT(dataset->items[1].tags, IsEmpty());
  EXPECT_THAT(dataset->items[2].tags, IsEmpty());
  EXPECT_EQ(dataset->items[0].category, "");
  EXPECT_EQ(CountTrainEvents(*dataset), 8u);
}

TEST(ReadSessionsDataset, ItemTagsAreOptional) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n");
  const absl::StatusOr<Dataset> dataset = ReadDataset("sessions", dir.path());
  ASSERT_TRUE(dataset.ok()) << dataset.status();
  EXPECT_EQ(dataset->items.size(), 2u);
  EXPECT_THAT(dataset->items[0].tags, IsEmpty());
}

TEST(ReadSessionsDataset, KeepsAtMost64Tags) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n");
  std::string tags;
  for (int i = 0; i < 70; ++i) tags += "t" + std::to_string(i) + ",";
  dir.Write("item_tags.tsv", "1\t" + tags + "\n");
  const absl::StatusOr<Dataset> dataset = ReadSessionsDataset(dir.path());
  ASSERT_TRUE(dataset.ok()) << dataset.status();
  ASSERT_EQ(dataset->items[0].tags.size(), 64u);
  EXPECT_EQ(dataset->items[0].tags.back(), "t63");
}

TEST(ReadSessionsDataset, MissingFileIsNotFound) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  const absl::StatusOr<Dataset> dataset = ReadSessionsDataset(dir.path());
  EXPECT_EQ(dataset.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(ErrorOf(dataset), HasSubstr("test_prefix_label.tsv"));
}

TEST(ReadSessionsDataset, TestLineWithoutTabNamesFileAndLine) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n1 2 3\n");
  EXPECT_THAT(ErrorOf(ReadSessionsDataset(dir.path())),
              HasSubstr("test_prefix_label.tsv:2: expected 'prefix<TAB>label', "
                        "got 1 field(s)"));
}

TEST(ReadSessionsDataset, TwoLabelsAreAnError) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  dir.Write("test_prefix_label.tsv", "1\t2 3\n");
  EXPECT_THAT(ErrorOf(ReadSessionsDataset(dir.path())),
              HasSubstr("test_prefix_label.tsv:1: expected one label item, "
                        "got 2"));
}

TEST(ReadSessionsDataset, EmptyPrefixIsAnError) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n \t2\n");
  EXPECT_THAT(ErrorOf(ReadSessionsDataset(dir.path())),
              HasSubstr("test_prefix_label.tsv:2: empty prefix"));
}

TEST(ReadSessionsDataset, TooLongItemIdNamesFileAndLine) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n3\n1 " + std::string(129, 'x') + "\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n");
  EXPECT_THAT(ErrorOf(ReadSessionsDataset(dir.path())),
              HasSubstr("train_sessions.txt:3: item id 'xxxx"));
}

TEST(ReadSessionsDataset, ControlCharacterInTrainLineIsAnError) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1\t2\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n");
  EXPECT_THAT(ErrorOf(ReadSessionsDataset(dir.path())),
              HasSubstr("train_sessions.txt:1: item id '1\\t2' contains a "
                        "control character"));
}

TEST(ReadSessionsDataset, ItemListedTwiceInTagsIsAnError) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n");
  dir.Write("item_tags.tsv", "1\ta\n2\tb\n1\tc\n");
  EXPECT_THAT(ErrorOf(ReadSessionsDataset(dir.path())),
              HasSubstr("item_tags.tsv:3: item '1' is listed twice"));
}

TEST(ReadSessionsDataset, TagsLineWithoutTabIsAnError) {
  ScratchDir dir;
  dir.Write("train_sessions.txt", "1 2\n");
  dir.Write("test_prefix_label.tsv", "1\t2\n");
  dir.Write("item_tags.tsv", "1 a,b\n");
  EXPECT_THAT(ErrorOf(ReadSessionsDataset(dir.path())),
              HasSubstr("item_tags.tsv:1: expected 'item<TAB>tag,tag,...'"));
}

TEST(ReadDataset, UnknownFormatIsAnError) {
  EXPECT_THAT(ErrorOf(ReadDataset("csv", "/tmp")),
              HasSubstr("unknown format 'csv'"));
}

}  // namespace
}  // namespace ranker::eval
