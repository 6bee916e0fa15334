// How a client reaches a server: plaintext or TLS, and the bearer token it
// presents (docs/operations/security.md). Built from files named on a
// command line by LoadConnectionOptions.
#ifndef RANKER_CLIENT_CONNECTION_OPTIONS_H_
#define RANKER_CLIENT_CONNECTION_OPTIONS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace ranker {

struct ConnectionOptions {
  // Non-empty: every call carries "authorization: Bearer <token>".
  std::string token;
  // TLS instead of plaintext.
  bool tls = false;
  // PEM roots the server's certificate must chain to; empty: the system's.
  std::string tls_root_certs;
  // The name the server's certificate must carry, when it is not the
  // target's host (e.g. connecting by IP to a certificate for a DNS name).
  std::string tls_server_name;
  // PEM certificate and key presented to a server that asks for one (mutual
  // TLS); both or neither.
  std::string tls_client_cert;
  std::string tls_client_key;
};

// The channel credentials and arguments `options` call for.
std::shared_ptr<grpc::ChannelCredentials> ChannelCredentialsFor(
    const ConnectionOptions& options);
grpc::ChannelArguments ChannelArgumentsFor(const ConnectionOptions& options);

// What a command line names; every field may be empty.
struct ConnectionFlags {
  std::string token;        // --token
  std::string token_file;   // --token_file: the first token line of the file
  bool tls = false;         // --tls
  std::string tls_ca_file;  // --tls_ca_file (implies --tls)
  std::string tls_server_name;       // --tls_server_name
  std::string tls_client_cert_file;  // --tls_client_cert_file
  std::string tls_client_key_file;   // --tls_client_key_file
};

// Reads the files `flags` name. INVALID_ARGUMENT naming the flag when a file
// cannot be read, a token file holds no token, --token and --token_file are
// both given, or a TLS flag comes without TLS. A token file has one token on
// its first line that is neither blank nor a '#' comment.
absl::StatusOr<ConnectionOptions> LoadConnectionOptions(
    const ConnectionFlags& flags);

}  // namespace ranker

#endif  // RANKER_CLIENT_CONNECTION_OPTIONS_H_
