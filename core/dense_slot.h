// Arrays indexed by a dense id (a product, a tag, a node) that grow as ids
// appear: the per-product and per-node state of the statistics, whose ids
// are handed out in order (ProductIdx, TagId), so an array beats a hash map
// by its per-entry overhead.
#ifndef RANKER_CORE_DENSE_SLOT_H_
#define RANKER_CORE_DENSE_SLOT_H_

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ranker {

// The slot of `index` in `slots`, grown (value-initialized) to hold it. The
// array grows by an eighth at least, so filling it in index order copies each
// slot a few times only while the slack stays small (a doubling vector would
// hold up to twice what it needs).
template <typename T>
T& DenseSlot(std::vector<T>& slots, size_t index) {
  if (index >= slots.size()) {
    if (index >= slots.capacity()) {
      slots.reserve(
          std::max(index + 1, slots.capacity() + slots.capacity() / 8));
    }
    slots.resize(index + 1);
  }
  return slots[index];
}

}  // namespace ranker

#endif  // RANKER_CORE_DENSE_SLOT_H_
