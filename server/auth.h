// Token authentication for the server: the accepted bearer tokens (loaded
// from an operator's file, swappable at run time) and the check of a call's
// "authorization" metadata against them. Free of gRPC, so that it is
// unit-testable; the service hands it the header's value.
#ifndef RANKER_SERVER_AUTH_H_
#define RANKER_SERVER_AUTH_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace ranker {

// The set of accepted tokens. Immutable once built.
class TokenSet {
 public:
  // Parses a tokens file: one token per line, surrounding whitespace
  // trimmed; blank lines and lines starting with '#' are ignored. A token is
  // printable ASCII without spaces (it travels in an HTTP/2 header). Errors
  // name `source` and the line, never the token. At least one token.
  static absl::StatusOr<TokenSet> Parse(absl::string_view text,
                                        absl::string_view source);
  // Reads and parses the file at `path`.
  static absl::StatusOr<TokenSet> LoadFromFile(const std::string& path);

  // Whether `token` is one of the set. The time taken depends on the number
  // of tokens and on `token`'s length, never on where or whether it matches,
  // so a caller cannot guess a token byte by byte from response times.
  bool Contains(absl::string_view token) const;

  size_t size() const { return tokens_.size(); }
  // How many tokens are shorter than kRecommendedTokenLength (for a warning).
  size_t ShortTokenCount() const;
  static constexpr size_t kRecommendedTokenLength = 16;

 private:
  explicit TokenSet(std::vector<std::string> tokens)
      : tokens_(std::move(tokens)) {}
  std::vector<std::string> tokens_;
};

// The token of an "authorization" header value "Bearer <token>" (the scheme
// is case-insensitive, as in RFC 7235). UNAUTHENTICATED naming what is wrong
// otherwise; the message never contains the presented value.
absl::StatusOr<absl::string_view> ParseBearerToken(absl::string_view header);

// Checks calls against the current TokenSet; Replace() swaps the set while
// calls are being checked (SIGHUP reload). Thread-safe.
class Authenticator {
 public:
  explicit Authenticator(TokenSet tokens);

  // OK when `authorization` (the call's "authorization" metadata, nullopt if
  // absent) carries an accepted bearer token; UNAUTHENTICATED with a message
  // that says what is missing or wrong otherwise.
  absl::Status Check(std::optional<absl::string_view> authorization) const;

  void Replace(TokenSet tokens);

 private:
  std::shared_ptr<const TokenSet> Current() const;

  mutable absl::Mutex mutex_;
  std::shared_ptr<const TokenSet> tokens_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace ranker

#endif  // RANKER_SERVER_AUTH_H_
