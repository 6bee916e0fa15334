#include "tests/e2e/event_ledger.h"

namespace ranker::testing {

EventLedger::EventLedger(size_t entities)
    : entities_(entities),
      cells_(std::make_unique<std::array<Cell, kEventTypeCount>[]>(entities)) {}

EventLedger::Cell& EventLedger::CellAt(size_t entity, EventType type) {
  return cells_[entity][static_cast<int>(type)];
}

void EventLedger::RecordSent(size_t entity, EventType type) {
  CellAt(entity, type).sent.fetch_add(1, std::memory_order_relaxed);
}

void EventLedger::RecordAcked(size_t entity, EventType type) {
  CellAt(entity, type).acked.fetch_add(1, std::memory_order_relaxed);
}

EventLedger::Bounds EventLedger::At(size_t entity, EventType type) const {
  const Cell& cell = cells_[entity][static_cast<int>(type)];
  return {cell.acked.load(std::memory_order_relaxed),
          cell.sent.load(std::memory_order_relaxed)};
}

void EventLedger::Settle(size_t entity, EventType type, uint64_t count) {
  Cell& cell = CellAt(entity, type);
  cell.acked.store(count, std::memory_order_relaxed);
  cell.sent.store(count, std::memory_order_relaxed);
}

}  // namespace ranker::testing
