// Token authentication and TLS on the real server, over real channels: which
// calls need a token, what a missing or wrong one gets, that health checks
// stay open, and that a TLS port talks only to TLS clients that trust its
// certificate (made by openssl at test time).
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "client/local_server.h"
#include "client/ranker_client.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "ranker/v1/ranker.grpc.pb.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_process.h"
#include "tests/e2e/test_certificate.h"

namespace ranker::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kWriterToken[] = "writer-token-0123456789abcdef";
constexpr char kOtherToken[] = "governance-token-fedcba9876543210";
constexpr char kWrongToken[] = "wrong-token-0123456789abcdef";

std::string TokensFileText() {
  return absl::StrCat("# tokens for the e2e test\n\n", kWriterToken, "\n  ",
                      kOtherToken, "  \n");
}

v1::LogEventRequest OneClick() {
  v1::LogEventRequest request;
  *request.add_events() =
      MakeEvent("auth-user", DemoCatalog()[0].id, v1::EVENT_TYPE_CLICK);
  return request;
}

v1::UpsertProductsRequest OneProduct() {
  v1::UpsertProductsRequest request;
  *request.add_products() = ToApiProduct(DemoCatalog()[1]);
  return request;
}

v1::UpsertShopsRequest OneShop() {
  v1::UpsertShopsRequest request;
  v1::Shop* shop = request.add_shops();
  shop->set_shop_id("auth-test-shop");
  shop->set_status(v1::SHOP_STATUS_ACTIVE);
  return request;
}

// What the calls below send as "authorization" metadata.
struct Credentials {
  std::optional<std::string> authorization;  // nullopt: no metadata at all
};

Credentials NoToken() { return {std::nullopt}; }
Credentials Bearer(const std::string& token) {
  return {absl::StrCat("Bearer ", token)};
}

void Prepare(grpc::ClientContext& context, const Credentials& credentials) {
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  if (credentials.authorization.has_value()) {
    context.AddMetadata("authorization", *credentials.authorization);
  }
}

grpc::Status CallLogEvent(v1::Ranker::Stub& stub, const Credentials& c) {
  grpc::ClientContext context;
  Prepare(context, c);
  v1::LogEventResponse response;
  return stub.LogEvent(&context, OneClick(), &response);
}

grpc::Status CallUpsertProducts(v1::Ranker::Stub& stub, const Credentials& c) {
  grpc::ClientContext context;
  Prepare(context, c);
  v1::UpsertProductsResponse response;
  return stub.UpsertProducts(&context, OneProduct(), &response);
}

grpc::Status CallUpsertShops(v1::Ranker::Stub& stub, const Credentials& c) {
  grpc::ClientContext context;
  Prepare(context, c);
  v1::UpsertShopsResponse response;
  return stub.UpsertShops(&context, OneShop(), &response);
}

grpc::Status CallRecommend(v1::Ranker::Stub& stub, const Credentials& c) {
  grpc::ClientContext context;
  Prepare(context, c);
  v1::RecommendProductsResponse response;
  grpc::Status status =
      stub.RecommendProducts(&context, FeedRequest("auth-user", 5), &response);
  if (status.ok()) {
    EXPECT_EQ(response.items_size(), 5);
  }
  return status;
}

grpc::Status CallDescribeUser(v1::Ranker::Stub& stub, const Credentials& c) {
  grpc::ClientContext context;
  Prepare(context, c);
  v1::DescribeUserRequest request;
  request.set_user_id("auth-user");
  v1::DescribeUserResponse response;
  return stub.DescribeUser(&context, request, &response);
}

grpc::Status CallDescribeProduct(v1::Ranker::Stub& stub, const Credentials& c) {
  grpc::ClientContext context;
  Prepare(context, c);
  v1::DescribeProductRequest request;
  request.set_product_id("p00001");
  v1::DescribeProductResponse response;
  return stub.DescribeProduct(&context, request, &response);
}

grpc::Status CallDescribeService(v1::Ranker::Stub& stub, const Credentials& c) {
  grpc::ClientContext context;
  Prepare(context, c);
  v1::DescribeServiceResponse response;
  return stub.DescribeService(&context, v1::DescribeServiceRequest(),
                              &response);
}

