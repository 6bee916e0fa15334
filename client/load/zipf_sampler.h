// Draws ranks 0..n-1 with Zipf's law, P(k) proportional to 1 / (k + 1)^s:
// a few users, products and tags take most of the traffic, as in a real feed.
// s = 0 is uniform. absl::zipf_distribution needs s > 1, which is steeper
// than typical user activity (s around 0.8..1.2), hence this small class.
#ifndef RANKER_CLIENT_LOAD_ZIPF_SAMPLER_H_
#define RANKER_CLIENT_LOAD_ZIPF_SAMPLER_H_

#include <cstddef>
#include <random>
#include <vector>

namespace ranker::load {

class ZipfSampler {
 public:
  // n >= 1 ranks, exponent s >= 0 (callers validate). Precomputes the
  // cumulative distribution: 8 bytes per rank, so a million users take 8 MB.
  ZipfSampler(size_t n, double s);

  size_t size() const { return cdf_.size(); }

  // The rank whose cumulative probability first reaches `u` in [0, 1).
  size_t RankAt(double u) const;

  template <typename Random>
  size_t operator()(Random& random) const {
    return RankAt(std::uniform_real_distribution<double>(0.0, 1.0)(random));
  }

  // P(rank), for tests and documentation.
  double Probability(size_t rank) const;

 private:
  // cdf_[k] = P(rank <= k); the last is exactly 1.
  std::vector<double> cdf_;
};

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_ZIPF_SAMPLER_H_
