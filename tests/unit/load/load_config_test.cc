#include "client/load/load_config.h"

#include <functional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::load {
namespace {

using ::testing::HasSubstr;

TEST(LoadConfigTest, DefaultsAreValid) {
  EXPECT_TRUE(ValidateLoadConfig({}).ok());
  LoadConfig open;
  open.open_loop = true;
  EXPECT_TRUE(ValidateLoadConfig(open).ok());
}

TEST(LoadConfigTest, RejectsBadValuesNamingTheFlag) {
  struct Case {
    std::function<void(LoadConfig&)> change;
    const char* flag;
  };
  const Case cases[] = {
      {[](LoadConfig& c) { c.duration = absl::ZeroDuration(); }, "--duration"},
      {[](LoadConfig& c) { c.warmup = absl::Seconds(-1); }, "--warmup"},
      {[](LoadConfig& c) { c.timeout = absl::ZeroDuration(); }, "--timeout"},
      {[](LoadConfig& c) { c.channels = 0; }, "--channels"},
      {[](LoadConfig& c) { c.concurrency = 0; }, "--concurrency"},
      {[](LoadConfig& c) {
         c.open_loop = true;
         c.rate = 0;
       },
       "--rate"},
      {[](LoadConfig& c) {
         c.open_loop = true;
         c.max_in_flight = 0;
       },
       "--max_in_flight"},
      {[](LoadConfig& c) {
         c.open_loop = true;
         c.floor = true;
       },
       "--floor"},
      {[](LoadConfig& c) { c.products = 0; }, "--products"},
      {[](LoadConfig& c) { c.workload.users = 0; }, "--users"},
      {[](LoadConfig& c) { c.workload.zipf_s = -0.5; }, "--zipf_s"},
      {[](LoadConfig& c) { c.workload.count = 201; }, "--count"},
      {[](LoadConfig& c) { c.workload.events_per_log = 0; },
       "--events_per_log"},
  };
  for (const Case& c : cases) {
    LoadConfig config;
    c.change(config);
    const absl::Status status = ValidateLoadConfig(config);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.flag;
    EXPECT_THAT(status.message(), HasSubstr(c.flag));
  }
}

TEST(LoadConfigTest, ConcurrencyDoesNotMatterInTheOpenLoop) {
  LoadConfig config;
  config.open_loop = true;
  config.concurrency = 0;
  EXPECT_TRUE(ValidateLoadConfig(config).ok());
}

TEST(LoadConfigTest, ProductCountDoesNotMatterWithACatalogFile) {
  LoadConfig config;
  config.products = 0;
  config.product_ids_file = "catalog.jsonl";
  EXPECT_TRUE(ValidateLoadConfig(config).ok());
}

}  // namespace
}  // namespace ranker::load
