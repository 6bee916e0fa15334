// ranker_cli as a user runs it: the real binary as a subprocess against the
// real server, checking what it prints and how it exits (0 done, 1 the server
// or the connection failed, 2 bad command line or input file).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"
#include "tests/e2e/subprocess.h"
#include "tests/e2e/test_certificate.h"

namespace ranker::testing {
namespace {

using CliRun = ProgramRun;

// Runs ranker_cli with `args`, feeding `input` on its standard input.
CliRun RunCli(const std::vector<std::string>& args,
              const std::string& input = "") {
  return RunProgram(RANKER_CLI_BINARY, args, input, absl::Seconds(60));
}

struct Row {
  int rank = 0;
  std::string product_id;
};

// The rows of the table `recommend` prints: the lines that start with a rank.
std::vector<Row> RankedRows(absl::string_view out) {
  std::vector<Row> rows;
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    const std::vector<absl::string_view> cells =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    Row row;
    if (cells.size() >= 2 && absl::SimpleAtoi(cells[0], &row.rank)) {
      row.product_id = std::string(cells[1]);
      rows.push_back(row);
    }
  }
  return rows;
}

// The space-separated words of `line`.
std::vector<std::string> Words(absl::string_view line) {
  return absl::StrSplit(line, ' ', absl::SkipEmpty());
}

std::vector<std::string> Ids(const std::vector<Row>& rows) {
  std::vector<std::string> ids;
  for (const Row& row : rows) ids.push_back(row.product_id);
  return ids;
}

std::string FirstLine(absl::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

// The line of deploy/demo/catalog.jsonl that describes `id`.
std::string CatalogLine(const std::string& id) {
  std::ifstream in(std::string(RANKER_SOURCE_DIR) +
                   "/deploy/demo/catalog.jsonl");
  const std::string key = absl::StrCat("\"id\":\"", id, "\"");
  for (std::string line; std::getline(in, line);) {
    if (absl::StrContains(line, key)) return line;
  }
  return "";
}

class CliE2eTest : public ServerTestBase {
 protected:
  static void SetUpTestSuite() {
    // A CLI that exits before reading its input must not kill the test.
    signal(SIGPIPE, SIG_IGN);
    StartServer({});  // the default: demo catalog
  }

  // ranker_cli <args> --target=<the server>.
  static CliRun Cli(std::vector<std::string> args,
                    const std::string& input = "") {
    args.push_back("--target=" + server()->address());
    return RunCli(args, input);
  }

  // The ids `recommend` lists for `user`, checking the run succeeded.
  static std::vector<std::string> RecommendIds(const std::string& user,
                                               int count) {
    const CliRun run = Cli({"recommend", "--user", user, "--count",
                            absl::StrCat(count), "--explain=false"});
    EXPECT_EQ(run.exit_code, 0) << Describe(run);
    return Ids(RankedRows(run.out));
  }
};

TEST_F(CliE2eTest, HealthPrintsServingAndExitsZero) {
  const CliRun run = Cli({"health"});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, "SERVING\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(CliE2eTest, HealthAgainstADeadPortPrintsUnavailableAndExitsOne) {
  const CliRun run = RunCli({"health", "--target=127.0.0.1:1"});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(absl::StartsWith(run.err, "error: UNAVAILABLE: ")) << run.err;
}

TEST_F(CliE2eTest, RecommendPrintsTwentyRankedRowsOfDistinctDemoProducts) {
  const CliRun run = Cli({"recommend", "--user", "u1", "--count", "20"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(absl::StartsWith(run.out, "request_id: ")) << run.out;
  const std::vector<absl::string_view> lines = absl::StrSplit(run.out, '\n');
  ASSERT_GE(lines.size(), 2u);
  // With explanations (the default) the table has seven columns; their
  // widths follow the widest cells, so compare the words.
  EXPECT_EQ(Words(lines[1]),
            std::vector<std::string>(
                {"rank", "product", "score", "source", "title", "category",
                 "matched", "(instant", "/", "long-term", "/", "context)"}))
      << lines[1];
  const std::vector<Row> rows = RankedRows(run.out);
  ASSERT_EQ(rows.size(), 20u) << run.out;
  absl::flat_hash_set<std::string> distinct;
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].rank, static_cast<int>(i) + 1);
    EXPECT_TRUE(DemoCatalogById().contains(rows[i].product_id))
        << rows[i].product_id;
    distinct.insert(rows[i].product_id);
  }
  EXPECT_EQ(distinct.size(), 20u);
}

TEST_F(CliE2eTest, RecommendWithoutExplainPrintsOnlyRankProductScoreSource) {
  const CliRun run =
      Cli({"recommend", "--user", "u1", "--count", "3", "--explain=false"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  const std::vector<absl::string_view> lines = absl::StrSplit(run.out, '\n');
  ASSERT_EQ(lines.size(), 6u) << run.out;  // id, header, 3 rows, ""
  EXPECT_EQ(Words(lines[1]),
            std::vector<std::string>({"rank", "product", "score", "source"}))
      << run.out;
  EXPECT_EQ(RankedRows(run.out).size(), 3u);
}

TEST_F(CliE2eTest, RecommendWithJsonPrintsTheWholeResponse) {
  const CliRun run =
      Cli({"recommend", "--user", "u1", "--count", "3", "--json"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_TRUE(absl::StartsWith(run.out, "{\n")) << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "\"request_id\": \"")) << run.out;
  size_t items = 0;
  for (size_t at = run.out.find("\"product_id\": \""); at != std::string::npos;
       at = run.out.find("\"product_id\": \"", at + 1)) {
    ++items;
  }
  EXPECT_EQ(items, 3u) << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "\"score_parts\": {")) << run.out;
}

TEST_F(CliE2eTest, StorefrontListsOnlyTheShopsProducts) {
  const std::string shop = DemoCatalog().front().shop_id;
  const CliRun run = Cli({"recommend", "--user", "u1", "--scene", "storefront",
                          "--shop", shop, "--count", "20", "--explain=false"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  const std::vector<Row> rows = RankedRows(run.out);
  ASSERT_FALSE(rows.empty()) << run.out;
  for (const Row& row : rows) {
    EXPECT_EQ(DemoCatalogById().at(row.product_id).shop_id, shop)
        << row.product_id;
  }
}

TEST_F(CliE2eTest, ClicksLoggedWithTheCliBringBusinessTravelToTheTop) {
  std::vector<std::string> clicked;
  for (const ProductSpec& product : DemoCatalog()) {
    if (clicked.size() == 3) break;
    if (product.status == ProductStatus::kActive &&
        HasTag(product, "business-travel")) {
      clicked.push_back(product.id);
    }
  }
  ASSERT_EQ(clicked.size(), 3u);

  const CliRun log = Cli({"log", "--user", "cli-u", "--product",
                          absl::StrJoin(clicked, ","), "--type", "click"});
  ASSERT_EQ(log.exit_code, 0) << Describe(log);
  EXPECT_EQ(log.out, "accepted 3 events\n");
  EXPECT_EQ(log.err, "");

  const CliRun run = Cli({"recommend", "--user", "cli-u", "--count", "10"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  const std::vector<Row> rows = RankedRows(run.out);
  ASSERT_EQ(rows.size(), 10u) << run.out;
  int business_travel = 0;
  for (const Row& row : rows) {
    business_travel +=
        HasTag(DemoCatalogById().at(row.product_id), "business-travel");
  }
  EXPECT_GE(business_travel, 5) << run.out;
}

TEST_F(CliE2eTest, UserShowsTheExactCountsOfEventsLoggedWithTheCli) {
  const CliRun log = Cli({"log", "--user", "cli-describe-u", "--product",
                          "p00001,p00002,p00003", "--type", "click"});
  ASSERT_EQ(log.exit_code, 0) << Describe(log);
  ASSERT_EQ(Cli({"log", "--user", "cli-describe-u", "--product", "p00002",
                 "--type", "add_to_cart"})
                .exit_code,
            0);

  const CliRun run = Cli({"user", "--user", "cli-describe-u"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(absl::StartsWith(run.out, "user: cli-describe-u\n")) << run.out;
  std::map<std::string, std::string> counts;
  for (absl::string_view line : absl::StrSplit(run.out, '\n')) {
    const std::vector<std::string> words = Words(line);
    if (words.size() == 2) counts[words[0]] = words[1];
  }
  EXPECT_EQ(counts["click"], "3") << run.out;
  EXPECT_EQ(counts["add_to_cart"], "1") << run.out;
  EXPECT_EQ(counts["impression"], "0") << run.out;
  EXPECT_EQ(counts["total"], "4") << run.out;
  EXPECT_TRUE(absl::StrContains(
      run.out, "recent products (most recent last): p00001,p00003,p00002\n"))
      << run.out;

  const CliRun json =
      Cli({"user", "--user", "cli-describe-u", "--top_tags", "2", "--json"});
  ASSERT_EQ(json.exit_code, 0) << Describe(json);
  EXPECT_TRUE(absl::StrContains(json.out, "\"click\": \"3\"")) << json.out;

  const CliRun unknown = Cli({"user", "--user", "cli-nobody"});
  EXPECT_EQ(unknown.exit_code, 0) << Describe(unknown);
  EXPECT_EQ(unknown.out, "user: cli-nobody (unknown: no events yet)\n");
}

TEST_F(CliE2eTest, ProductShowsCatalogFieldsAndAnUnknownOneExitsOne) {
  const ProductSpec& spec = DemoCatalogById().at("p00007");
  const CliRun run = Cli({"product", "--product", spec.id});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_TRUE(
      absl::StartsWith(run.out, "product: p00007\ntitle: " + spec.title + "\n"))
      << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "shop: " + spec.shop_id + "\n"))
      << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "popularity")) << run.out;

  const CliRun json = Cli({"product", "--product", spec.id, "--json"});
  ASSERT_EQ(json.exit_code, 0) << Describe(json);
  EXPECT_TRUE(absl::StrContains(json.out, "\"event_counts\"")) << json.out;

  const CliRun unknown = Cli({"product", "--product", "no-such"});
  EXPECT_EQ(unknown.exit_code, 1) << Describe(unknown);
  EXPECT_EQ(unknown.err,
            "error: NOT_FOUND: product_id: unknown product 'no-such'\n");
  const CliRun two = Cli({"product", "--product", "p00001,p00002"});
  EXPECT_EQ(two.exit_code, 2) << Describe(two);
}

TEST_F(CliE2eTest, LogFromStdinSendsAFileLargerThanOneCall) {
  // 2500 events: three calls of 1000, 1000 and 500.
  std::string input = "# impressions of the first 2500 catalog entries\n";
  int lines = 0;
  while (lines < 2500) {
    for (const ProductSpec& product : DemoCatalog()) {
      if (lines == 2500) break;
      absl::StrAppend(&input, "{\"user_id\":\"batch-u\",\"product_id\":\"",
                      product.id, "\",\"type\":\"impression\"}\n");
      ++lines;
    }
  }
  const CliRun run = Cli({"log", "--file=-"}, input);
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, "accepted 2500 events\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(CliE2eTest, UpsertFromStdinBansAProductSoRecommendNeverListsIt) {
  const std::vector<std::string> before = RecommendIds("x", 200);
  ASSERT_EQ(before.size(), 200u);
  // The first listed product outside the business-travel flow above.
  std::string target;
  for (const std::string& id : before) {
    if (!HasTag(DemoCatalogById().at(id), "business-travel")) {
      target = id;
      break;
    }
  }
  ASSERT_FALSE(target.empty());
  const std::string line = CatalogLine(target);
  ASSERT_TRUE(absl::StrContains(line, "\"status\":\"active\"")) << line;
  const std::string banned = absl::StrReplaceAll(
      line, {{"\"status\":\"active\"", "\"status\":\"banned\""}});

  const CliRun upsert = Cli({"upsert", "--file", "-"}, banned + "\n");
  ASSERT_EQ(upsert.exit_code, 0) << Describe(upsert);
  EXPECT_EQ(upsert.out, "inserted 0, updated 1\n");
  EXPECT_EQ(upsert.err, "");

  const std::vector<std::string> after = RecommendIds("x", 200);
  EXPECT_EQ(after.size(), 200u);
  EXPECT_EQ(std::count(after.begin(), after.end(), target), 0)
      << target << " is still listed";
}

TEST_F(CliE2eTest, ShopsBansAShopEverywhereUntilAFileReinstatesIt) {
  const std::string shop = DemoCatalog().front().shop_id;
  auto listed = [&](const std::vector<std::string>& ids) {
    return std::count_if(ids.begin(), ids.end(), [&](const std::string& id) {
      return DemoCatalogById().at(id).shop_id == shop;
    });
  };
  auto storefront = [&] {
    return Cli({"recommend", "--user", "x", "--scene", "storefront", "--shop",
                shop, "--count", "20", "--explain=false"});
  };
  ASSERT_GT(RankedRows(storefront().out).size(), 0u);

  const CliRun ban =
      Cli({"shops", "--shop", shop, "--status", "banned", "--quality", "0.3"});
  ASSERT_EQ(ban.exit_code, 0) << Describe(ban);
  EXPECT_EQ(ban.out, "inserted 1, updated 0\n");
  EXPECT_EQ(ban.err, "");
  EXPECT_EQ(listed(RecommendIds("x", 200)), 0);
  const CliRun empty = storefront();
  EXPECT_EQ(empty.exit_code, 0) << Describe(empty);
  EXPECT_TRUE(RankedRows(empty.out).empty()) << empty.out;

  const CliRun reinstate = Cli(
      {"shops", "--file", "-"},
      absl::StrCat(R"({"shop_id":")", shop, R"(","status":"active"})", "\n"));
  ASSERT_EQ(reinstate.exit_code, 0) << Describe(reinstate);
  EXPECT_EQ(reinstate.out, "inserted 0, updated 1\n");
  EXPECT_GT(listed(RecommendIds("x", 200)), 0);
  EXPECT_GT(RankedRows(storefront().out).size(), 0u);
}

TEST_F(CliE2eTest, ShopsWithAScoreTheServerRejectsExitsOneNamingTheField) {
  const CliRun run =
      Cli({"shops", "--shop", "s1", "--status", "active", "--quality", "1.5"});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(absl::StartsWith(
      run.err, "error: INVALID_ARGUMENT: shops[0].quality_score: must be in"))
      << run.err;
  const CliRun usage = Cli({"shops", "--shop", "s1"});
  EXPECT_EQ(usage.exit_code, 2) << Describe(usage);
  EXPECT_TRUE(
      absl::StartsWith(usage.err, "error: --status: required (active|banned)"))
      << usage.err;
}

TEST_F(CliE2eTest, AFileWithABadLineSendsNothingAndExitsTwo) {
  const std::vector<std::string> before = RecommendIds("atomic-u", 200);
  ASSERT_FALSE(before.empty());
  const std::string target = before.back();
  const std::string banned =
      absl::StrReplaceAll(CatalogLine(target),
                          {{"\"status\":\"active\"", "\"status\":\"banned\""}});
  ASSERT_TRUE(absl::StrContains(banned, "\"status\":\"banned\"")) << banned;

  const CliRun upsert = Cli(
      {"upsert", "--file=-"},
      absl::StrCat(banned, "\n{\"id\":\"p-new\",\"category\":[\"home\"]}\n"));
  EXPECT_EQ(upsert.exit_code, 2) << Describe(upsert);
  EXPECT_EQ(upsert.out, "");
  EXPECT_EQ(upsert.err, "error: --file: <stdin>:2: shop: required\n");

  const std::vector<std::string> after = RecommendIds("atomic-u", 200);
  EXPECT_EQ(std::count(after.begin(), after.end(), target), 1)
      << "line 1 was applied although line 2 was bad";
}

TEST_F(CliE2eTest, AnInputFileThatCannotBeReadIsAnInputErrorNotACrash) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  for (const char* command : {"upsert", "log"}) {
    const CliRun run = Cli({command, "--file=" + dir});
    EXPECT_EQ(run.exit_code, 2) << command << ": " << Describe(run);
    EXPECT_TRUE(absl::StartsWith(run.err, "error: --file: ")) << run.err;
  }
}

TEST_F(CliE2eTest, RecommendWithoutUserIsAUsageErrorExitingTwo) {
  const CliRun run = Cli({"recommend"});
  EXPECT_EQ(run.exit_code, 2) << Describe(run);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(FirstLine(run.err), "error: --user: required");
  EXPECT_TRUE(absl::StrContains(run.err, "ranker_cli recommend --user=ID"))
      << run.err;
}

TEST_F(CliE2eTest, AnUnknownCommandIsAUsageErrorExitingTwo) {
  const CliRun run = Cli({"bogus"});
  EXPECT_EQ(run.exit_code, 2) << Describe(run);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(FirstLine(run.err), "error: unknown command 'bogus'");
}

TEST_F(CliE2eTest, FlagMistakesAreUsageErrorsNamingTheFlag) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{}, "error: missing command"},
      {{"recommend", "--user", "u1", "--count=abc"},
       "error: --count: invalid value 'abc' (an integer)"},
      {{"recommend", "--user", "u1", "--bogus"},
       "error: --bogus: unknown flag"},
      {{"recommend", "--user", "u1", "--scene", "fed"},
       "error: --scene: unknown scene 'fed' (feed|storefront)"},
      {{"log", "--user", "u1", "--product", "p00001", "--type", "click",
        "--json"},
       "error: --json: not used by 'log'"},
      {{"log", "--file=-", "--user", "u1"},
       "error: --user: cannot be combined with --file"},
      {{"upsert"}, "error: --file: required"},
      {{"health", "extra"}, "error: unexpected argument 'extra'"},
  };
  for (const auto& [args, first_line] : cases) {
    const CliRun run = Cli(args);
    EXPECT_EQ(run.exit_code, 2) << absl::StrJoin(args, " ") << "\n"
                                << Describe(run);
    EXPECT_EQ(FirstLine(run.err), first_line) << absl::StrJoin(args, " ");
    EXPECT_EQ(run.out, "");
  }
}

