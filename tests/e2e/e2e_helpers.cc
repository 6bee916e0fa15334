#include "tests/e2e/e2e_helpers.h"

#include <cstdlib>

#include "core/catalog/catalog_file.h"

namespace ranker::testing {

const std::vector<ProductSpec>& DemoCatalog() {
  static const auto* const catalog = [] {
    // One literal rather than std::string + "...": g++ 12 at -O2 reports a
    // false -Warray-bounds in the inlined operator+ (a known g++ 12 bug).
    auto specs =
        ReadCatalogFile(RANKER_SOURCE_DIR "/deploy/demo/catalog.jsonl");
    if (!specs.ok()) std::abort();
    return new std::vector<ProductSpec>(*std::move(specs));
  }();
  return *catalog;
}

const absl::flat_hash_map<std::string, ProductSpec>& DemoCatalogById() {
  static const auto* const by_id = [] {
    auto* map = new absl::flat_hash_map<std::string, ProductSpec>();
    for (const ProductSpec& spec : DemoCatalog()) map->emplace(spec.id, spec);
    return map;
  }();
  return *by_id;
}

bool HasTag(const ProductSpec& product, const std::string& tag) {
  for (const WeightedTagSpec& t : product.tags) {
    if (t.tag == tag) return true;
  }
  return false;
}

v1::RecommendProductsRequest FeedRequest(const std::string& user, int count,
                                         bool debug) {
  v1::RecommendProductsRequest request;
  request.set_user_id(user);
  request.set_scene(v1::SCENE_FEED);
  request.set_count(count);
  request.set_debug(debug);
  return request;
}

v1::Event MakeEvent(const std::string& user, const std::string& product,
                    v1::EventType type) {
  v1::Event event;
  event.set_user_id(user);
  event.set_product_id(product);
  event.set_type(type);
  return event;
}

v1::Product ToApiProduct(const ProductSpec& spec) {
  v1::Product product;
  product.set_product_id(spec.id);
  product.set_title(spec.title);
  for (const WeightedTagSpec& tag : spec.tags) {
    v1::WeightedTag* out = product.add_tags();
    out->set_tag(tag.tag);
    out->set_weight(tag.weight);
  }
  for (const std::string& level : spec.category_path) {
    product.add_category_path(level);
  }
  product.set_shop_id(spec.shop_id);
  product.set_price(spec.price);
  product.set_status(spec.status == ProductStatus::kActive
                         ? v1::PRODUCT_STATUS_ACTIVE
                     : spec.status == ProductStatus::kOutOfStock
                         ? v1::PRODUCT_STATUS_OUT_OF_STOCK
                         : v1::PRODUCT_STATUS_BANNED);
  for (ContentForm form : spec.content_forms) {
    product.add_content_forms(static_cast<v1::ContentForm>(form));
  }
  product.set_repurchase_cycle_days(spec.repurchase_cycle_days);
  product.set_campaign(spec.campaign);
  product.set_campaign_start_ms(spec.campaign_start_ms);
  product.set_campaign_end_ms(spec.campaign_end_ms);
  product.set_live_start_ms(spec.live_start_ms);
  product.set_live_end_ms(spec.live_end_ms);
  for (const std::string& creator : spec.creator_ids) {
    product.add_creator_ids(creator);
  }
  return product;
}

std::vector<std::string> ProductIds(
    const v1::RecommendProductsResponse& response) {
  std::vector<std::string> ids;
  for (const auto& item : response.items()) ids.push_back(item.product_id());
  return ids;
}

}  // namespace ranker::testing
