#include "client/load/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace ranker::load {
namespace {

// Each power of two [2^k, 2^(k+1)) with k >= kSubBits is split into
// 2^kSubBits buckets; below 2^(kSubBits+1) every nanosecond has its own.
constexpr int kSubBits = 7;
constexpr int64_t kSubBuckets = int64_t{1} << kSubBits;  // 128
constexpr int64_t kExactBelow = kSubBuckets * 2;         // 256

}  // namespace

LatencyHistogram::LatencyHistogram()
    : counts_(BucketIndex(kMaxTrackable - 1) + 1, 0) {}

int LatencyHistogram::BucketIndex(int64_t nanos) {
  if (nanos < kExactBelow) return static_cast<int>(nanos);
  // With msb the highest set bit, shift = msb - kSubBits >= 1 and
  // nanos >> shift lies in [128, 256): the position inside the power of two.
  // shift * 128 + that position continues the exact range without a gap.
  const int msb = std::bit_width(static_cast<uint64_t>(nanos)) - 1;
  const int shift = msb - kSubBits;
  return static_cast<int>(shift * kSubBuckets + (nanos >> shift));
}

int64_t LatencyHistogram::BucketTop(int index) {
  if (index < kExactBelow) return index;
  const int shift = static_cast<int>(index / kSubBuckets) - 1;
  const int64_t position = index - shift * kSubBuckets;  // in [128, 256)
  return ((position + 1) << shift) - 1;
}

void LatencyHistogram::Record(int64_t nanos) {
  nanos = std::max<int64_t>(nanos, 0);
  const int64_t clamped = std::min(nanos, kMaxTrackable - 1);
  ++counts_[BucketIndex(clamped)];
  if (count_ == 0 || nanos < min_) min_ = nanos;
  max_ = std::max(max_, nanos);
  ++count_;
  sum_ += static_cast<double>(nanos);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  if (count_ == 0 || other.min_ < min_) min_ = other.min_;
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
}

double LatencyHistogram::mean() const {
  return count_ == 0 ? 0.0 : sum_ / static_cast<double>(count_);
}

int64_t LatencyHistogram::ValueAtQuantile(double quantile) const {
  if (count_ == 0) return 0;
  quantile = std::clamp(quantile, 0.0, 1.0);
  // The rank of the wanted sample, 1-based: at least 1 so that quantile 0
  // means the smallest sample.
  const int64_t rank = std::max<int64_t>(
      1,
      static_cast<int64_t>(std::ceil(quantile * static_cast<double>(count_))));
  int64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      // The last bucket also holds every value beyond kMaxTrackable.
      if (i + 1 == counts_.size()) return max_;
      return std::clamp(BucketTop(static_cast<int>(i)), min(), max_);
    }
  }
  return max_;
}

}  // namespace ranker::load
