#include "client/connection_options.h"

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/create_channel.h"

namespace ranker {
namespace {

absl::Status FlagError(absl::string_view flag, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", problem));
}

absl::StatusOr<std::string> ReadFile(absl::string_view flag,
                                     const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FlagError(flag, absl::StrCat(path, " cannot be read"));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::string> TokenFromFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile("token_file", path);
  if (!text.ok()) return text.status();
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty() && line.front() != '#') return std::string(line);
  }
  return FlagError("token_file", absl::StrCat(path, " holds no token"));
}

}  // namespace

std::shared_ptr<grpc::ChannelCredentials> ChannelCredentialsFor(
    const ConnectionOptions& options) {
  if (!options.tls) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls_root_certs;
  ssl.pem_private_key = options.tls_client_key;
  ssl.pem_cert_chain = options.tls_client_cert;
  return grpc::SslCredentials(ssl);
}

grpc::ChannelArguments ChannelArgumentsFor(const ConnectionOptions& options) {
  grpc::ChannelArguments arguments;
  if (options.tls && !options.tls_server_name.empty()) {
    arguments.SetSslTargetNameOverride(options.tls_server_name);
  }
  return arguments;
}

absl::StatusOr<ConnectionOptions> LoadConnectionOptions(
    const ConnectionFlags& flags) {
  ConnectionOptions options;
  if (!flags.token.empty() && !flags.token_file.empty()) {
    return FlagError("token", "give --token or --token_file, not both");
  }
  options.token = flags.token;
  if (!flags.token_file.empty()) {
    absl::StatusOr<std::string> token = TokenFromFile(flags.token_file);
    if (!token.ok()) return token.status();
    options.token = *std::move(token);
  }

  options.tls = flags.tls || !flags.tls_ca_file.empty();
  if (!options.tls) {
    for (const auto& [flag, value] :
         {std::pair<absl::string_view, const std::string&>{
              "tls_server_name", flags.tls_server_name},
          {"tls_client_cert_file", flags.tls_client_cert_file},
          {"tls_client_key_file", flags.tls_client_key_file}}) {
      if (!value.empty()) {
        return FlagError(flag, "needs --tls or --tls_ca_file");
      }
    }
    return options;
  }
  if (flags.tls_client_cert_file.empty() != flags.tls_client_key_file.empty()) {
    return FlagError("tls_client_cert_file",
                     "give it with --tls_client_key_file, or neither");
  }
  if (!flags.tls_ca_file.empty()) {
    absl::StatusOr<std::string> roots =
        ReadFile("tls_ca_file", flags.tls_ca_file);
    if (!roots.ok()) return roots.status();
    options.tls_root_certs = *std::move(roots);
  }
  if (!flags.tls_client_cert_file.empty()) {
    absl::StatusOr<std::string> cert =
        ReadFile("tls_client_cert_file", flags.tls_client_cert_file);
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key =
        ReadFile("tls_client_key_file", flags.tls_client_key_file);
    if (!key.ok()) return key.status();
    options.tls_client_cert = *std::move(cert);
    options.tls_client_key = *std::move(key);
  }
  options.tls_server_name = flags.tls_server_name;
  return options;
}

}  // namespace ranker
