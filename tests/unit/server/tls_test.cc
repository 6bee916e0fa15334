#include "server/tls.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker {
namespace {

using ::testing::HasSubstr;

std::string WriteTemp(absl::string_view name, absl::string_view text) {
  const std::string path =
      (std::filesystem::temp_directory_path() / std::string(name)).string();
  std::ofstream out(path);
  out << text;
  return path;
}

TEST(MakeServerCredentialsTest, NoFilesMeansPlaintext) {
  EXPECT_FALSE(ServesTls({}));
  EXPECT_TRUE(MakeServerCredentials({}).ok());
}

TEST(MakeServerCredentialsTest, CertAndKeyGoTogether) {
  for (const TlsFiles& files :
       {TlsFiles{"cert.pem", "", ""}, TlsFiles{"", "key.pem", ""}}) {
    auto credentials = MakeServerCredentials(files);
    ASSERT_FALSE(credentials.ok());
    EXPECT_THAT(credentials.status().message(),
                HasSubstr("--tls_cert_file and --tls_key_file"));
  }
  auto ca_alone = MakeServerCredentials({"", "", "ca.pem"});
  ASSERT_FALSE(ca_alone.ok());
  EXPECT_THAT(ca_alone.status().message(), HasSubstr("--tls_client_ca_file"));
}

TEST(MakeServerCredentialsTest, NamesTheFlagOfAnUnreadableOrNonPemFile) {
  const std::string cert = WriteTemp(
      "ranker_tls_test_cert.pem",
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  const std::string not_pem = WriteTemp("ranker_tls_test_key.txt", "hello\n");

  auto missing_key = MakeServerCredentials({cert, "/nonexistent/key.pem", ""});
  ASSERT_FALSE(missing_key.ok());
  EXPECT_THAT(missing_key.status().message(),
              HasSubstr("--tls_key_file: /nonexistent/key.pem cannot be read"));

  auto bad_key = MakeServerCredentials({cert, not_pem, ""});
  ASSERT_FALSE(bad_key.ok());
  EXPECT_THAT(bad_key.status().message(),
              HasSubstr("--tls_key_file: " + not_pem + " holds no PEM"));

  auto bad_cert = MakeServerCredentials({not_pem, not_pem, ""});
  ASSERT_FALSE(bad_cert.ok());
  EXPECT_THAT(bad_cert.status().message(), HasSubstr("--tls_cert_file"));
  std::remove(cert.c_str());
  std::remove(not_pem.c_str());
}

}  // namespace
}  // namespace ranker
