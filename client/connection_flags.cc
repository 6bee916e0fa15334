#include "client/connection_flags.h"

#include <string>

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, token, "",
          "Bearer token for a server started with --auth_tokens_file (visible "
          "to other local users in the process list: prefer --token_file).");
ABSL_FLAG(std::string, token_file, "",
          "File whose first line that is not blank or a '#' comment is the "
          "bearer token.");
ABSL_FLAG(bool, tls, false,
          "Connect with TLS, verifying the server against the system's roots.");
ABSL_FLAG(std::string, tls_ca_file, "",
          "Connect with TLS, verifying the server against these PEM roots.");
ABSL_FLAG(std::string, tls_server_name, "",
          "With TLS: the name the server's certificate must carry, when it is "
          "not --target's host.");
ABSL_FLAG(std::string, tls_client_cert_file, "",
          "With TLS: PEM certificate to present (mutual TLS), with "
          "--tls_client_key_file.");
ABSL_FLAG(std::string, tls_client_key_file, "",
          "With TLS: PEM private key of --tls_client_cert_file.");

namespace ranker {

absl::StatusOr<ConnectionOptions> ConnectionOptionsFromFlags() {
  ConnectionFlags flags;
  flags.token = absl::GetFlag(FLAGS_token);
  flags.token_file = absl::GetFlag(FLAGS_token_file);
  flags.tls = absl::GetFlag(FLAGS_tls);
  flags.tls_ca_file = absl::GetFlag(FLAGS_tls_ca_file);
  flags.tls_server_name = absl::GetFlag(FLAGS_tls_server_name);
  flags.tls_client_cert_file = absl::GetFlag(FLAGS_tls_client_cert_file);
  flags.tls_client_key_file = absl::GetFlag(FLAGS_tls_client_key_file);
  return LoadConnectionOptions(flags);
}

}  // namespace ranker