using Call = grpc::Status (*)(v1::Ranker::Stub&, const Credentials&);
struct NamedCall {
  const char* name;
  Call call;
};
constexpr NamedCall kWrites[] = {{"LogEvent", CallLogEvent},
                                 {"UpsertProducts", CallUpsertProducts},
                                 {"UpsertShops", CallUpsertShops}};
constexpr NamedCall kReads[] = {{"RecommendProducts", CallRecommend},
                                {"DescribeUser", CallDescribeUser},
                                {"DescribeProduct", CallDescribeProduct},
                                {"DescribeService", CallDescribeService}};

// The server's health as a probe asks it: no metadata.
absl::StatusOr<bool> ProbeHealth(const std::string& target,
                                 const ConnectionOptions& options = {}) {
  ConnectionOptions probe = options;
  probe.token.clear();
  return RankerClient::Connect(target, probe)->Health(absl::Seconds(10));
}

// A server started with --auth_tokens_file plus the suite's flags, and a
// plaintext stub on it.
class AuthE2eTest : public ::testing::Test {
 protected:
  static void StartWith(std::vector<std::string> flags) {
    absl::StatusOr<std::string> dir = MakeTempDir();
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = *dir;
    flags.push_back("--auth_tokens_file=" +
                    WriteTestFile(dir_, "tokens", TokensFileText()));
    auto started = ServerProcess::Start(std::move(flags));
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
    stub_ = v1::Ranker::NewStub(server_->channel());
  }
  static void TearDownTestSuite() {
    stub_.reset();
    if (server_ != nullptr) {
      EXPECT_TRUE(server_->Stop().ok());
    }
    server_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static std::string dir_;
  static std::unique_ptr<ServerProcess> server_;
  static std::unique_ptr<v1::Ranker::Stub> stub_;
};
std::string AuthE2eTest::dir_;
std::unique_ptr<ServerProcess> AuthE2eTest::server_;
std::unique_ptr<v1::Ranker::Stub> AuthE2eTest::stub_;

class WriteAuthE2eTest : public AuthE2eTest {
 protected:
  static void SetUpTestSuite() { StartWith({}); }
};

TEST_F(WriteAuthE2eTest, WritesWithoutATokenAreUnauthenticated) {
  for (const NamedCall& write : kWrites) {
    const grpc::Status status = write.call(*stub_, NoToken());
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << write.name << ": " << status.error_message();
    EXPECT_THAT(status.error_message(),
                HasSubstr("missing authorization metadata"))
        << write.name;
  }
}

TEST_F(WriteAuthE2eTest, WritesWithAWrongTokenAreUnauthenticated) {
  for (const NamedCall& write : kWrites) {
    const grpc::Status status = write.call(*stub_, Bearer(kWrongToken));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << write.name << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("not accepted"));
    EXPECT_THAT(status.error_message(), Not(HasSubstr(kWrongToken)));
  }
}

TEST_F(WriteAuthE2eTest, ATokenWithoutTheBearerSchemeIsUnauthenticated) {
  const grpc::Status status = CallLogEvent(*stub_, {std::string(kWriterToken)});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("Bearer <token>"));
  EXPECT_THAT(status.error_message(), Not(HasSubstr(kWriterToken)));
}

TEST_F(WriteAuthE2eTest, WritesWithAnyTokenOfTheFileSucceed) {
  for (const NamedCall& write : kWrites) {
    for (const char* token : {kWriterToken, kOtherToken}) {
      const grpc::Status status = write.call(*stub_, Bearer(token));
      EXPECT_TRUE(status.ok()) << write.name << ": " << status.error_message();
    }
  }
}

TEST_F(WriteAuthE2eTest, ReadsAndHealthStayOpen) {
  for (const NamedCall& read : kReads) {
    const grpc::Status status = read.call(*stub_, NoToken());
    EXPECT_TRUE(status.ok()) << read.name << ": " << status.error_message();
  }
  absl::StatusOr<bool> serving = ProbeHealth(server_->address());
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);
}

TEST_F(WriteAuthE2eTest, TheClientLibrarySendsItsToken) {
  ConnectionOptions options;
  options.token = kWriterToken;
  std::unique_ptr<RankerClient> client =
      RankerClient::Connect(server_->address(), options);
  absl::StatusOr<v1::LogEventResponse> logged = client->LogEvents(OneClick());
  ASSERT_TRUE(logged.ok()) << logged.status();
  EXPECT_EQ(logged->accepted(), 1);

  absl::StatusOr<v1::LogEventResponse> without =
      RankerClient::Connect(server_->address())->LogEvents(OneClick());
  EXPECT_EQ(without.status().code(), absl::StatusCode::kUnauthenticated);
}

