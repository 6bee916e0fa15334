// The product ids (and content tags) a load run draws from. Events for
// products the server does not know fail with NOT_FOUND, so the ids must
// come from the server's own catalog: either a JSONL catalog file (the
// format of deploy/demo/catalog.jsonl, of which only "id" and "tags" are
// read) or the demo catalog's id pattern p00000, p00001, ...
#ifndef RANKER_CLIENT_LOAD_CATALOG_IDS_H_
#define RANKER_CLIENT_LOAD_CATALOG_IDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ranker::load {

struct CatalogIds {
  // In file order.
  std::vector<std::string> product_ids;
  // Every distinct tag, the most frequent first (ties by name), so that a
  // Zipf rank over this list favours the tags most content carries.
  std::vector<std::string> tags;
};

// "p00000" .. for n products; no tags (content tags are then left empty).
CatalogIds DemoPatternIds(int n);

// Reads a JSONL catalog from `path`. INVALID_ARGUMENT (naming the file and
// line) for a line that is not a JSON object with a string "id", or whose
// "tags" is neither absent, an object (tag -> weight) nor an array of
// strings; NOT_FOUND when the file cannot be opened; INVALID_ARGUMENT when
// it holds no product. Blank lines are skipped.
absl::StatusOr<CatalogIds> ReadCatalogIds(const std::string& path);
// The same for text already in memory; `source` names it in errors.
absl::StatusOr<CatalogIds> ParseCatalogIds(absl::string_view text,
                                           absl::string_view source);

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_CATALOG_IDS_H_
