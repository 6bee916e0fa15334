// Helpers shared by the core unit tests: concise product specs and a small
// catalog with its tag dictionary.
#ifndef RANKER_TESTS_UNIT_TEST_UTIL_H_
#define RANKER_TESTS_UNIT_TEST_UTIL_H_

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/catalog/catalog.h"
#include "core/catalog/catalog_snapshot.h"
#include "core/catalog/product.h"
#include "core/catalog/tag_dictionary.h"
#include "core/types.h"
#include "gtest/gtest.h"

namespace ranker::test {

// A valid product spec: id, tags, a category path, a shop.
inline ProductSpec Spec(std::string id, std::vector<WeightedTagSpec> tags,
                        std::vector<std::string> category = {"misc"},
                        std::string shop = "shop",
                        ProductStatus status = ProductStatus::kActive) {
  ProductSpec spec;
  spec.id = std::move(id);
  spec.title = "Title of " + spec.id;
  spec.tags = std::move(tags);
  spec.category_path = std::move(category);
  spec.shop_id = std::move(shop);
  spec.price = 10.0;
  spec.status = status;
  spec.content_forms = {ContentForm::kShortVideo};
  return spec;
}

// A tag dictionary and a catalog over it.
struct TestCatalog {
  TagDictionary tags;
  Catalog catalog{&tags};

  // Upserts `specs`, failing the test on error; returns the new snapshot.
  std::shared_ptr<const CatalogSnapshot> Add(std::vector<ProductSpec> specs) {
    absl::StatusOr<UpsertResult> result = catalog.Upsert(specs);
    EXPECT_TRUE(result.ok()) << result.status();
    return catalog.snapshot();
  }
  TagId Tag(const std::string& name) {
    std::optional<TagId> id = tags.Find(name);
    EXPECT_TRUE(id.has_value()) << name;
    return id.value_or(0);
  }
  ProductIdx Idx(const std::string& id) {
    std::optional<ProductIdx> idx = catalog.snapshot()->Find(id);
    EXPECT_TRUE(idx.has_value()) << id;
    return idx.value_or(0);
  }
};

}  // namespace ranker::test

#endif  // RANKER_TESTS_UNIT_TEST_UTIL_H_
