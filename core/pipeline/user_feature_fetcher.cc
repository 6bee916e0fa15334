#include "core/pipeline/user_feature_fetcher.h"

#include "absl/strings/str_cat.h"

namespace ranker {

absl::Status UserFeatureFetcher::Fetch(RequestState& state) const {
  const RecommendRequest& request = state.request;
  state.profile = state.resources.profiles->View(request.user_id, state.now);
  state.long_term = SparseInterest(state.profile.long_term);
  state.instant = SparseInterest(state.profile.instant);

  for (const std::string& id : request.recent_product_ids) {
    if (auto product = state.catalog.Find(id)) {
      state.session_products.push_back(*product);
    }
  }
  if (state.session_products.empty()) {
    state.session_products = state.resources.sessions->SessionProducts(
        SessionKey(request.user_id, request.session_id));
    // Products newer than this snapshot cannot be ranked by it.
    std::erase_if(state.session_products, [&](ProductIdx product) {
      return product >= state.catalog.size();
    });
  }

  std::vector<TagWeight> context;
  for (const std::string& tag : request.context_tags) {
    if (auto id = state.resources.tags->Find(tag))
      context.push_back({*id, 1.0f});
  }
  float recency = 1.0f;
  for (auto it = request.recent_product_ids.rbegin();
       it != request.recent_product_ids.rend(); ++it) {
    std::optional<ProductIdx> product = state.catalog.Find(*it);
    if (!product.has_value()) continue;
    for (const TagWeight& tw : state.catalog.product(*product).tags) {
      context.push_back({tw.tag, tw.weight * recency});
    }
    recency *= kRecentProductDecay;
  }
  state.context = SparseInterest(context);

  for (const std::string& id : request.exclude_product_ids) {
    if (auto product = state.catalog.Find(id)) state.excluded.insert(*product);
  }
  if (request.scene == Scene::kStorefront && !request.shop_id.empty()) {
    state.storefront_shop = state.catalog.FindShop(request.shop_id);
    if (!state.storefront_shop.has_value()) {
      return absl::NotFoundError(absl::StrCat("context.shop_id: unknown shop '",
                                              request.shop_id, "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace ranker
