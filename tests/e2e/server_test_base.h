// A test suite that shares one real ranker_server (started with the default
// demo catalog unless a suite passes flags) and a stub on it. Suites derive
// from it; SetUpTestSuite/TearDownTestSuite start and stop the server.
#ifndef RANKER_TESTS_E2E_SERVER_TEST_BASE_H_
#define RANKER_TESTS_E2E_SERVER_TEST_BASE_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ranker/v1/ranker.grpc.pb.h"
#include "tests/e2e/server_process.h"

namespace ranker::testing {

class ServerTestBase : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartServer({}); }
  static void TearDownTestSuite() { StopServer(); }

  static void StartServer(std::vector<std::string> flags);
  // Drops the stub first: an idle connection would slow the graceful stop.
  static void StopServer();

  static ServerProcess* server() { return server_.get(); }
  static v1::Ranker::Stub* stub() { return stub_.get(); }

  // The RPCs as most tests use them: a call that must succeed (a test
  // failure naming the status otherwise).
  static v1::RecommendProductsResponse Recommend(
      const v1::RecommendProductsRequest& request);
  static void LogEvents(const v1::LogEventRequest& request);
  static v1::UpsertProductsResponse UpsertProducts(
      const v1::UpsertProductsRequest& request);

 private:
  static std::unique_ptr<ServerProcess> server_;
  static std::unique_ptr<v1::Ranker::Stub> stub_;
};

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_SERVER_TEST_BASE_H_
