#include "client/load/latency_histogram.h"

#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace ranker::load {
namespace {

TEST(LatencyHistogramTest, EmptyReportsZeros) {
  LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0);
  EXPECT_EQ(histogram.min(), 0);
  EXPECT_EQ(histogram.max(), 0);
  EXPECT_EQ(histogram.mean(), 0.0);
  EXPECT_EQ(histogram.ValueAtQuantile(0.5), 0);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram histogram;
  for (int64_t v = 1; v <= 100; ++v) histogram.Record(v);
  EXPECT_EQ(histogram.ValueAtQuantile(0.0), 1);
  EXPECT_EQ(histogram.ValueAtQuantile(0.5), 50);
  EXPECT_EQ(histogram.ValueAtQuantile(0.9), 90);
  EXPECT_EQ(histogram.ValueAtQuantile(0.99), 99);
  EXPECT_EQ(histogram.ValueAtQuantile(1.0), 100);
  EXPECT_DOUBLE_EQ(histogram.mean(), 50.5);
}

TEST(LatencyHistogramTest, QuantilesStayWithinOnePercentOfExactSamples) {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> latency(14.0, 1.0);  // ~1 ms median
  LatencyHistogram histogram;
  std::vector<int64_t> samples;
  for (int i = 0; i < 100000; ++i) {
    samples.push_back(static_cast<int64_t>(latency(random)));
    histogram.Record(samples.back());
  }
  std::sort(samples.begin(), samples.end());
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    const auto rank = static_cast<size_t>(std::ceil(q * samples.size())) - 1;
    const double exact = static_cast<double>(samples[rank]);
    const double reported = static_cast<double>(histogram.ValueAtQuantile(q));
    EXPECT_GE(reported, exact) << "q=" << q;  // the bucket's top
    EXPECT_LE(reported, exact * 1.01) << "q=" << q;
  }
  EXPECT_EQ(histogram.ValueAtQuantile(1.0), samples.back());
  EXPECT_EQ(histogram.max(), samples.back());
  EXPECT_EQ(histogram.min(), samples.front());
}

TEST(LatencyHistogramTest, EveryBucketBoundaryRoundTrips) {
  // A value reported for a single sample is never below it and at most
  // 1/128 above it, across the whole range.
  for (int64_t v = 1; v < LatencyHistogram::kMaxTrackable; v = v * 3 + 1) {
    LatencyHistogram histogram;
    histogram.Record(v);
    histogram.Record(v + 1000000000000);  // so that max() does not clamp
    const int64_t reported = histogram.ValueAtQuantile(0.5);
    EXPECT_GE(reported, v);
    EXPECT_LE(static_cast<double>(reported), v + v / 128.0) << v;
  }
}

TEST(LatencyHistogramTest, HugeAndNegativeValuesAreClamped) {
  LatencyHistogram histogram;
  histogram.Record(-5);
  histogram.Record(LatencyHistogram::kMaxTrackable * 4);
  EXPECT_EQ(histogram.min(), 0);
  EXPECT_EQ(histogram.max(), LatencyHistogram::kMaxTrackable * 4);
  EXPECT_EQ(histogram.ValueAtQuantile(0.0), 0);
  EXPECT_EQ(histogram.ValueAtQuantile(1.0),
            LatencyHistogram::kMaxTrackable * 4);
}

TEST(LatencyHistogramTest, MergeIsTheSameAsRecordingEverything) {
  LatencyHistogram a, b, all;
  for (int64_t v = 1000; v < 2000000; v += 997) {
    (v % 2 ? a : b).Record(v);
    all.Record(v);
  }
  a.Merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.min(), all.min());
  EXPECT_EQ(a.max(), all.max());
  EXPECT_DOUBLE_EQ(a.mean(), all.mean());
  for (double q : {0.1, 0.5, 0.99}) {
    EXPECT_EQ(a.ValueAtQuantile(q), all.ValueAtQuantile(q));
  }
}

TEST(LatencyHistogramTest, MergingAnEmptyHistogramChangesNothing) {
  LatencyHistogram a, empty;
  a.Record(42);
  a.Merge(empty);
  empty.Merge(a);
  EXPECT_EQ(a.count(), 1);
  EXPECT_EQ(empty.min(), 42);
  EXPECT_EQ(empty.ValueAtQuantile(0.5), 42);
}

}  // namespace
}  // namespace ranker::load