TEST_F(CliE2eTest, ACountTheServerRejectsExitsOneNamingCount) {
  const CliRun run = Cli({"recommend", "--user", "u", "--count", "0"});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(absl::StartsWith(run.err, "error: INVALID_ARGUMENT: count"))
      << run.err;
}

TEST_F(CliE2eTest, HelpPrintsUsageAndExitsZero) {
  const CliRun full = RunCli({"--help"});
  EXPECT_EQ(full.exit_code, 0) << Describe(full);
  EXPECT_EQ(FirstLine(full.out), "usage: ranker_cli <command> [flags]");
  for (const char* command : {"health", "recommend", "log", "upsert", "shops",
                              "user", "product", "service"}) {
    EXPECT_TRUE(
        absl::StrContains(full.out, absl::StrCat("ranker_cli ", command)))
        << command;
  }
  const CliRun one = RunCli({"help", "upsert"});
  EXPECT_EQ(one.exit_code, 0) << Describe(one);
  EXPECT_TRUE(absl::StartsWith(one.out, "usage:\n    ranker_cli upsert "))
      << one.out;
  EXPECT_FALSE(absl::StrContains(one.out, "ranker_cli recommend")) << one.out;
}

// The one-word rows of the table `service` prints ("users  1,234"), as
// numbers.
std::map<std::string, uint64_t> ServiceCounts(absl::string_view out) {
  std::map<std::string, uint64_t> counts;
  for (absl::string_view line : absl::StrSplit(out, '\n')) {
    const std::vector<std::string> words = Words(line);
    uint64_t count = 0;
    if (words.size() == 2 &&
        absl::SimpleAtoi(absl::StrReplaceAll(words[1], {{",", ""}}), &count)) {
      counts[words[0]] = count;
    }
  }
  return counts;
}

