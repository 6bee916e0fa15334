#include "server/auth.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TokenSet ParseOrDie(absl::string_view text) {
  absl::StatusOr<TokenSet> tokens = TokenSet::Parse(text, "tokens.txt");
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  return *std::move(tokens);
}

TEST(TokenSetTest, SkipsBlankLinesAndCommentsAndTrimsWhitespace) {
  const TokenSet tokens = ParseOrDie(
      "# writers\n"
      "\n"
      "  feed-backend-0123456789  \r\n"
      "\t\n"
      "# retired: old-token\n"
      "governance-abcdefghijkl\n");
  EXPECT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens.Contains("feed-backend-0123456789"));
  EXPECT_TRUE(tokens.Contains("governance-abcdefghijkl"));
  EXPECT_FALSE(tokens.Contains("old-token"));
  EXPECT_FALSE(tokens.Contains("# retired: old-token"));
}

TEST(TokenSetTest, ContainsNeedsTheWholeTokenExactly) {
  const TokenSet tokens = ParseOrDie("secret-token\n");
  EXPECT_TRUE(tokens.Contains("secret-token"));
  EXPECT_FALSE(tokens.Contains(""));
  EXPECT_FALSE(tokens.Contains("secret-toke"));               // prefix
  EXPECT_FALSE(tokens.Contains("secret-tokenX"));             // longer
  EXPECT_FALSE(tokens.Contains("secret-tokensecret-token"));  // repeated
  EXPECT_FALSE(tokens.Contains("Secret-token"));              // case matters
  EXPECT_FALSE(tokens.Contains("secret-tokeN"));
}

TEST(TokenSetTest, AFileWithoutTokensIsAnError) {
  for (absl::string_view text : {"", "\n\n", "# only a comment\n  \n"}) {
    absl::StatusOr<TokenSet> tokens = TokenSet::Parse(text, "tokens.txt");
    ASSERT_FALSE(tokens.ok()) << "'" << text << "'";
    EXPECT_THAT(tokens.status().message(), HasSubstr("tokens.txt"));
    EXPECT_THAT(tokens.status().message(), HasSubstr("no token"));
  }
}

TEST(TokenSetTest, ATokenWithASpaceIsRefusedWithoutEchoingIt) {
  absl::StatusOr<TokenSet> tokens =
      TokenSet::Parse("good-token\nmy secret value\n", "tokens.txt");
  ASSERT_FALSE(tokens.ok());
  EXPECT_THAT(tokens.status().message(), HasSubstr("tokens.txt:2"));
  EXPECT_THAT(tokens.status().message(), Not(HasSubstr("secret value")));
}

TEST(TokenSetTest, CountsShortTokens) {
  EXPECT_EQ(ParseOrDie("short\n0123456789abcdef\n").ShortTokenCount(), 1u);
}

TEST(TokenSetTest, LoadsFromAFileAndReportsAnUnreadableOne) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "ranker_auth_test_tokens")
          .string();
  {
    std::ofstream out(path);
    out << "# test\nfile-token-0123456789\n";
  }
  absl::StatusOr<TokenSet> tokens = TokenSet::LoadFromFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_TRUE(tokens->Contains("file-token-0123456789"));

  absl::StatusOr<TokenSet> missing =
      TokenSet::LoadFromFile("/nonexistent/ranker/tokens");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(),
              HasSubstr("/nonexistent/ranker/tokens: cannot be read"));
}

TEST(ParseBearerTokenTest, AcceptsTheSchemeInAnyCase) {
  for (absl::string_view header :
       {"Bearer abc", "bearer abc", "BEARER abc", "Bearer   abc "}) {
    absl::StatusOr<absl::string_view> token = ParseBearerToken(header);
    ASSERT_TRUE(token.ok()) << header << ": " << token.status();
    EXPECT_EQ(*token, "abc");
  }
}

TEST(ParseBearerTokenTest, RefusesOtherSchemesAndAMissingToken) {
  for (absl::string_view header :
       {"", "abc", "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearerabc"}) {
    absl::StatusOr<absl::string_view> token = ParseBearerToken(header);
    ASSERT_FALSE(token.ok()) << header;
    EXPECT_EQ(token.status().code(), absl::StatusCode::kUnauthenticated);
  }
  EXPECT_THAT(ParseBearerToken("Basic dXNlcjpwYXNz").status().message(),
              Not(HasSubstr("dXNlcjpwYXNz")));
}

TEST(AuthenticatorTest, SaysWhatIsMissingOrWrong) {
  const Authenticator authenticator(ParseOrDie("right-token\n"));
  EXPECT_TRUE(authenticator.Check("Bearer right-token").ok());

  const absl::Status missing = authenticator.Check(std::nullopt);
  EXPECT_EQ(missing.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(missing.message(), HasSubstr("missing authorization"));

  const absl::Status scheme = authenticator.Check("Token right-token");
  EXPECT_EQ(scheme.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(scheme.message(), HasSubstr("Bearer <token>"));

  const absl::Status wrong = authenticator.Check("Bearer wrong-token");
  EXPECT_EQ(wrong.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(wrong.message(), HasSubstr("not accepted"));
  EXPECT_THAT(wrong.message(), Not(HasSubstr("wrong-token")));
}

TEST(AuthenticatorTest, ReplaceSwapsTheAcceptedTokens) {
  Authenticator authenticator(ParseOrDie("old-token\n"));
  authenticator.Replace(ParseOrDie("new-token\n"));
  EXPECT_FALSE(authenticator.Check("Bearer old-token").ok());
  EXPECT_TRUE(authenticator.Check("Bearer new-token").ok());
}

}  // namespace
}  // namespace ranker
