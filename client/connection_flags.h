// The command-line flags that say how a tool reaches a server: --token,
// --token_file, --tls, --tls_ca_file, --tls_server_name,
// --tls_client_cert_file and --tls_client_key_file. Defined once here so
// that every tool (ranker_cli, ranker_load) spells and documents them alike;
// a binary that links this file has them.
#ifndef RANKER_CLIENT_CONNECTION_FLAGS_H_
#define RANKER_CLIENT_CONNECTION_FLAGS_H_

#include "absl/status/statusor.h"
#include "client/connection_options.h"

namespace ranker {

// The connection those flags describe; INVALID_ARGUMENT naming the flag
// when they do not fit together or name an unreadable file
// (LoadConnectionOptions).
absl::StatusOr<ConnectionOptions> ConnectionOptionsFromFlags();

}  // namespace ranker

#endif  // RANKER_CLIENT_CONNECTION_FLAGS_H_
