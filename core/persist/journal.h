// What the Engine needs from a write-ahead log: append one record and say when
// it is in the log (as durable as the log's policy makes it). An interface so
// the core's replay tests can run without files.
#ifndef RANKER_CORE_PERSIST_JOURNAL_H_
#define RANKER_CORE_PERSIST_JOURNAL_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/persist/call_codec.h"

namespace ranker::persist {

class Journal {
 public:
  virtual ~Journal() = default;

  // Appends a record and returns its sequence number once it is in the log.
  // Sequences are contiguous; an error means the record must not be treated
  // as logged (and the call must not be acknowledged).
  virtual absl::StatusOr<uint64_t> Append(RecordKind kind,
                                          absl::string_view payload) = 0;

  // The sequence of the last record in the log (0 when empty).
  virtual uint64_t last_sequence() const = 0;
};

}  // namespace ranker::persist

#endif  // RANKER_CORE_PERSIST_JOURNAL_H_
