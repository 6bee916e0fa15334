// Where the server's initial catalog comes from: the --catalog flag.
#ifndef RANKER_SERVER_CATALOG_SOURCE_H_
#define RANKER_SERVER_CATALOG_SOURCE_H_

#include <string>

#include "absl/status/status.h"
#include "core/engine.h"

namespace ranker {

// "" or "demo": the bundled demo catalog; "none": start empty (products come
// through UpsertProducts); anything else: a JSONL file path. Returns the
// number of products loaded.
absl::StatusOr<size_t> LoadInitialCatalog(const std::string& source,
                                          Engine& engine);

}  // namespace ranker

#endif  // RANKER_SERVER_CATALOG_SOURCE_H_
