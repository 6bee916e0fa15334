#include "client/connection_options.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

using ::testing::HasSubstr;

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path =
      (std::filesystem::temp_directory_path() / name).string();
  std::ofstream out(path);
  out << text;
  return path;
}

TEST(LoadConnectionOptionsTest, NoFlagsMeansPlaintextWithoutAToken) {
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions({});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_FALSE(options->tls);
  EXPECT_TRUE(options->token.empty());
}

TEST(LoadConnectionOptionsTest, ReadsTheFirstTokenLineOfATokenFile) {
  const std::string path = WriteTemp("ranker_connection_options_token",
                                     "# for the feed backend\n\n  tok-1  \n");
  ConnectionFlags flags;
  flags.token_file = path;
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions(flags);
  std::remove(path.c_str());
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->token, "tok-1");
}

TEST(LoadConnectionOptionsTest, NamesTheFlagOfEachProblem) {
  const std::string empty = WriteTemp("ranker_connection_options_empty", "#\n");
  struct Case {
    ConnectionFlags flags;
    std::string expected;
  };
  std::vector<Case> cases(5);
  cases[0].flags.token = "a";
  cases[0].flags.token_file = empty;
  cases[0].expected = "--token: give --token or --token_file, not both";
  cases[1].flags.token_file = empty;
  cases[1].expected = "--token_file: " + empty + " holds no token";
  cases[2].flags.tls_ca_file = "/nonexistent/ca.pem";
  cases[2].expected = "--tls_ca_file: /nonexistent/ca.pem cannot be read";
  cases[3].flags.tls_server_name = "localhost";
  cases[3].expected = "--tls_server_name: needs --tls or --tls_ca_file";
  cases[4].flags.tls = true;
  cases[4].flags.tls_client_cert_file = empty;
  cases[4].expected = "--tls_client_cert_file: give it with";
  for (const Case& c : cases) {
    absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions(c.flags);
    ASSERT_FALSE(options.ok()) << c.expected;
    EXPECT_THAT(options.status().message(), HasSubstr(c.expected));
  }
  std::remove(empty.c_str());
}

TEST(LoadConnectionOptionsTest, ACaFileTurnsOnTlsWithThoseRoots) {
  const std::string ca = WriteTemp("ranker_connection_options_ca.pem",
                                   "-----BEGIN CERTIFICATE-----\n");
  ConnectionFlags flags;
  flags.tls_ca_file = ca;
  flags.tls_server_name = "ranker.internal";
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions(flags);
  std::remove(ca.c_str());
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_TRUE(options->tls);
  EXPECT_EQ(options->tls_root_certs, "-----BEGIN CERTIFICATE-----\n");
  EXPECT_EQ(options->tls_server_name, "ranker.internal");
}

}  // namespace
}  // namespace ranker
