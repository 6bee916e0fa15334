#include "core/find_u32.h"

#if defined(RANKER_FIND_U32_AVX2)
#include <immintrin.h>

namespace ranker::find_u32_internal {

const bool kHasAvx2 = __builtin_cpu_supports("avx2");

__attribute__((target("avx2"))) size_t FindU32Avx2(const uint32_t* data,
                                                   size_t size,
                                                   uint32_t value) {
  const __m256i needle = _mm256_set1_epi32(static_cast<int>(value));
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    const __m256i a =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
    const __m256i b =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i + 8));
    const uint32_t mask_a = static_cast<uint32_t>(
        _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(a, needle))));
    const uint32_t mask_b = static_cast<uint32_t>(
        _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(b, needle))));
    const uint32_t mask = mask_a | (mask_b << 8);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  for (; i < size; ++i) {
    if (data[i] == value) return i;
  }
  return size;
}

}  // namespace ranker::find_u32_internal

#endif
