// What the clients of a crash test know about the events they sent: per
// entity (a user or a product) and event type, how many events were
// acknowledged (an OK reply) and how many were sent at all (acknowledged,
// refused, or with an unknown outcome because the server died mid-call).
// After a crash and a restart the server's count must lie in
// [acknowledged, sent]: an acknowledged event is never lost, and nothing is
// invented. Thread-safe: load threads record while nobody checks.
#ifndef RANKER_TESTS_E2E_EVENT_LEDGER_H_
#define RANKER_TESTS_E2E_EVENT_LEDGER_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "core/types.h"

namespace ranker::testing {

class EventLedger {
 public:
  struct Bounds {
    uint64_t acked = 0;
    uint64_t sent = 0;
    bool Contains(uint64_t count) const {
      return acked <= count && count <= sent;
    }
  };

  explicit EventLedger(size_t entities);

  size_t entities() const { return entities_; }
  // Before the call goes out.
  void RecordSent(size_t entity, EventType type);
  // After the server acknowledged it.
  void RecordAcked(size_t entity, EventType type);
  Bounds At(size_t entity, EventType type) const;
  // Once the server's count was read after a restart, it is the truth: the
  // process that might still have applied an event of unknown outcome is
  // gone, and its log was recovered. Settling narrows the next trial's
  // bounds to that trial's own uncertainty.
  void Settle(size_t entity, EventType type, uint64_t count);

 private:
  struct Cell {
    std::atomic<uint64_t> acked{0};
    std::atomic<uint64_t> sent{0};
  };
  Cell& CellAt(size_t entity, EventType type);

  const size_t entities_;
  std::unique_ptr<std::array<Cell, kEventTypeCount>[]> cells_;
};

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_EVENT_LEDGER_H_
