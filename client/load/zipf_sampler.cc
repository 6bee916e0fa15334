#include "client/load/zipf_sampler.h"

#include <algorithm>
#include <cmath>

namespace ranker::load {

ZipfSampler::ZipfSampler(size_t n, double s) : cdf_(std::max<size_t>(n, 1)) {
  double total = 0;
  for (size_t k = 0; k < cdf_.size(); ++k) {
    total += std::pow(static_cast<double>(k + 1), -s);
    cdf_[k] = total;
  }
  for (double& c : cdf_) c /= total;
  // Rounding may leave the last entry a hair below 1; a u close to 1 must
  // still find a rank.
  cdf_.back() = 1.0;
}

size_t ZipfSampler::RankAt(double u) const {
  const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  return it == cdf_.end() ? cdf_.size() - 1
                          : static_cast<size_t>(it - cdf_.begin());
}

double ZipfSampler::Probability(size_t rank) const {
  if (rank >= cdf_.size()) return 0.0;
  return rank == 0 ? cdf_[0] : cdf_[rank] - cdf_[rank - 1];
}

}  // namespace ranker::load
