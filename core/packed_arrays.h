// Several growable arrays of small plain types in one heap allocation, one
// after the other: the storage of a user profile, whose lists (interests,
// recent products, purchases, impressions, ...) are short and mostly empty.
// Separate std::vectors or hash maps would cost a header, an allocation and
// growth slack each (a flat_hash_map holding one element allocates for
// several); here the lists share one allocation with an eighth of slack, and
// an empty set of lists allocates nothing.
//
// Element types must be trivially copyable, 4-byte aligned at most and a
// multiple of 4 bytes (PackedTime below stores a TimeMs that way), so the
// arrays need no padding between them. Each array holds at most kMaxSize
// elements. Inserting or erasing moves the bytes after the position: fine
// for lists of a few hundred bytes, not for large ones.
#ifndef RANKER_CORE_PACKED_ARRAYS_H_
#define RANKER_CORE_PACKED_ARRAYS_H_

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "core/types.h"

namespace ranker {

// A TimeMs as two 32-bit halves: 4-byte aligned, so that a record of a
// 32-bit id and a time takes 12 bytes instead of 16.
struct PackedTime {
  uint32_t low = 0;
  int32_t high = 0;

  PackedTime() = default;
  explicit PackedTime(TimeMs time)
      : low(static_cast<uint32_t>(static_cast<uint64_t>(time))),
        high(static_cast<int32_t>(time >> 32)) {}
  TimeMs get() const {
    return static_cast<TimeMs>((static_cast<uint64_t>(high) << 32) | low);
  }
};

template <typename... Ts>
class PackedArrays {
 public:
  static constexpr size_t kArrays = sizeof...(Ts);
  static constexpr size_t kMaxSize = UINT16_MAX;
  template <size_t I>
  using Element = std::tuple_element_t<I, std::tuple<Ts...>>;

  static_assert(((std::is_trivially_copyable_v<Ts> && alignof(Ts) <= 4 &&
                  sizeof(Ts) % 4 == 0) &&
                 ...),
                "elements: trivially copyable, 4-byte aligned, 4n bytes");

