// Every invalid request gets the right status code and a message naming the
// field, over a real channel; a failed call changes nothing; garbage bytes do
// not bring the server down.
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/raw_call.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

struct BadCase {
  std::string name;
  grpc::StatusCode code;
  std::string field;  // must appear in the error message
};

class InvalidInputTest : public ServerTestBase {
 protected:
  static void ExpectError(const BadCase& bad, const grpc::Status& status) {
    EXPECT_EQ(status.error_code(), bad.code)
        << bad.name << ": " << status.error_message();
    EXPECT_NE(status.error_message().find(bad.field), std::string::npos)
        << bad.name << ": message '" << status.error_message()
        << "' does not name " << bad.field;
  }
};

const std::string& AnyProduct() { return DemoCatalog().front().id; }

TEST_F(InvalidInputTest, RecommendRejectsEachBadFieldByName) {
  using Mutator = std::function<void(v1::RecommendProductsRequest&)>;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::pair<BadCase, Mutator>> cases = {
      {{"empty user", grpc::INVALID_ARGUMENT, "user_id"},
       [](auto& r) { r.set_user_id(""); }},
      {{"long user", grpc::INVALID_ARGUMENT, "user_id"},
       [](auto& r) { r.set_user_id(std::string(129, 'u')); }},
      {{"control char", grpc::INVALID_ARGUMENT, "session_id"},
       [](auto& r) { r.set_session_id(std::string("a\nb")); }},
      {{"count 0", grpc::INVALID_ARGUMENT, "count"},
       [](auto& r) { r.set_count(0); }},
      {{"count 201", grpc::INVALID_ARGUMENT, "count"},
       [](auto& r) { r.set_count(201); }},
      {{"negative count", grpc::INVALID_ARGUMENT, "count"},
       [](auto& r) { r.set_count(-5); }},
      {{"scene unset", grpc::INVALID_ARGUMENT, "scene"},
       [](auto& r) { r.set_scene(v1::SCENE_UNSPECIFIED); }},
      {{"unknown scene", grpc::INVALID_ARGUMENT, "scene"},
       [](auto& r) { r.set_scene(static_cast<v1::Scene>(42)); }},
      {{"NaN weight", grpc::INVALID_ARGUMENT,
        "weight_overrides[instant_match]"},
       [nan](auto& r) {
         (*r.mutable_weight_overrides())["instant_match"] = nan;
       }},
      {{"infinite weight", grpc::INVALID_ARGUMENT,
        "weight_overrides[popularity]"},
       [](auto& r) {
         (*r.mutable_weight_overrides())["popularity"] =
             std::numeric_limits<double>::infinity();
       }},
      {{"unknown weight", grpc::INVALID_ARGUMENT, "weight_overrides[no_such]"},
       [](auto& r) { (*r.mutable_weight_overrides())["no_such"] = 1.0; }},
      {{"weight out of range", grpc::INVALID_ARGUMENT,
        "weight_overrides[category_max_share]"},
       [](auto& r) {
         (*r.mutable_weight_overrides())["category_max_share"] = 2;
       }},
      {{"empty content tag", grpc::INVALID_ARGUMENT, "context.content_tags[1]"},
       [](auto& r) {
         r.mutable_context()->add_content_tags("travel");
         r.mutable_context()->add_content_tags("");
       }},
      {{"too many excluded", grpc::INVALID_ARGUMENT, "exclude_product_ids"},
       [](auto& r) {
         for (int i = 0; i < 1001; ++i) r.add_exclude_product_ids("p");
       }},
      {{"unknown storefront shop", grpc::NOT_FOUND, "context.shop_id"},
       [](auto& r) {
         r.set_scene(v1::SCENE_STOREFRONT);
         r.mutable_context()->set_shop_id("no-such-shop");
       }},
  };
  for (const auto& [bad, mutate] : cases) {
    v1::RecommendProductsRequest request = FeedRequest("u1", 10);
    mutate(request);
    grpc::ClientContext context;
    v1::RecommendProductsResponse response;
    ExpectError(bad, stub()->RecommendProducts(&context, request, &response));
  }
}

