#include "client/load/phase_plan.h"

#include <set>
#include <vector>

#include "gtest/gtest.h"

namespace ranker::load {
namespace {

RpcMix Mix(const char* text) {
  absl::StatusOr<RpcMix> mix = RpcMix::Parse(text);
  EXPECT_TRUE(mix.ok()) << mix.status();
  return *mix;
}

TEST(PhasePlanTest, WithoutFloorThereIsOneMixPhase) {
  LoadConfig config;
  config.concurrency = 7;
  config.duration = absl::Seconds(3);
  const std::vector<PhaseOptions> phases =
      PlanPhases(config, Mix("recommend:0.8,log:0.2"));
  ASSERT_EQ(phases.size(), 1u);
  EXPECT_EQ(phases[0].name, "mix");
  EXPECT_EQ(phases[0].mix.ToString(), "recommend:0.8,log:0.2");
  EXPECT_EQ(phases[0].concurrency, 7);
  EXPECT_EQ(phases[0].duration, absl::Seconds(3));
}

TEST(PhasePlanTest, FloorComesFirstThenEachRpcAloneWithTheSameShape) {
  LoadConfig config;
  config.floor = true;
  config.concurrency = 5;
  config.warmup = absl::Milliseconds(500);
  const std::vector<PhaseOptions> phases =
      PlanPhases(config, Mix("log:0.2,recommend:0.8"));
  ASSERT_EQ(phases.size(), 3u);
  EXPECT_EQ(phases[0].name, "floor");
  EXPECT_EQ(phases[0].mix.ToString(), "health:1");
  EXPECT_EQ(phases[1].name, "recommend");
  EXPECT_EQ(phases[1].mix.ToString(), "recommend:1");
  EXPECT_EQ(phases[2].name, "log");
  EXPECT_EQ(phases[2].mix.ToString(), "log:1");
  std::set<uint64_t> seeds;
  for (const PhaseOptions& phase : phases) {
    EXPECT_EQ(phase.concurrency, 5);
    EXPECT_EQ(phase.warmup, absl::Milliseconds(500));
    seeds.insert(phase.seed);
  }
  EXPECT_EQ(seeds.size(), 3u);  // phases do not replay one another
}

TEST(PhasePlanTest, HealthInTheMixIsMeasuredOnlyAsTheFloor) {
  LoadConfig config;
  config.floor = true;
  const std::vector<PhaseOptions> phases =
      PlanPhases(config, Mix("recommend:1,health:1"));
  ASSERT_EQ(phases.size(), 2u);
  EXPECT_EQ(phases[0].name, "floor");
  EXPECT_EQ(phases[1].name, "recommend");
}

TEST(PhasePlanTest, OpenLoopShapeIsCarriedOver) {
  LoadConfig config;
  config.open_loop = true;
  config.rate = 250;
  config.max_in_flight = 9;
  const std::vector<PhaseOptions> phases = PlanPhases(config, Mix("log:1"));
  ASSERT_EQ(phases.size(), 1u);
  EXPECT_TRUE(phases[0].open_loop);
  EXPECT_EQ(phases[0].rate, 250);
  EXPECT_EQ(phases[0].max_in_flight, 9);
}

}  // namespace
}  // namespace ranker::load
