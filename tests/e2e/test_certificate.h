// Throwaway TLS material for the end-to-end tests: a self-signed certificate
// for localhost and 127.0.0.1, made by Debian's openssl at test time (never
// committed, valid for one day), and files holding tokens.
#ifndef RANKER_TESTS_E2E_TEST_CERTIFICATE_H_
#define RANKER_TESTS_E2E_TEST_CERTIFICATE_H_

#include <string>

#include "absl/status/statusor.h"

namespace ranker::testing {

struct TestCertificate {
  std::string cert_file;  // PEM, also usable as the root that trusts it
  std::string key_file;   // PEM, unencrypted
  std::string cert_pem;
  std::string key_pem;
};

// A fresh temporary directory (under the system's temp dir), for the files
// below. The caller removes it.
absl::StatusOr<std::string> MakeTempDir();

// Runs `openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost
// -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -days 1` writing
// <dir>/<name>.pem and <dir>/<name>.key.
absl::StatusOr<TestCertificate> GenerateSelfSignedCertificate(
    const std::string& dir, const std::string& name);

// Writes `text` to <dir>/<name>; returns the path.
std::string WriteTestFile(const std::string& dir, const std::string& name,
                          const std::string& text);

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_TEST_CERTIFICATE_H_
