// The listening port's credentials from the --tls_* flags: TLS when a
// certificate and key are given (mutual TLS when a client CA is given too),
// plaintext otherwise.
#ifndef RANKER_SERVER_TLS_H_
#define RANKER_SERVER_TLS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"

namespace ranker {

struct TlsFiles {
  std::string cert_file;       // PEM certificate chain, leaf first
  std::string key_file;        // PEM private key of the leaf
  std::string client_ca_file;  // PEM roots; set: clients must present a
                               // certificate signed by one of them
};

// Insecure credentials when no file is named. INVALID_ARGUMENT naming the
// flag when only one of cert and key is given, a client CA without them, or
// a file that cannot be read or holds no PEM block of the expected kind.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TlsFiles& files);

// Whether MakeServerCredentials(files) serves TLS.
inline bool ServesTls(const TlsFiles& files) {
  return !files.cert_file.empty() || !files.key_file.empty();
}

}  // namespace ranker

#endif  // RANKER_SERVER_TLS_H_
