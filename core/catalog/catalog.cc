#include "core/catalog/catalog.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/limits.h"
#include "core/validation.h"

namespace ranker {
namespace {

template <typename Idx>
Idx InternName(absl::flat_hash_map<std::string, Idx>& ids,
               const std::string& name) {
  auto [it, inserted] = ids.try_emplace(name, static_cast<Idx>(ids.size()));
  return it->second;
}

}  // namespace

Catalog::Catalog(TagDictionary* tags)
    : tags_(tags),
      snapshot_(std::make_shared<const CatalogSnapshot>()),
      shops_(std::make_shared<const ShopGovernance>()) {}

absl::StatusOr<std::shared_ptr<const Product>> Catalog::BuildProduct(
    const ProductSpec& spec, ProductIdx idx, NameIds& names) {
  auto product = std::make_shared<Product>();
  product->idx = idx;
  product->id = spec.id;
  product->title = spec.title;
  double norm_sq = 0.0;
  for (const WeightedTagSpec& tag : spec.tags) {
    std::optional<TagId> id = tags_->Intern(tag.tag);
    if (!id.has_value()) {
      return absl::ResourceExhaustedError("tag dictionary is full");
    }
    product->tags.push_back({*id, static_cast<float>(tag.weight)});
    norm_sq += tag.weight * tag.weight;
  }
  std::sort(
      product->tags.begin(), product->tags.end(),
      [](const TagWeight& a, const TagWeight& b) { return a.tag < b.tag; });
  product->tag_norm = static_cast<float>(std::sqrt(norm_sq));
  product->category = absl::StrJoin(spec.category_path, "/");
  product->category_idx = InternName(names.categories, product->category);
  product->shop_id = spec.shop_id;
  product->shop_idx = InternName(names.shops, spec.shop_id);
  product->price = spec.price;
  product->status = spec.status;
  for (ContentForm form : spec.content_forms) {
    product->content_forms |= FormBit(form);
  }
  product->repurchase_cycle_days = spec.repurchase_cycle_days;
  product->campaign = spec.campaign;
  product->campaign_window = {spec.campaign_start_ms, spec.campaign_end_ms};
  product->live_window = {spec.live_start_ms, spec.live_end_ms};
  for (const std::string& creator : spec.creator_ids) {
    std::optional<CreatorId> id = creators_.Intern(creator);
    if (!id.has_value()) {
      return absl::ResourceExhaustedError("creator dictionary is full");
    }
    product->creators.push_back(*id);
  }
  std::sort(product->creators.begin(), product->creators.end());
  return product;
}

absl::StatusOr<UpsertResult> Catalog::Upsert(
    std::span<const ProductSpec> specs) {
  if (auto s = ValidateUpsert(specs); !s.ok()) return s;
  return ApplyUpsert(specs);
}

absl::Status Catalog::ValidateUpsert(std::span<const ProductSpec> specs) const {
  if (specs.empty()) return FieldError("products", "must not be empty");
  if (auto s =
          CheckMaxItems(specs.size(), "products", limits::kMaxProductsPerCall);
      !s.ok()) {
    return s;
  }
  absl::flat_hash_set<absl::string_view> ids_in_call;
  for (size_t i = 0; i < specs.size(); ++i) {
    const std::string prefix = absl::StrCat("products[", i, "].");
    if (auto s = ValidateProductSpec(specs[i], prefix); !s.ok()) return s;
    if (!ids_in_call.insert(specs[i].id).second) {
      return FieldError(
          prefix + "product_id",
          absl::StrCat("duplicate id '", specs[i].id, "' in the same call"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<UpsertResult> Catalog::ApplyUpsert(
    std::span<const ProductSpec> specs) {
  absl::MutexLock lock(&write_mu_);
  std::shared_ptr<const CatalogSnapshot> current = snapshot();
  CatalogSnapshot::ProductList products = current->products();
  NameIds names = names_;
  UpsertResult result;
  for (const ProductSpec& spec : specs) {
    std::optional<ProductIdx> existing = current->Find(spec.id);
    const ProductIdx idx = existing.has_value()
                               ? *existing
                               : static_cast<ProductIdx>(products.size());
    absl::StatusOr<std::shared_ptr<const Product>> product =
        BuildProduct(spec, idx, names);
    if (!product.ok()) return product.status();
    if (existing.has_value()) {
      products[idx] = *std::move(product);
      ++result.updated;
    } else {
      products.push_back(*std::move(product));
      ++result.inserted;
    }
  }
  snapshot_.store(
      std::make_shared<const CatalogSnapshot>(std::move(products), names.shops),
      std::memory_order_release);
  names_ = std::move(names);
  return result;
}

absl::StatusOr<UpsertResult> Catalog::UpsertShops(
    std::span<const ShopSpec> specs) {
  if (auto s = ValidateUpsertShops(specs); !s.ok()) return s;
  return ApplyUpsertShops(specs);
}

absl::Status Catalog::ValidateUpsertShops(
    std::span<const ShopSpec> specs) const {
  if (specs.empty()) return FieldError("shops", "must not be empty");
  if (auto s = CheckMaxItems(specs.size(), "shops", limits::kMaxShopsPerCall);
      !s.ok()) {
    return s;
  }
  absl::flat_hash_set<absl::string_view> ids_in_call;
  for (size_t i = 0; i < specs.size(); ++i) {
    const std::string prefix = absl::StrCat("shops[", i, "].");
    if (auto s = ValidateShopSpec(specs[i], prefix); !s.ok()) return s;
    if (!ids_in_call.insert(specs[i].id).second) {
      return FieldError(
          prefix + "shop_id",
          absl::StrCat("duplicate id '", specs[i].id, "' in the same call"));
    }
  }
  return absl::OkStatus();
}

UpsertResult Catalog::ApplyUpsertShops(std::span<const ShopSpec> specs) {
  // Nothing below can fail, so interning straight into names_ keeps the call
  // all or nothing.
  absl::MutexLock lock(&write_mu_);
  std::vector<ShopState> states = shops()->states();
  UpsertResult result;
  for (const ShopSpec& spec : specs) {
    const ShopIdx idx = InternName(names_.shops, spec.id);
    if (idx >= states.size()) states.resize(idx + 1);
    ShopState& state = states[idx];
    ++(state.governed ? result.updated : result.inserted);
    state.governed = true;
    state.status = spec.status;
    if (spec.quality_score.has_value()) state.quality = *spec.quality_score;
  }
  shops_.store(std::make_shared<const ShopGovernance>(std::move(states)),
               std::memory_order_release);
  return result;
}

}  // namespace ranker
