// MetricsEndpoint: serves the registered collectables over HTTP on the port
// asked for (or a free one), and refuses addresses it cannot serve on.
#include "server/metrics_endpoint.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"
#include "tests/metrics_scrape.h"

namespace ranker {
namespace {

using scrape::HttpGet;
using scrape::SampleValue;

TEST(MetricsEndpoint, ServesTheRegisteredMetricsOnAFreePort) {
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
      MetricsEndpoint::Start("127.0.0.1:0");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  ASSERT_GT((*endpoint)->port(), 0);
  auto registry = std::make_shared<prometheus::Registry>();
  prometheus::Counter& counter = prometheus::BuildCounter()
                                     .Name("endpoint_test_total")
                                     .Help("A test counter.")
                                     .Register(*registry)
                                     .Add({{"kind", "test"}});
  (*endpoint)->Register(registry);
  counter.Increment(3);

  absl::StatusOr<std::string> body = HttpGet((*endpoint)->port(), "/metrics");
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(SampleValue(*body, "endpoint_test_total", {{"kind", "test"}}), 3.0)
      << *body;
  counter.Increment();
  body = HttpGet((*endpoint)->port(), "/metrics");
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(SampleValue(*body, "endpoint_test_total", {{"kind", "test"}}), 4.0);
  // Only /metrics is served.
  EXPECT_FALSE(HttpGet((*endpoint)->port(), "/other").ok());
}

TEST(MetricsEndpoint, ACollectableGoneIsNoLongerCollected) {
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
      MetricsEndpoint::Start("127.0.0.1:0");
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  auto registry = std::make_shared<prometheus::Registry>();
  prometheus::BuildCounter()
      .Name("endpoint_gone_total")
      .Help("A test counter.")
      .Register(*registry)
      .Add({});
  (*endpoint)->Register(registry);
  registry.reset();
  absl::StatusOr<std::string> body = HttpGet((*endpoint)->port(), "/metrics");
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_FALSE(SampleValue(*body, "endpoint_gone_total").has_value());
}

TEST(MetricsEndpoint, RefusesAnAddressWithoutAPort) {
  for (const char* listen :
       {"", "9464", ":9464", "127.0.0.1", "127.0.0.1:x", "127.0.0.1:70000"}) {
    absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
        MetricsEndpoint::Start(listen);
    EXPECT_EQ(endpoint.status().code(), absl::StatusCode::kInvalidArgument)
        << listen;
  }
}

TEST(MetricsEndpoint, APortInUseIsUnavailable) {
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> first =
      MetricsEndpoint::Start("127.0.0.1:0");
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> second =
      MetricsEndpoint::Start(absl::StrCat("127.0.0.1:", (*first)->port()));
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace ranker
