// Shared pieces of the end-to-end tests: request builders and the demo
// catalog as the tests' ground truth.
#ifndef RANKER_TESTS_E2E_E2E_HELPERS_H_
#define RANKER_TESTS_E2E_E2E_HELPERS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/catalog/product.h"
#include "ranker/v1/ranker.grpc.pb.h"

namespace ranker::testing {

// The bundled demo catalog, parsed from deploy/demo/catalog.jsonl.
const std::vector<ProductSpec>& DemoCatalog();
const absl::flat_hash_map<std::string, ProductSpec>& DemoCatalogById();
bool HasTag(const ProductSpec& product, const std::string& tag);

v1::RecommendProductsRequest FeedRequest(const std::string& user, int count,
                                         bool debug = false);
v1::Event MakeEvent(const std::string& user, const std::string& product,
                    v1::EventType type);
// The API form of a catalog product.
v1::Product ToApiProduct(const ProductSpec& spec);

std::vector<std::string> ProductIds(
    const v1::RecommendProductsResponse& response);

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_E2E_HELPERS_H_