class ProtectedReadsE2eTest : public AuthE2eTest {
 protected:
  static void SetUpTestSuite() { StartWith({"--auth_protect_reads"}); }
};

TEST_F(ProtectedReadsE2eTest, EveryReadNeedsAToken) {
  for (const NamedCall& read : kReads) {
    const grpc::Status missing = read.call(*stub_, NoToken());
    EXPECT_EQ(missing.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << read.name;
    const grpc::Status wrong = read.call(*stub_, Bearer(kWrongToken));
    EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << read.name;
    const grpc::Status right = read.call(*stub_, Bearer(kWriterToken));
    EXPECT_TRUE(right.ok()) << read.name << ": " << right.error_message();
  }
}

TEST_F(ProtectedReadsE2eTest, WritesStillNeedATokenAndHealthStaysOpen) {
  EXPECT_EQ(CallLogEvent(*stub_, NoToken()).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  absl::StatusOr<bool> serving = ProbeHealth(server_->address());
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);
}

// Start-up refuses what it cannot honour instead of serving unprotected.
TEST(SecurityStartupE2eTest, RefusesToStartWithABadTokensFileOrHalfTls) {
  absl::StatusOr<std::string> dir = MakeTempDir();
  ASSERT_TRUE(dir.ok()) << dir.status();
  const std::string empty = WriteTestFile(*dir, "empty", "# nothing\n\n");
  const std::vector<std::vector<std::string>> refused = {
      {"--auth_tokens_file=" + *dir + "/missing"},
      {"--auth_tokens_file=" + empty},
      {"--auth_protect_reads"},
      {"--tls_cert_file=" + *dir + "/missing.pem"},
      {"--tls_cert_file=" + empty, "--tls_key_file=" + empty},
  };
  for (const std::vector<std::string>& flags : refused) {
    absl::StatusOr<std::unique_ptr<LocalServer>> server =
        LocalServer::Start(RANKER_SERVER_BINARY, flags);
    EXPECT_FALSE(server.ok()) << "started with " << flags[0];
    if (server.ok()) {
      EXPECT_TRUE((*server)->Stop().ok());
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(*dir, ignored);
}

// A server on TLS (with tokens, as a production one would be) and a TLS
// client that trusts its certificate.
class TlsE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::string> dir = MakeTempDir();
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = *dir;
    absl::StatusOr<TestCertificate> certificate =
        GenerateSelfSignedCertificate(dir_, "server");
    ASSERT_TRUE(certificate.ok()) << certificate.status();
    certificate_ = *certificate;
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = certificate_.cert_pem;
    auto started = ServerProcess::StartWithCredentials(
        {"--tls_cert_file=" + certificate_.cert_file,
         "--tls_key_file=" + certificate_.key_file,
         "--auth_tokens_file=" +
             WriteTestFile(dir_, "tokens", TokensFileText())},
        grpc::SslCredentials(ssl));
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
  }
  static void TearDownTestSuite() {
    if (server_ != nullptr) {
      EXPECT_TRUE(server_->Stop().ok());
    }
    server_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static ConnectionOptions TrustingOptions() {
    ConnectionOptions options;
    options.tls = true;
    options.tls_root_certs = certificate_.cert_pem;
    return options;
  }

  static std::string dir_;
  static TestCertificate certificate_;
  static std::unique_ptr<ServerProcess> server_;
};
std::string TlsE2eTest::dir_;
TestCertificate TlsE2eTest::certificate_;
std::unique_ptr<ServerProcess> TlsE2eTest::server_;

TEST_F(TlsE2eTest, AClientTrustingTheCertificateIsServed) {
  ConnectionOptions options = TrustingOptions();
  options.token = kWriterToken;
  std::unique_ptr<RankerClient> client =
      RankerClient::Connect(server_->address(), options);
  absl::StatusOr<v1::RecommendProductsResponse> recommended =
      client->Recommend(FeedRequest("tls-user", 5));
  ASSERT_TRUE(recommended.ok()) << recommended.status();
  EXPECT_EQ(recommended->items_size(), 5);
  absl::StatusOr<v1::LogEventResponse> logged = client->LogEvents(OneClick());
  ASSERT_TRUE(logged.ok()) << logged.status();
}

TEST_F(TlsE2eTest, TheCertificateNamesLocalhostToo) {
  const std::string port =
      server_->address().substr(server_->address().find(':') + 1);
  absl::StatusOr<bool> serving =
      ProbeHealth(absl::StrCat("localhost:", port), TrustingOptions());
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);
}

TEST_F(TlsE2eTest, HealthWorksOverTlsWithoutAToken) {
  absl::StatusOr<bool> serving =
      ProbeHealth(server_->address(), TrustingOptions());
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);
}

