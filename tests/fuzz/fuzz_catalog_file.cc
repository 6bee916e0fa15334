// Bytes as a JSON Lines catalog -> ParseCatalogJsonl (the reader behind
// --catalog_file). Whatever it accepts is loaded into a fresh engine and
// ranked once, so a product that passes the reader's checks but breaks the
// catalog or the pipeline shows up here too.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/strings/string_view.h"
#include "core/catalog/catalog_file.h"
#include "core/engine.h"
#include "tests/fuzz/fuzz_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  auto products = ranker::ParseCatalogJsonl(text);
  if (!products.ok() || products->empty()) return 0;
  ranker::EngineOptions options;
  options.profile_shards = 1;
  options.clock = [] { return ranker::fuzz::kFuzzNow; };
  ranker::Engine engine(std::move(options));
  if (!engine.UpsertProducts(*products).ok()) return 0;
  ranker::RecommendRequest request;
  request.user_id = "u0";
  request.context_tags = {"tea"};
  (void)engine.Recommend(request);
  return 0;
}
