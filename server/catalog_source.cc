#include "server/catalog_source.h"

#include <algorithm>
#include <span>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/catalog/catalog_file.h"
#include "core/limits.h"
#include "server/demo_catalog.h"

namespace ranker {

absl::StatusOr<size_t> LoadInitialCatalog(const std::string& source,
                                          Engine& engine) {
  if (source == "none") return 0;
  absl::StatusOr<std::vector<ProductSpec>> specs =
      (source.empty() || source == "demo")
          ? ParseCatalogJsonl(DemoCatalogJsonl())
          : ReadCatalogFile(source);
  if (!specs.ok()) return specs.status();
  // Upsert in API-sized batches: the same path and limits as UpsertProducts.
  std::span<const ProductSpec> all(*specs);
  for (size_t begin = 0; begin < all.size();
       begin += limits::kMaxProductsPerCall) {
    const size_t size =
        std::min(limits::kMaxProductsPerCall, all.size() - begin);
    absl::StatusOr<UpsertResult> result =
        engine.UpsertProducts(all.subspan(begin, size));
    if (!result.ok()) {
      return absl::Status(
          result.status().code(),
          absl::StrCat("catalog ", source.empty() ? "demo" : source, ": ",
                       result.status().message()));
    }
  }
  return specs->size();
}

}  // namespace ranker