TEST_F(CliE2eTest, ServiceShowsCountsThatFollowTheWritesAndTheMemory) {
  const CliRun before = Cli({"service"});
  ASSERT_EQ(before.exit_code, 0) << Describe(before);
  EXPECT_EQ(before.err, "");
  EXPECT_TRUE(absl::StartsWith(before.out, "version: ")) << before.out;
  // The demo server takes megabytes; the unit is chosen to fit.
  EXPECT_THAT(before.out,
              ::testing::ContainsRegex("\nmemory: [0-9.]+ MiB resident, peak "
                                       "[0-9.]+ [MG]iB\n"));
  std::map<std::string, uint64_t> counts = ServiceCounts(before.out);
  EXPECT_GE(counts["products"], DemoCatalog().size()) << before.out;

  ASSERT_EQ(Cli({"log", "--user", "cli-service-u", "--product", "p00011,p00012",
                 "--type", "click"})
                .exit_code,
            0);
  const CliRun after = Cli({"service"});
  ASSERT_EQ(after.exit_code, 0) << Describe(after);
  const std::map<std::string, uint64_t> later = ServiceCounts(after.out);
  EXPECT_EQ(later.at("users"), counts["users"] + 1) << after.out;
  EXPECT_EQ(later.at("events"), counts["events"] + 2) << after.out;

  const CliRun json = Cli({"service", "--json"});
  ASSERT_EQ(json.exit_code, 0) << Describe(json);
  EXPECT_TRUE(absl::StartsWith(json.out, "{")) << json.out;
  EXPECT_TRUE(absl::StrContains(json.out, "\"rss_bytes\": \"")) << json.out;
  EXPECT_TRUE(absl::StrContains(json.out, "\"uptime_seconds\": ")) << json.out;

  const CliRun stray = Cli({"service", "--user", "u1"});
  EXPECT_EQ(stray.exit_code, 2) << Describe(stray);
  EXPECT_TRUE(
      absl::StartsWith(stray.err, "error: --user: not used by 'service'\n"))
      << stray.err;
}