  PackedArrays() = default;
  ~PackedArrays() { Free(data_); }
  PackedArrays(PackedArrays&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        capacity_(std::exchange(other.capacity_, 0)),
        sizes_(std::exchange(other.sizes_, {})) {}
  PackedArrays& operator=(PackedArrays&& other) noexcept {
    if (this != &other) {
      Free(data_);
      data_ = std::exchange(other.data_, nullptr);
      capacity_ = std::exchange(other.capacity_, 0);
      sizes_ = std::exchange(other.sizes_, {});
    }
    return *this;
  }
  PackedArrays(const PackedArrays& other) : sizes_(other.sizes_) {
    const size_t used = other.used_bytes();
    if (used > 0) {
      capacity_ = static_cast<uint32_t>(AllocationSize(used));
      data_ = Allocate(capacity_);
      std::memcpy(data_, other.data_, used);
    }
  }
  PackedArrays& operator=(const PackedArrays& other) {
    if (this != &other) *this = PackedArrays(other);
    return *this;
  }

  template <size_t I>
  size_t size() const {
    return sizes_[I];
  }
  template <size_t I>
  std::span<Element<I>> get() {
    return {reinterpret_cast<Element<I>*>(data_ + Offset<I>()), sizes_[I]};
  }
  template <size_t I>
  std::span<const Element<I>> get() const {
    return {reinterpret_cast<const Element<I>*>(data_ + Offset<I>()),
            sizes_[I]};
  }

  // Inserts `value` before position `pos` of array I (pos <= size); false,
  // inserting nothing, when the array already holds kMaxSize elements.
  template <size_t I>
  bool insert(size_t pos, const Element<I>& value) {
    assert(pos <= sizes_[I]);
    if (sizes_[I] == kMaxSize) return false;
    const size_t at = Offset<I>() + pos * sizeof(Element<I>);
    OpenGap(at, sizeof(Element<I>));
    std::memcpy(data_ + at, &value, sizeof(Element<I>));
    ++sizes_[I];
    return true;
  }
  template <size_t I>
  bool push_back(const Element<I>& value) {
    return insert<I>(sizes_[I], value);
  }
  // Removes the element at `pos` of array I.
  template <size_t I>
  void erase(size_t pos) {
    assert(pos < sizes_[I]);
    const size_t at = Offset<I>() + pos * sizeof(Element<I>);
    CloseGap(at, sizeof(Element<I>));
    --sizes_[I];
  }
  // Keeps the elements of array I for which `keep(element)` holds, in order.
  template <size_t I, typename Keep>
  void erase_unless(Keep keep) {
    std::span<Element<I>> elements = get<I>();
    size_t kept = 0;
    for (size_t i = 0; i < elements.size(); ++i) {
      if (keep(elements[i])) elements[kept++] = elements[i];
    }
    const size_t removed = elements.size() - kept;
    if (removed == 0) return;
    CloseGap(Offset<I>() + kept * sizeof(Element<I>),
             removed * sizeof(Element<I>));
    sizes_[I] = static_cast<uint16_t>(kept);
  }
  // Makes array I `count` elements long, new ones value-initialized; false,
  // changing nothing, beyond kMaxSize.
  template <size_t I>
  bool resize(size_t count) {
    if (count > kMaxSize) return false;
    const size_t size = sizes_[I];
    const size_t end = Offset<I>() + size * sizeof(Element<I>);
    if (count > size) {
      const size_t grow = (count - size) * sizeof(Element<I>);
      OpenGap(end, grow);
      for (size_t i = size; i < count; ++i) {
        const Element<I> value{};
        std::memcpy(data_ + Offset<I>() + i * sizeof(Element<I>), &value,
                    sizeof(value));
      }
    } else if (count < size) {
      CloseGap(Offset<I>() + count * sizeof(Element<I>),
               (size - count) * sizeof(Element<I>));
    }
    sizes_[I] = static_cast<uint16_t>(count);
    return true;
  }

  bool empty() const { return used_bytes() == 0; }
  // Bytes the elements take, and bytes allocated for them.
  size_t used_bytes() const { return Offset<kArrays>(); }
  size_t capacity_bytes() const { return capacity_; }

 private:
  static constexpr std::array<size_t, kArrays> kSizes = {sizeof(Ts)...};

  template <size_t I>
  size_t Offset() const {
    size_t offset = 0;
    for (size_t j = 0; j < I; ++j) offset += sizes_[j] * kSizes[j];
    return offset;
  }

  // What to allocate for `bytes`: an eighth more, rounded so that glibc's
  // malloc (16-byte chunks with an 8-byte header) wastes nothing.
  static size_t AllocationSize(size_t bytes) {
    const size_t wanted = bytes + bytes / 8;
    return ((wanted + 8 + 15) & ~size_t{15}) - 8;
  }
  static std::byte* Allocate(size_t bytes) {
    return static_cast<std::byte*>(::operator new(bytes));
  }
  // Unsized: clang does not enable sized deallocation by default.
  static void Free(std::byte* data) {
    if (data != nullptr) ::operator delete(data);
  }

  // Moves the bytes from `at` on `bytes` further, growing the allocation
  // when needed.
  void OpenGap(size_t at, size_t bytes) {
    const size_t used = used_bytes();
    if (used + bytes > capacity_) {
      const size_t capacity = AllocationSize(used + bytes);
      std::byte* data = Allocate(capacity);
      if (used > 0) {
        std::memcpy(data, data_, at);
        std::memcpy(data + at + bytes, data_ + at, used - at);
      }
      Free(data_);
      data_ = data;
      capacity_ = static_cast<uint32_t>(capacity);
    } else if (at < used) {
      std::memmove(data_ + at + bytes, data_ + at, used - at);
    }
  }
  // Removes `bytes` bytes at `at`, shrinking an allocation left more than
  // half empty.
  void CloseGap(size_t at, size_t bytes) {
    const size_t used = used_bytes();
    std::memmove(data_ + at, data_ + at + bytes, used - at - bytes);
    const size_t left = used - bytes;
    if (left == 0) {
      Free(data_);
      data_ = nullptr;
      capacity_ = 0;
    } else if (capacity_ > 2 * left + 64) {
      const size_t capacity = AllocationSize(left);
      std::byte* data = Allocate(capacity);
      std::memcpy(data, data_, left);
      Free(data_);
      data_ = data;
      capacity_ = static_cast<uint32_t>(capacity);
    }
  }

  std::byte* data_ = nullptr;
  uint32_t capacity_ = 0;
  std::array<uint16_t, kArrays> sizes_{};
};

}  // namespace ranker

#endif  // RANKER_CORE_PACKED_ARRAYS_H_
