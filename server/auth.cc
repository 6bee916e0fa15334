#include "server/auth.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ranker {
namespace {

bool IsTokenChar(char c) { return c > ' ' && c <= '~'; }

// Compares without an early exit: every byte of `presented` is looked at,
// against `expected` cycled to its length, so the time depends only on the
// presented length. `expected` is never empty.
bool ConstantTimeEquals(absl::string_view expected,
                        absl::string_view presented) {
  unsigned difference = expected.size() == presented.size() ? 0u : 1u;
  for (size_t i = 0; i < presented.size(); ++i) {
    difference |= static_cast<unsigned char>(expected[i % expected.size()]) ^
                  static_cast<unsigned char>(presented[i]);
  }
  return difference == 0;
}

absl::Status Unauthenticated(absl::string_view problem) {
  return absl::UnauthenticatedError(problem);
}

}  // namespace

absl::StatusOr<TokenSet> TokenSet::Parse(absl::string_view text,
                                         absl::string_view source) {
  std::vector<std::string> tokens;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    for (char c : line) {
      if (!IsTokenChar(c)) {
        return absl::InvalidArgumentError(absl::StrCat(
            source, ":", line_number,
            ": a token must be printable ASCII without spaces (the line is "
            "not shown, it may hold a secret)"));
      }
    }
    tokens.emplace_back(line);
  }
  if (tokens.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source,
                     ": holds no token (one per line; blank lines and lines "
                     "starting with '#' are ignored)"));
  }
  return TokenSet(std::move(tokens));
}

absl::StatusOr<TokenSet> TokenSet::LoadFromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot be read"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat(path, ": read failed"));
  }
  return Parse(text.str(), path);
}

bool TokenSet::Contains(absl::string_view token) const {
  bool found = false;
  for (const std::string& accepted : tokens_) {
    found |= ConstantTimeEquals(accepted, token);  // no early exit
  }
  return found;
}

size_t TokenSet::ShortTokenCount() const {
  size_t count = 0;
  for (const std::string& token : tokens_) {
    if (token.size() < kRecommendedTokenLength) ++count;
  }
  return count;
}

absl::StatusOr<absl::string_view> ParseBearerToken(absl::string_view header) {
  constexpr absl::string_view kScheme = "bearer";
  const size_t space = header.find(' ');
  if (space == absl::string_view::npos ||
      !absl::EqualsIgnoreCase(header.substr(0, space), kScheme)) {
    return Unauthenticated(
        "authorization metadata must be 'Bearer <token>' (another scheme or "
        "no token given)");
  }
  absl::string_view token =
      absl::StripAsciiWhitespace(header.substr(space + 1));
  if (token.empty()) {
    return Unauthenticated("authorization metadata: 'Bearer' without a token");
  }
  return token;
}

Authenticator::Authenticator(TokenSet tokens)
    : tokens_(std::make_shared<const TokenSet>(std::move(tokens))) {}

std::shared_ptr<const TokenSet> Authenticator::Current() const {
  absl::MutexLock lock(&mutex_);
  return tokens_;
}

void Authenticator::Replace(TokenSet tokens) {
  auto replacement = std::make_shared<const TokenSet>(std::move(tokens));
  absl::MutexLock lock(&mutex_);
  tokens_ = std::move(replacement);
}

absl::Status Authenticator::Check(
    std::optional<absl::string_view> authorization) const {
  if (!authorization.has_value()) {
    return Unauthenticated(
        "missing authorization metadata: this call needs 'authorization: "
        "Bearer <token>'");
  }
  absl::StatusOr<absl::string_view> token = ParseBearerToken(*authorization);
  if (!token.ok()) return token.status();
  if (!Current()->Contains(*token)) {
    return Unauthenticated("the bearer token is not accepted");
  }
  return absl::OkStatus();
}

}  // namespace ranker
