#include "client/cli_args.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

// ScanArgs looks flags up in the binary's registry: these stand in for
// ranker_cli's own, one of each type it checks.
ABSL_FLAG(std::string, test_name, "", "A string flag.");
ABSL_FLAG(int32_t, test_count, 20, "An int32 flag.");
ABSL_FLAG(int64_t, test_big, 0, "An int64 flag.");
ABSL_FLAG(bool, test_verbose, false, "A bool flag.");
ABSL_FLAG(bool, test_explain, true, "A bool flag that defaults to true.");
ABSL_FLAG(double, test_ratio, 1.0, "A double flag.");
ABSL_FLAG(absl::Duration, test_timeout, absl::Seconds(5), "A duration flag.");
ABSL_RETIRED_FLAG(int32_t, test_retired, 0, "A flag no longer in use.");

namespace ranker::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class ScanArgsTest : public ::testing::Test {
 protected:
  // ScanArgs stores the values it parses; each test starts from defaults.
  // (absl::FlagSaver would do, but logs every flag it restores.)
  void SetUp() override {
    absl::SetFlag(&FLAGS_test_name, "");
    absl::SetFlag(&FLAGS_test_count, 20);
    absl::SetFlag(&FLAGS_test_big, 0);
    absl::SetFlag(&FLAGS_test_verbose, false);
    absl::SetFlag(&FLAGS_test_explain, true);
    absl::SetFlag(&FLAGS_test_ratio, 1.0);
    absl::SetFlag(&FLAGS_test_timeout, absl::Seconds(5));
  }

  absl::StatusOr<ScannedArgs> Scan(std::vector<const char*> args) {
    args.insert(args.begin(), "ranker_cli");
    return ScanArgs(static_cast<int>(args.size()), args.data());
  }
  std::string ErrorOf(std::vector<const char*> args) {
    const absl::StatusOr<ScannedArgs> scanned = Scan(std::move(args));
    if (scanned.ok()) return "<ok>";
    EXPECT_EQ(scanned.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(scanned.status().message());
  }
};

TEST_F(ScanArgsTest, SeparatesPositionalArgumentsFromFlagsInOrder) {
  const absl::StatusOr<ScannedArgs> scanned =
      Scan({"recommend", "--test_name=u1", "extra", "-", "--test_count", "7"});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_THAT(scanned->positional, ElementsAre("recommend", "extra", "-"));
  EXPECT_THAT(scanned->flags, UnorderedElementsAre("test_name", "test_count"));
  EXPECT_FALSE(scanned->help);
}

TEST_F(ScanArgsTest, NormalizesEveryFlagToNameEqualsValueBeforeThePositionals) {
  const absl::StatusOr<ScannedArgs> scanned =
      Scan({"log", "-test_name", "-", "--test_verbose", "--notest_explain",
            "--test_count=3"});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_THAT(
      scanned->normalized,
      ElementsAre("ranker_cli", "--test_name=-", "--test_verbose=true",
                  "--test_explain=false", "--test_count=3", "--", "log"));
  EXPECT_THAT(scanned->flags,
              UnorderedElementsAre("test_name", "test_verbose", "test_explain",
                                   "test_count"));
}

TEST_F(ScanArgsTest, StoresTheParsedValuesInTheFlags) {
  ASSERT_TRUE(
      Scan({"--test_count=7", "--test_timeout", "250ms", "--notest_explain",
            "--test_ratio=0.5", "--test_big", "9000000000"})
          .ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_test_count), 7);
  EXPECT_EQ(absl::GetFlag(FLAGS_test_timeout), absl::Milliseconds(250));
  EXPECT_FALSE(absl::GetFlag(FLAGS_test_explain));
  EXPECT_EQ(absl::GetFlag(FLAGS_test_ratio), 0.5);
  EXPECT_EQ(absl::GetFlag(FLAGS_test_big), 9000000000);
}

TEST_F(ScanArgsTest, ABoolFlagWithoutValueDoesNotTakeTheNextArgument) {
  const absl::StatusOr<ScannedArgs> scanned = Scan({"--test_verbose", "false"});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_THAT(scanned->positional, ElementsAre("false"));
  EXPECT_TRUE(absl::GetFlag(FLAGS_test_verbose));
}

TEST_F(ScanArgsTest, TreatsEverythingAfterDoubleDashAsPositional) {
  const absl::StatusOr<ScannedArgs> scanned =
      Scan({"--test_count=1", "--", "--test_count=2", "--bogus", "-h"});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_THAT(scanned->positional,
              ElementsAre("--test_count=2", "--bogus", "-h"));
  EXPECT_FALSE(scanned->help);
  EXPECT_EQ(absl::GetFlag(FLAGS_test_count), 1);
}

TEST_F(ScanArgsTest, RecognisesEveryFormOfHelp) {
  for (const char* help : {"--help", "-help", "-h", "--h"}) {
    const absl::StatusOr<ScannedArgs> scanned = Scan({"recommend", help});
    ASSERT_TRUE(scanned.ok()) << help << ": " << scanned.status();
    EXPECT_TRUE(scanned->help) << help;
    EXPECT_THAT(scanned->flags, IsEmpty()) << help;
    EXPECT_THAT(scanned->normalized,
                ElementsAre("ranker_cli", "--", "recommend"))
        << help;
  }
}

