// Small field checks that produce INVALID_ARGUMENT errors naming the field, so
// that every caller (gRPC server, catalog file loader, tests) reports bad
// input the same way: "<field>: <what is wrong>".
#ifndef RANKER_CORE_VALIDATION_H_
#define RANKER_CORE_VALIDATION_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace ranker {

// An INVALID_ARGUMENT status "<field>: <problem>".
absl::Status FieldError(absl::string_view field, absl::string_view problem);

// An identifier: required ones must be non-empty; all at most max_bytes and
// free of control characters.
absl::Status CheckIdentifier(absl::string_view value, absl::string_view field,
                             bool required, size_t max_bytes);

// Whether CheckIdentifier accepts `value` (without naming a field: for hot
// paths that build the field name only once there is an error).
bool IsValidIdentifier(absl::string_view value, bool required,
                       size_t max_bytes);

// A finite number within [min, max].
absl::Status CheckFiniteInRange(double value, absl::string_view field,
                                double min, double max);

// A repeated field with at most max_items entries.
absl::Status CheckMaxItems(size_t items, absl::string_view field,
                           size_t max_items);

}  // namespace ranker

#endif  // RANKER_CORE_VALIDATION_H_