TEST_F(TlsE2eTest, TokensAreStillCheckedOverTls) {
  absl::StatusOr<v1::LogEventResponse> logged =
      RankerClient::Connect(server_->address(), TrustingOptions())
          ->LogEvents(OneClick());
  EXPECT_EQ(logged.status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(TlsE2eTest, APlaintextClientFails) {
  absl::StatusOr<v1::RecommendProductsResponse> recommended =
      RankerClient::Connect(server_->address())
          ->Recommend(FeedRequest("tls-user", 5));
  ASSERT_FALSE(recommended.ok());
  EXPECT_EQ(recommended.status().code(), absl::StatusCode::kUnavailable)
      << recommended.status();
  EXPECT_FALSE(ProbeHealth(server_->address()).ok());
}

TEST_F(TlsE2eTest, AClientThatDoesNotTrustTheCertificateFails) {
  absl::StatusOr<TestCertificate> stranger =
      GenerateSelfSignedCertificate(dir_, "stranger");
  ASSERT_TRUE(stranger.ok()) << stranger.status();
  ConnectionOptions options;
  options.tls = true;
  options.tls_root_certs = stranger->cert_pem;
  absl::StatusOr<bool> serving = ProbeHealth(server_->address(), options);
  ASSERT_FALSE(serving.ok());
  EXPECT_EQ(serving.status().code(), absl::StatusCode::kUnavailable);
}

// --tls_client_ca_file: only clients presenting a certificate the CA signed
// are served. The self-signed client certificate is its own CA here.
TEST(MutualTlsE2eTest, OnlyClientsWithATrustedCertificateAreServed) {
  absl::StatusOr<std::string> dir = MakeTempDir();
  ASSERT_TRUE(dir.ok()) << dir.status();
  absl::StatusOr<TestCertificate> server_cert =
      GenerateSelfSignedCertificate(*dir, "server");
  ASSERT_TRUE(server_cert.ok()) << server_cert.status();
  absl::StatusOr<TestCertificate> client_cert =
      GenerateSelfSignedCertificate(*dir, "client");
  ASSERT_TRUE(client_cert.ok()) << client_cert.status();

  ConnectionOptions with_cert;
  with_cert.tls = true;
  with_cert.tls_root_certs = server_cert->cert_pem;
  with_cert.tls_client_cert = client_cert->cert_pem;
  with_cert.tls_client_key = client_cert->key_pem;
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = server_cert->cert_pem;
  ssl.pem_cert_chain = client_cert->cert_pem;
  ssl.pem_private_key = client_cert->key_pem;
  auto server = ServerProcess::StartWithCredentials(
      {"--tls_cert_file=" + server_cert->cert_file,
       "--tls_key_file=" + server_cert->key_file,
       "--tls_client_ca_file=" + client_cert->cert_file},
      grpc::SslCredentials(ssl));
  ASSERT_TRUE(server.ok()) << server.status();

  absl::StatusOr<bool> served = ProbeHealth((*server)->address(), with_cert);
  ASSERT_TRUE(served.ok()) << served.status();
  EXPECT_TRUE(*served);

  ConnectionOptions without_cert = with_cert;
  without_cert.tls_client_cert.clear();
  without_cert.tls_client_key.clear();
  EXPECT_FALSE(ProbeHealth((*server)->address(), without_cert).ok());

  EXPECT_TRUE((*server)->Stop().ok());
  std::error_code ignored;
  std::filesystem::remove_all(*dir, ignored);
}

}  // namespace
}  // namespace ranker::testing
