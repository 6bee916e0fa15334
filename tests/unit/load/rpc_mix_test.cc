#include "client/load/rpc_mix.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ranker::load {
namespace {

using ::testing::HasSubstr;

TEST(RpcMixTest, ParsesAndNormalisesWeights) {
  absl::StatusOr<RpcMix> mix = RpcMix::Parse("recommend:4, log:1");
  ASSERT_TRUE(mix.ok()) << mix.status();
  EXPECT_DOUBLE_EQ(mix->share(RpcKind::kRecommend), 0.8);
  EXPECT_DOUBLE_EQ(mix->share(RpcKind::kLog), 0.2);
  EXPECT_DOUBLE_EQ(mix->share(RpcKind::kHealth), 0.0);
  EXPECT_EQ(mix->ToString(), "recommend:0.8,log:0.2");
}

TEST(RpcMixTest, AcceptsHealthAsAThirdKind) {
  absl::StatusOr<RpcMix> mix = RpcMix::Parse("health:1");
  ASSERT_TRUE(mix.ok()) << mix.status();
  EXPECT_DOUBLE_EQ(mix->share(RpcKind::kHealth), 1.0);
  EXPECT_EQ(mix->Pick(0.0), RpcKind::kHealth);
  EXPECT_EQ(mix->Pick(0.999), RpcKind::kHealth);
}

TEST(RpcMixTest, PickCutsTheUnitIntervalInKindOrder) {
  absl::StatusOr<RpcMix> mix =
      RpcMix::Parse("health:0.1,log:0.2,recommend:0.7");
  ASSERT_TRUE(mix.ok()) << mix.status();
  EXPECT_EQ(mix->Pick(0.0), RpcKind::kRecommend);
  EXPECT_EQ(mix->Pick(0.69), RpcKind::kRecommend);
  EXPECT_EQ(mix->Pick(0.71), RpcKind::kLog);
  EXPECT_EQ(mix->Pick(0.89), RpcKind::kLog);
  EXPECT_EQ(mix->Pick(0.91), RpcKind::kHealth);
  EXPECT_EQ(mix->Pick(1.0), RpcKind::kHealth);  // rounding at the top
}

TEST(RpcMixTest, ZeroWeightKindsAreNeverPicked) {
  absl::StatusOr<RpcMix> mix = RpcMix::Parse("recommend:0,log:1");
  ASSERT_TRUE(mix.ok()) << mix.status();
  EXPECT_EQ(mix->Pick(0.0), RpcKind::kLog);
  EXPECT_EQ(mix->ToString(), "log:1");
}

TEST(RpcMixTest, OnlyIsASingleKind) {
  EXPECT_EQ(RpcMix::Only(RpcKind::kLog).Pick(0.5), RpcKind::kLog);
  EXPECT_EQ(RpcMix::Only(RpcKind::kLog).ToString(), "log:1");
}

TEST(RpcMixTest, RejectsBadMixesNamingTheProblem) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"", "at least one weight above 0"},
           Case{"recommend:0", "at least one weight above 0"},
           Case{"search:1", "unknown RPC 'search'"},
           Case{"recommend:1,recommend:2", "appears twice"},
           Case{"recommend", "not kind:weight"},
           Case{"recommend:x", "must be a number >= 0"},
           Case{"recommend:-1", "must be a number >= 0"},
           Case{"recommend:nan", "must be a number >= 0"},
       }) {
    absl::StatusOr<RpcMix> mix = RpcMix::Parse(c.text);
    ASSERT_FALSE(mix.ok()) << c.text;
    EXPECT_EQ(mix.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(mix.status().message(), HasSubstr("--mix: "));
    EXPECT_THAT(mix.status().message(), HasSubstr(c.message)) << c.text;
  }
}

TEST(RpcMixTest, KindNamesRoundTrip) {
  for (RpcKind kind : kAllRpcKinds) {
    absl::StatusOr<RpcKind> parsed = RpcKindFromName(RpcKindName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
}

}  // namespace
}  // namespace ranker::load
