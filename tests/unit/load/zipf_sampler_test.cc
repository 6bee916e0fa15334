#include "client/load/zipf_sampler.h"

#include <cmath>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace ranker::load {
namespace {

TEST(ZipfSamplerTest, ProbabilitiesFollowThePowerLaw) {
  const ZipfSampler sampler(100, 1.0);
  double total = 0;
  for (size_t k = 0; k < 100; ++k) total += sampler.Probability(k);
  EXPECT_NEAR(total, 1.0, 1e-9);
  // P(k) / P(0) = 1 / (k + 1)^s.
  EXPECT_NEAR(sampler.Probability(1) / sampler.Probability(0), 0.5, 1e-9);
  EXPECT_NEAR(sampler.Probability(9) / sampler.Probability(0), 0.1, 1e-9);
  EXPECT_EQ(sampler.Probability(100), 0.0);
}

TEST(ZipfSamplerTest, ExponentZeroIsUniform) {
  const ZipfSampler sampler(4, 0.0);
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_NEAR(sampler.Probability(k), 0.25, 1e-12);
  }
  EXPECT_EQ(sampler.RankAt(0.0), 0u);
  EXPECT_EQ(sampler.RankAt(0.24), 0u);
  EXPECT_EQ(sampler.RankAt(0.26), 1u);
  EXPECT_EQ(sampler.RankAt(0.99), 3u);
}

TEST(ZipfSamplerTest, EdgesOfTheUnitIntervalGiveValidRanks) {
  const ZipfSampler sampler(1000, 1.2);
  EXPECT_EQ(sampler.RankAt(0.0), 0u);
  EXPECT_EQ(sampler.RankAt(std::nextafter(1.0, 0.0)), 999u);
  EXPECT_EQ(sampler.RankAt(1.0), 999u);  // out of contract, still in range
}

TEST(ZipfSamplerTest, SingleRankAlwaysDrawsIt) {
  const ZipfSampler sampler(1, 1.0);
  std::mt19937_64 random(3);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(sampler(random), 0u);
}

TEST(ZipfSamplerTest, DrawFrequenciesMatchTheProbabilities) {
  const ZipfSampler sampler(50, 1.0);
  std::mt19937_64 random(11);
  std::vector<int> counts(50, 0);
  constexpr int kDraws = 200000;
  for (int i = 0; i < kDraws; ++i) ++counts[sampler(random)];
  for (size_t k : {0u, 1u, 4u, 49u}) {
    const double expected = sampler.Probability(k) * kDraws;
    // Five standard deviations of a binomial count.
    EXPECT_NEAR(counts[k], expected, 5 * std::sqrt(expected)) << "rank " << k;
  }
}

}  // namespace
}  // namespace ranker::load
