#include "tests/e2e/test_certificate.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace ranker::testing {
namespace {

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, " cannot be read"));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<std::string> MakeTempDir() {
  std::string dir =
      (std::filesystem::temp_directory_path() / "ranker_security_XXXXXX")
          .string();
  if (mkdtemp(dir.data()) == nullptr) {
    return absl::InternalError("mkdtemp failed");
  }
  return dir;
}

absl::StatusOr<TestCertificate> GenerateSelfSignedCertificate(
    const std::string& dir, const std::string& name) {
  TestCertificate certificate;
  certificate.cert_file = absl::StrCat(dir, "/", name, ".pem");
  certificate.key_file = absl::StrCat(dir, "/", name, ".key");
  // The paths come from mkdtemp and a fixed name: no shell quoting issue.
  const std::string command = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost "
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -days 1 -keyout '",
      certificate.key_file, "' -out '", certificate.cert_file,
      "' >/dev/null 2>&1");
  if (const int status = std::system(command.c_str()); status != 0) {
    return absl::InternalError(
        absl::StrCat("openssl failed (wait status ", status,
                     "); is Debian's openssl installed? ",
                     "(scripts/install_deps.sh installs it)"));
  }
  absl::StatusOr<std::string> cert = ReadAll(certificate.cert_file);
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadAll(certificate.key_file);
  if (!key.ok()) return key.status();
  certificate.cert_pem = *std::move(cert);
  certificate.key_pem = *std::move(key);
  return certificate;
}

std::string WriteTestFile(const std::string& dir, const std::string& name,
                          const std::string& text) {
  const std::string path = absl::StrCat(dir, "/", name);
  std::ofstream out(path, std::ios::trunc);
  out << text;
  return path;
}

}  // namespace ranker::testing
