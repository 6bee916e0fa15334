// The position of a 32-bit value in an unsorted array, or of a 32-bit key in
// an array of 8-byte entries: the lookup of the small per-node and per-user
// lists (edge targets, interest tags), which are scanned rather than hashed
// because they are short, bounded and rewritten often. SSE2 compares four
// values per instruction (every x86-64 CPU has it), AVX2 eight where the CPU
// has it and the list is long; elsewhere a plain loop.
#ifndef RANKER_CORE_FIND_U32_H_
#define RANKER_CORE_FIND_U32_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ranker {

#if defined(__x86_64__) && defined(__GNUC__)
#define RANKER_FIND_U32_AVX2 1
namespace find_u32_internal {
// Whether the CPU has AVX2 (checked once at start-up), and FindU32 with it:
// sixteen values per step, for the longer lists.
extern const bool kHasAvx2;
size_t FindU32Avx2(const uint32_t* data, size_t size, uint32_t value);
}  // namespace find_u32_internal
#endif

// The index of the first `value` in data[0, size), or `size` when absent.
inline size_t FindU32(const uint32_t* data, size_t size, uint32_t value) {
#if defined(RANKER_FIND_U32_AVX2)
  if (size >= 32 && find_u32_internal::kHasAvx2) {
    return find_u32_internal::FindU32Avx2(data, size, value);
  }
#endif
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi32(static_cast<int>(value));
  for (; i + 8 <= size; i += 8) {
    const __m128i a =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const __m128i b =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 4));
    const int mask =
        _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, needle))) |
        (_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(b, needle))) << 4);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < size; ++i) {
    if (data[i] == value) return i;
  }
  return size;
}

// The index of the first entry whose `key` (a uint32_t, the entry's first 4
// of 8 bytes) is `key` in entries[0, size), or `size` when absent.
template <typename Entry>
size_t FindKey(const Entry* entries, size_t size, uint32_t key) {
  static_assert(sizeof(Entry) == 8 && offsetof(Entry, key) == 0 &&
                std::is_same_v<decltype(Entry::key), uint32_t>);
  size_t i = 0;
#if defined(__SSE2__)
  const __m128 needle = _mm_castsi128_ps(_mm_set1_epi32(static_cast<int>(key)));
  for (; i + 4 <= size; i += 4) {
    const __m128 a = _mm_loadu_ps(reinterpret_cast<const float*>(entries + i));
    const __m128 b =
        _mm_loadu_ps(reinterpret_cast<const float*>(entries + i + 2));
    // The keys of the four entries: words 0 and 2 of each pair of entries.
    const __m128 keys = _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
    const int mask = _mm_movemask_ps(_mm_castsi128_ps(
        _mm_cmpeq_epi32(_mm_castps_si128(keys), _mm_castps_si128(needle))));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < size; ++i) {
    if (entries[i].key == key) return i;
  }
  return size;
}

}  // namespace ranker

#endif  // RANKER_CORE_FIND_U32_H_
