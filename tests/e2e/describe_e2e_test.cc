// DescribeUser and DescribeProduct over a real server: after events are
// logged through LogEvent, the describe calls show exactly how many of each
// type were applied, per user and per product; an unknown user is not an
// error, an unknown product is NOT_FOUND, bad input names its field.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/server_test_base.h"

namespace ranker::testing {
namespace {

class DescribeE2eTest : public ServerTestBase {
 protected:
  static grpc::Status DescribeUser(const std::string& user, int top_tags,
                                   v1::DescribeUserResponse* response) {
    v1::DescribeUserRequest request;
    request.set_user_id(user);
    request.set_top_tags(top_tags);
    grpc::ClientContext context;
    return stub()->DescribeUser(&context, request, response);
  }
  static grpc::Status DescribeProduct(const std::string& product,
                                      v1::DescribeProductResponse* response) {
    v1::DescribeProductRequest request;
    request.set_product_id(product);
    grpc::ClientContext context;
    return stub()->DescribeProduct(&context, request, response);
  }
};

TEST_F(DescribeE2eTest, DescribeUserShowsExactlyTheLoggedEvents) {
  // Travel clicks, an impression and a cart, in two calls.
  v1::LogEventRequest first;
  std::vector<std::string> travel;
  for (const ProductSpec& product : DemoCatalog()) {
    if (HasTag(product, "business-travel") && travel.size() < 3) {
      travel.push_back(product.id);
    }
  }
  ASSERT_EQ(travel.size(), 3u);
  for (const std::string& id : travel) {
    *first.add_events() = MakeEvent("describe-u1", id, v1::EVENT_TYPE_CLICK);
  }
  *first.add_events() =
      MakeEvent("describe-u1", travel[0], v1::EVENT_TYPE_IMPRESSION);
  LogEvents(first);
  v1::LogEventRequest second;
  *second.add_events() =
      MakeEvent("describe-u1", travel[1], v1::EVENT_TYPE_ADD_TO_CART);
  LogEvents(second);

  v1::DescribeUserResponse user;
  const grpc::Status status = DescribeUser("describe-u1", 5, &user);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(user.known());
  EXPECT_EQ(user.event_counts().click(), 3u);
  EXPECT_EQ(user.event_counts().impression(), 1u);
  EXPECT_EQ(user.event_counts().add_to_cart(), 1u);
  EXPECT_EQ(user.event_counts().like(), 0u);
  EXPECT_EQ(user.event_counts().total(), 5u);
  EXPECT_GT(user.last_event_ms(), 0);
  ASSERT_GT(user.long_term_interest_size(), 0);
  EXPECT_LE(user.long_term_interest_size(), 5);
  EXPECT_LE(user.instant_interest_size(), 5);
  bool business_travel = false;
  for (const v1::WeightedTag& tag : user.instant_interest()) {
    business_travel |= tag.tag() == "business-travel";
  }
  EXPECT_TRUE(business_travel);
  ASSERT_EQ(user.recent_product_ids_size(), 3);
  EXPECT_EQ(user.recent_product_ids(2), travel[1]);  // carted last
}

TEST_F(DescribeE2eTest, DescribeProductShowsExactAndDecayedCounts) {
  const ProductSpec& spec = DemoCatalogById().at("p00042");
  v1::DescribeProductResponse before;
  ASSERT_TRUE(DescribeProduct(spec.id, &before).ok());
  v1::LogEventRequest request;
  for (int i = 0; i < 4; ++i) {
    *request.add_events() = MakeEvent("describe-u" + std::to_string(i), spec.id,
                                      v1::EVENT_TYPE_IMPRESSION);
  }
  *request.add_events() =
      MakeEvent("describe-u2", spec.id, v1::EVENT_TYPE_ADD_TO_CART);
  LogEvents(request);

  v1::DescribeProductResponse product;
  const grpc::Status status = DescribeProduct(spec.id, &product);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(product.product_id(), spec.id);
  EXPECT_EQ(product.title(), spec.title);
  EXPECT_EQ(product.shop_id(), spec.shop_id);
  EXPECT_EQ(product.status(), v1::PRODUCT_STATUS_ACTIVE);
  EXPECT_DOUBLE_EQ(product.price(), spec.price);
  EXPECT_EQ(product.tags_size(), static_cast<int>(spec.tags.size()));
  EXPECT_EQ(product.event_counts().impression(),
            before.event_counts().impression() + 4);
  EXPECT_EQ(product.event_counts().add_to_cart(),
            before.event_counts().add_to_cart() + 1);
  EXPECT_EQ(product.event_counts().total(), before.event_counts().total() + 5);
  // Seconds of decay on a three-day half-life: the decayed counts are just
  // under the exact ones.
  EXPECT_NEAR(product.statistics().impressions(),
              before.statistics().impressions() + 4, 1e-3);
  EXPECT_GT(product.statistics().popularity(), 2.9);
}

TEST_F(DescribeE2eTest, AnUnknownUserIsNotKnownAndNotAnError) {
  v1::DescribeUserResponse user;
  const grpc::Status status = DescribeUser("describe-nobody", 0, &user);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(user.known());
  EXPECT_EQ(user.event_counts().total(), 0u);
  EXPECT_EQ(user.long_term_interest_size(), 0);
}

TEST_F(DescribeE2eTest, AnUnknownProductIsNotFound) {
  v1::DescribeProductResponse product;
  const grpc::Status status = DescribeProduct("no-such-product", &product);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(),
            "product_id: unknown product 'no-such-product'");
}

TEST_F(DescribeE2eTest, BadInputIsInvalidArgumentNamingTheField) {
  v1::DescribeUserResponse user;
  grpc::Status status = DescribeUser("", 0, &user);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "user_id: must not be empty");
  status = DescribeUser("u1", 500, &user);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "top_tags: must be in [0, 128], got 500");
  status = DescribeUser(std::string(129, 'u'), 0, &user);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("user_id: ", 0), 0u);
  v1::DescribeProductResponse product;
  status = DescribeProduct("", &product);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "product_id: must not be empty");
}

}  // namespace
}  // namespace ranker::testing
