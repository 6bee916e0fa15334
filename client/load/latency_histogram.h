// A latency histogram with bounded relative error, in the spirit of
// HdrHistogram: values below 256 ns are counted exactly, and every power of
// two above is split into 128 equal buckets, so a reported percentile is
// within 1/128 (< 0.8%) of the true sample. Memory is fixed (36 KiB)
// whatever the number of samples, which matters for long open-loop runs
// that record millions of latencies.
#ifndef RANKER_CLIENT_LOAD_LATENCY_HISTOGRAM_H_
#define RANKER_CLIENT_LOAD_LATENCY_HISTOGRAM_H_

#include <cstdint>
#include <vector>

namespace ranker::load {

class LatencyHistogram {
 public:
  // Values at or above this (about 73 minutes in nanoseconds) are counted in
  // the last bucket; max() still reports them exactly.
  static constexpr int64_t kMaxTrackable = int64_t{1} << 42;

  LatencyHistogram();

  // Counts one sample, in nanoseconds; negative values count as 0.
  void Record(int64_t nanos);
  // Adds every sample of `other`.
  void Merge(const LatencyHistogram& other);

  int64_t count() const { return count_; }
  // 0 when empty.
  int64_t min() const { return count_ == 0 ? 0 : min_; }
  int64_t max() const { return max_; }
  double mean() const;

  // The smallest recorded value v such that at least `quantile` (0..1) of
  // the samples are <= v, up to the bucket resolution: the top of the bucket
  // holding that sample, clamped to [min(), max()]. Reporting the top keeps
  // the error on the pessimistic side. 0 when empty.
  int64_t ValueAtQuantile(double quantile) const;

 private:
  static int BucketIndex(int64_t nanos);
  // The largest value that falls in bucket `index`.
  static int64_t BucketTop(int index);

  std::vector<int64_t> counts_;
  int64_t count_ = 0;
  int64_t min_ = 0;
  int64_t max_ = 0;
  // Sum in double: 2^63 ns would overflow after ~292 years of latency, but
  // the mean only needs relative precision.
  double sum_ = 0;
};

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_LATENCY_HISTOGRAM_H_