TEST_F(ScanArgsTest, PassesAbseilUsageFlagsThroughUnchecked) {
  const absl::StatusOr<ScannedArgs> scanned =
      Scan({"--helpfull", "--helpon=cli_args"});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_THAT(scanned->flags, IsEmpty());
  EXPECT_FALSE(scanned->help);
  EXPECT_THAT(scanned->normalized, ElementsAre("ranker_cli", "--helpfull",
                                               "--helpon=cli_args", "--"));
}

TEST_F(ScanArgsTest, RejectsAnUnknownFlagByName) {
  EXPECT_EQ(ErrorOf({"recommend", "--bogus"}), "--bogus: unknown flag");
  EXPECT_EQ(ErrorOf({"--bogus=1"}), "--bogus: unknown flag");
  EXPECT_EQ(ErrorOf({"-usr", "u1"}), "--usr: unknown flag");
  EXPECT_EQ(ErrorOf({"--nobogus"}), "--nobogus: unknown flag");
}

TEST_F(ScanArgsTest, RejectsNoPrefixOnAFlagThatIsNotBool) {
  EXPECT_EQ(ErrorOf({"--notest_count"}), "--notest_count: unknown flag");
}

TEST_F(ScanArgsTest, RejectsARetiredFlag) {
  EXPECT_EQ(ErrorOf({"--test_retired=1"}), "--test_retired: unknown flag");
}

TEST_F(ScanArgsTest, RejectsAValueOnANegatedBool) {
  EXPECT_EQ(ErrorOf({"--notest_verbose=true"}),
            "--notest_verbose: takes no value");
}

TEST_F(ScanArgsTest, RejectsAFlagMissingItsValue) {
  EXPECT_EQ(ErrorOf({"recommend", "--test_name"}),
            "--test_name: missing value");
}

TEST_F(ScanArgsTest, RejectsABadValueSayingWhatWasExpected) {
  EXPECT_EQ(ErrorOf({"--test_count=abc"}),
            "--test_count: invalid value 'abc' (an integer)");
  EXPECT_EQ(ErrorOf({"--test_count", "9999999999"}),
            "--test_count: invalid value '9999999999' (an integer)");
  EXPECT_EQ(ErrorOf({"--test_big=1.5"}),
            "--test_big: invalid value '1.5' (an integer)");
  EXPECT_EQ(ErrorOf({"--test_verbose=maybe"}),
            "--test_verbose: invalid value 'maybe' (true or false)");
  EXPECT_EQ(ErrorOf({"--test_ratio=x"}),
            "--test_ratio: invalid value 'x' (a number)");
  EXPECT_EQ(ErrorOf({"--test_timeout=soon"}),
            "--test_timeout: invalid value 'soon' (a duration such as 500ms "
            "or 30s)");
}

TEST_F(ScanArgsTest, LeavesABadValueOutOfTheFlag) {
  EXPECT_FALSE(Scan({"--test_count=abc"}).ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_test_count), 20);
}

TEST_F(ScanArgsTest, AcceptsAnEmptyStringValue) {
  const absl::StatusOr<ScannedArgs> scanned = Scan({"--test_name="});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_THAT(scanned->normalized,
              ElementsAre("ranker_cli", "--test_name=", "--"));
}

TEST_F(ScanArgsTest, LeavesFlagfileForAbseilToRead) {
  const absl::StatusOr<ScannedArgs> scanned =
      Scan({"--flagfile=/nonexistent/ranker.flags", "health"});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  EXPECT_THAT(scanned->flags, UnorderedElementsAre("flagfile"));
  EXPECT_THAT(scanned->normalized,
              ElementsAre("ranker_cli", "--flagfile=/nonexistent/ranker.flags",
                          "--", "health"));
  // Not stored: absl::ParseCommandLine would otherwise read the file twice.
  EXPECT_THAT(absl::GetFlag(FLAGS_flagfile), IsEmpty());
}

TEST_F(ScanArgsTest, ItsNormalizedCommandLineParsesWithAbseilToTheSameResult) {
  absl::StatusOr<ScannedArgs> scanned =
      Scan({"upsert", "--test_name", "-", "--notest_explain", "-"});
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  absl::SetFlag(&FLAGS_test_name, "reset");
  absl::SetFlag(&FLAGS_test_explain, true);

  std::vector<char*> argv;
  for (std::string& arg : scanned->normalized) argv.push_back(arg.data());
  const std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(argv.size()), argv.data());
  std::vector<std::string> words(positional.begin(), positional.end());
  EXPECT_THAT(words, ElementsAre("ranker_cli", "upsert", "-"));
  EXPECT_EQ(absl::GetFlag(FLAGS_test_name), "-");
  EXPECT_FALSE(absl::GetFlag(FLAGS_test_explain));
}

}  // namespace
}  // namespace ranker::cli