// Last in the file: it adds products the demo catalog does not list.
TEST_F(CliE2eTest, UpsertCreatorsAndLogACreatorSoTheirProductRanksFirst) {
  // Two copies of a demo product outside the travel flows above, one
  // featuring creator cli-c2 (first, so ties would favour it), one cli-c1.
  std::string source;
  for (const ProductSpec& product : DemoCatalog()) {
    if (product.status == ProductStatus::kActive &&
        !HasTag(product, "travel") && !HasTag(product, "business-travel")) {
      source = product.id;
      break;
    }
  }
  ASSERT_FALSE(source.empty());
  const std::string line = CatalogLine(source);
  ASSERT_TRUE(absl::EndsWith(line, "}")) << line;
  auto copy = [&](const std::string& id, const std::string& creator) {
    std::string out =
        absl::StrReplaceAll(line, {{absl::StrCat("\"id\":\"", source, "\""),
                                    absl::StrCat("\"id\":\"", id, "\"")}});
    out.pop_back();
    return absl::StrCat(out, ",\"creators\":[\"", creator, "\"]}\n");
  };
  const CliRun upsert =
      Cli({"upsert", "--file=-"},
          copy("cli-by-c2", "cli-c2") + copy("cli-by-c1", "cli-c1"));
  ASSERT_EQ(upsert.exit_code, 0) << Describe(upsert);
  EXPECT_EQ(upsert.out, "inserted 2, updated 0\n");

  const CliRun log =
      Cli({"log", "--user", "cli-fan", "--product", source, "--type", "like",
           "--form", "live_stream", "--creator", "cli-c1"});
  ASSERT_EQ(log.exit_code, 0) << Describe(log);
  EXPECT_EQ(log.out, "accepted 1 events\n");

  const std::vector<std::string> ids = RecommendIds("cli-fan", 50);
  const auto by_c1 = std::find(ids.begin(), ids.end(), "cli-by-c1");
  const auto by_c2 = std::find(ids.begin(), ids.end(), "cli-by-c2");
  ASSERT_NE(by_c1, ids.end()) << absl::StrJoin(ids, ",");
  ASSERT_NE(by_c2, ids.end()) << absl::StrJoin(ids, ",");
  EXPECT_LT(by_c1 - ids.begin(), by_c2 - ids.begin());
}

