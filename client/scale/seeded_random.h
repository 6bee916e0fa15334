#ifndef RANKER_CLIENT_SCALE_SEEDED_RANDOM_H_
#define RANKER_CLIENT_SCALE_SEEDED_RANDOM_H_

#include <cstdint>
#include <random>

namespace ranker::scale {

// A random engine for one (seed, stream, index) triple: the generators draw
// each product and each user from its own engine, so any one of them can be
// generated alone, in any order or thread, and comes out the same.
// std::mt19937_64 rather than absl's engines, whose sequences may change
// between Abseil versions.
class SeededRandom : public std::mt19937_64 {
 public:
  SeededRandom(uint64_t seed, uint64_t stream, uint64_t index)
      : std::mt19937_64(Mix(Mix(seed ^ (stream << 56)) ^ index)) {}

 private:
  // SplitMix64's finaliser: neighbouring indexes get unrelated seeds.
  static uint64_t Mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
};

}  // namespace ranker::scale

#endif  // RANKER_CLIENT_SCALE_SEEDED_RANDOM_H_