TEST_F(InvalidInputTest, LogEventRejectsEachBadFieldByName) {
  using Mutator = std::function<void(v1::LogEventRequest&)>;
  const std::vector<std::pair<BadCase, Mutator>> cases = {
      {{"no events", grpc::INVALID_ARGUMENT, "events"},
       [](auto& r) { r.clear_events(); }},
      {{"empty user", grpc::INVALID_ARGUMENT, "events[0].user_id"},
       [](auto& r) { r.mutable_events(0)->set_user_id(""); }},
      {{"empty product", grpc::INVALID_ARGUMENT, "events[1].product_id"},
       [](auto& r) { r.mutable_events(1)->set_product_id(""); }},
      {{"unknown product", grpc::NOT_FOUND, "events[1].product_id"},
       [](auto& r) { r.mutable_events(1)->set_product_id("no-such-product"); }},
      {{"type unset", grpc::INVALID_ARGUMENT, "events[0].type"},
       [](auto& r) {
         r.mutable_events(0)->set_type(v1::EVENT_TYPE_UNSPECIFIED);
       }},
      {{"unknown type", grpc::INVALID_ARGUMENT, "events[0].type"},
       [](auto& r) {
         r.mutable_events(0)->set_type(static_cast<v1::EventType>(77));
       }},
      {{"negative dwell", grpc::INVALID_ARGUMENT, "events[0].dwell_ms"},
       [](auto& r) {
         r.mutable_events(0)->set_type(v1::EVENT_TYPE_DWELL);
         r.mutable_events(0)->set_dwell_ms(-1);
       }},
      {{"dwell on a click", grpc::INVALID_ARGUMENT, "events[0].dwell_ms"},
       [](auto& r) { r.mutable_events(0)->set_dwell_ms(500); }},
      {{"negative time", grpc::INVALID_ARGUMENT, "events[0].timestamp_ms"},
       [](auto& r) { r.mutable_events(0)->set_timestamp_ms(-1); }},
      {{"far future", grpc::INVALID_ARGUMENT, "events[0].timestamp_ms"},
       [](auto& r) {
         r.mutable_events(0)->set_timestamp_ms(
             std::numeric_limits<int64_t>::max());
       }},
      {{"unknown form", grpc::INVALID_ARGUMENT, "events[1].content_form"},
       [](auto& r) {
         r.mutable_events(1)->set_content_form(static_cast<v1::ContentForm>(9));
       }},
      {{"too many tags", grpc::INVALID_ARGUMENT, "events[0].content_tags"},
       [](auto& r) {
         for (int i = 0; i < 65; ++i)
           r.mutable_events(0)->add_content_tags("t");
       }},
      {{"too many events", grpc::INVALID_ARGUMENT, "events"},
       [](auto& r) {
         for (int i = 0; i < 10001; ++i) *r.add_events() = r.events(0);
       }},
  };
  for (const auto& [bad, mutate] : cases) {
    v1::LogEventRequest request;
    *request.add_events() =
        MakeEvent("bad-events", AnyProduct(), v1::EVENT_TYPE_CLICK);
    *request.add_events() =
        MakeEvent("bad-events", AnyProduct(), v1::EVENT_TYPE_LIKE);
    mutate(request);
    grpc::ClientContext context;
    v1::LogEventResponse response;
    ExpectError(bad, stub()->LogEvent(&context, request, &response));
  }
}