// An operator's session against a protected server: TLS with a certificate
// made by openssl at test time, tokens from a file.
TEST(CliSecurityE2eTest, TalksToATlsServerWithATokenFile) {
  signal(SIGPIPE, SIG_IGN);
  absl::StatusOr<std::string> dir = MakeTempDir();
  ASSERT_TRUE(dir.ok()) << dir.status();
  absl::StatusOr<TestCertificate> certificate =
      GenerateSelfSignedCertificate(*dir, "server");
  ASSERT_TRUE(certificate.ok()) << certificate.status();
  const std::string tokens =
      WriteTestFile(*dir, "tokens", "# ops\ncli-token-0123456789abcdef\n");
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = certificate->cert_pem;
  auto server = ServerProcess::StartWithCredentials(
      {"--tls_cert_file=" + certificate->cert_file,
       "--tls_key_file=" + certificate->key_file,
       "--auth_tokens_file=" + tokens},
      grpc::SslCredentials(ssl));
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string target = "--target=" + (*server)->address();
  const std::string ca = "--tls_ca_file=" + certificate->cert_file;

  CliRun run = RunCli({"health", target, ca});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, "SERVING\n");

  run = RunCli({"shops", "--shop=cli-shop", "--status=active", target, ca});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_TRUE(absl::StartsWith(run.err, "error: UNAUTHENTICATED: ")) << run.err;

  run = RunCli({"shops", "--shop=cli-shop", "--status=active", target, ca,
                "--token_file=" + tokens});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, "inserted 1, updated 0\n");

  run = RunCli({"health", target});  // plaintext to a TLS port
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_TRUE(absl::StartsWith(run.err, "error: UNAVAILABLE: ")) << run.err;

  run = RunCli({"health", target, "--token_file=" + *dir + "/missing"});
  EXPECT_EQ(run.exit_code, 2) << Describe(run);
  EXPECT_THAT(run.err, ::testing::HasSubstr("--token_file: "));

  EXPECT_TRUE((*server)->Stop().ok());
  std::error_code ignored;
  std::filesystem::remove_all(*dir, ignored);
}

}  // namespace
}  // namespace ranker::testing
