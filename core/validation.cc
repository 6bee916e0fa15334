#include "core/validation.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace ranker {

absl::Status FieldError(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status CheckIdentifier(absl::string_view value, absl::string_view field,
                             bool required, size_t max_bytes) {
  if (value.empty()) {
    return required ? FieldError(field, "must not be empty") : absl::OkStatus();
  }
  if (value.size() > max_bytes) {
    return FieldError(field, absl::StrCat("must be at most ", max_bytes,
                                          " bytes, got ", value.size()));
  }
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) {
      return FieldError(field, "must not contain control characters");
    }
  }
  return absl::OkStatus();
}

bool IsValidIdentifier(absl::string_view value, bool required,
                       size_t max_bytes) {
  if (value.empty()) return !required;
  if (value.size() > max_bytes) return false;
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

absl::Status CheckFiniteInRange(double value, absl::string_view field,
                                double min, double max) {
  if (!std::isfinite(value))
    return FieldError(field, "must be a finite number");
  if (value < min || value > max) {
    return FieldError(
        field, absl::StrCat("must be in [", min, ", ", max, "], got ", value));
  }
  return absl::OkStatus();
}

absl::Status CheckMaxItems(size_t items, absl::string_view field,
                           size_t max_items) {
  if (items > max_items) {
    return FieldError(field, absl::StrCat("at most ", max_items,
                                          " entries allowed, got ", items));
  }
  return absl::OkStatus();
}

}  // namespace ranker