TEST_F(InvalidInputTest, UpsertRejectsEachBadFieldByName) {
  using Mutator = std::function<void(v1::UpsertProductsRequest&)>;
  const std::vector<std::pair<BadCase, Mutator>> cases = {
      {{"no products", grpc::INVALID_ARGUMENT, "products"},
       [](auto& r) { r.clear_products(); }},
      {{"empty id", grpc::INVALID_ARGUMENT, "products[0].product_id"},
       [](auto& r) { r.mutable_products(0)->set_product_id(""); }},
      {{"weight above 1", grpc::INVALID_ARGUMENT, "products[0].tags[0].weight"},
       [](auto& r) {
         r.mutable_products(0)->mutable_tags(0)->set_weight(2.0);
       }},
      {{"NaN weight", grpc::INVALID_ARGUMENT, "products[0].tags[0].weight"},
       [](auto& r) {
         r.mutable_products(0)->mutable_tags(0)->set_weight(std::nan(""));
       }},
      {{"NaN price", grpc::INVALID_ARGUMENT, "products[0].price"},
       [](auto& r) { r.mutable_products(0)->set_price(std::nan("")); }},
      {{"negative price", grpc::INVALID_ARGUMENT, "products[0].price"},
       [](auto& r) { r.mutable_products(0)->set_price(-3); }},
      {{"status unset", grpc::INVALID_ARGUMENT, "products[0].status"},
       [](auto& r) {
         r.mutable_products(0)->set_status(v1::PRODUCT_STATUS_UNSPECIFIED);
       }},
      {{"no category", grpc::INVALID_ARGUMENT, "products[0].category_path"},
       [](auto& r) { r.mutable_products(0)->clear_category_path(); }},
      {{"no shop", grpc::INVALID_ARGUMENT, "products[0].shop_id"},
       [](auto& r) { r.mutable_products(0)->set_shop_id(""); }},
      {{"unspecified form", grpc::INVALID_ARGUMENT,
        "products[0].content_forms[0]"},
       [](auto& r) {
         r.mutable_products(0)->add_content_forms(v1::CONTENT_FORM_UNSPECIFIED);
       }},
      {{"negative cycle", grpc::INVALID_ARGUMENT,
        "products[0].repurchase_cycle_days"},
       [](auto& r) { r.mutable_products(0)->set_repurchase_cycle_days(-1); }},
      {{"duplicate id", grpc::INVALID_ARGUMENT, "products[1].product_id"},
       [](auto& r) { *r.add_products() = r.products(0); }},
  };
  for (const auto& [bad, mutate] : cases) {
    v1::UpsertProductsRequest request;
    *request.add_products() = ToApiProduct(DemoCatalog().front());
    request.mutable_products(0)->clear_content_forms();
    mutate(request);
    grpc::ClientContext context;
    v1::UpsertProductsResponse response;
    ExpectError(bad, stub()->UpsertProducts(&context, request, &response));
  }
}

TEST_F(InvalidInputTest, FailedBatchAppliesNothing) {
  // A batch whose last event names an unknown product must not teach the
  // user anything from the first events.
  const std::string user = "all-or-nothing";
  auto recommend = [&] {
    grpc::ClientContext context;
    v1::RecommendProductsResponse response;
    EXPECT_TRUE(
        stub()
            ->RecommendProducts(&context, FeedRequest(user, 20), &response)
            .ok());
    return ProductIds(response);
  };
  const auto before = recommend();
  v1::LogEventRequest request;
  for (int i = 0; i < 5; ++i) {
    *request.add_events() =
        MakeEvent(user, DemoCatalog()[100 + i].id, v1::EVENT_TYPE_PURCHASE);
  }
  *request.add_events() =
      MakeEvent(user, "no-such-product", v1::EVENT_TYPE_CLICK);
  grpc::ClientContext context;
  v1::LogEventResponse response;
  EXPECT_EQ(stub()->LogEvent(&context, request, &response).error_code(),
            grpc::NOT_FOUND);
  EXPECT_EQ(recommend(), before);
}

TEST_F(InvalidInputTest, GarbageBytesDoNotCrashTheServer) {
  const std::vector<std::string> garbage = {
      std::string("\xff\xff\xff\xff\x0f", 5), std::string("\x0a\x80", 2),
      std::string(1000, '\x12'), std::string("\x22\xff\xff\xff\xff\x07", 6)};
  for (const char* method :
       {"/ranker.v1.Ranker/RecommendProducts", "/ranker.v1.Ranker/LogEvent",
        "/ranker.v1.Ranker/UpsertProducts"}) {
    for (const std::string& bytes : garbage) {
      RawResult result = CallRaw(server()->channel(), method, bytes);
      EXPECT_FALSE(result.status.ok()) << method;
    }
  }
  // Still serving.
  RawResult health =
      CallRaw(server()->channel(), "/grpc.health.v1.Health/Check", "");
  ASSERT_TRUE(health.status.ok()) << health.status.error_message();
  EXPECT_EQ(health.response, std::string("\x08\x01", 2));  // SERVING
}

}  // namespace
}  // namespace ranker::testing
