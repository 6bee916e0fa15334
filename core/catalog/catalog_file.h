// Reads products from JSON Lines: one product object per line, the format of
// deploy/demo/catalog.jsonl (documented in deploy/demo/README.md). Blank lines
// and lines starting with '#' are skipped.
#ifndef RANKER_CORE_CATALOG_CATALOG_FILE_H_
#define RANKER_CORE_CATALOG_CATALOG_FILE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/catalog/product.h"

namespace ranker {

// Errors name the line and the field: "line 12: tags.kettle: ...".
absl::StatusOr<std::vector<ProductSpec>> ParseCatalogJsonl(
    absl::string_view text);

absl::StatusOr<std::vector<ProductSpec>> ReadCatalogFile(
    const std::string& path);

// One line of the catalog file format (deploy/demo/README.md) for `spec`,
// without the newline; ParseCatalogJsonl reads it back to the same spec.
// Optional keys (windows, creators) only when set.
std::string CatalogJsonLine(const ProductSpec& spec);

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_CATALOG_FILE_H_
