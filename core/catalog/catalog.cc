#include "core/catalog/catalog.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/limits.h"
#include "core/persist/state_encoding.h"
#include "core/validation.h"

namespace ranker {
namespace {

template <typename Idx>
Idx InternName(absl::flat_hash_map<std::string, Idx>& ids,
               const std::string& name) {
  auto [it, inserted] = ids.try_emplace(name, static_cast<Idx>(ids.size()));
  return it->second;
}

// Names by their dense index (the maps assign them in order: 0, 1, 2...).
template <typename Idx>
std::vector<absl::string_view> NamesByIndex(
    const absl::flat_hash_map<std::string, Idx>& ids) {
  std::vector<absl::string_view> names(ids.size());
  for (const auto& [name, idx] : ids) names[idx] = name;
  return names;
}

template <typename Idx>
void PutNames(persist::Encoder& out,
              const absl::flat_hash_map<std::string, Idx>& ids) {
  out.PutVarint(ids.size());
  for (absl::string_view name : NamesByIndex(ids)) out.PutString(name);
}

template <typename Idx>
absl::Status GetNames(persist::Decoder& in,
                      absl::flat_hash_map<std::string, Idx>& ids,
                      absl::string_view field) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, field));
  std::string name;
  for (size_t i = 0; i < count; ++i) {
    RANKER_RETURN_IF_ERROR(in.GetString(name, field));
    if (InternName(ids, name) != i) {
      return absl::DataLossError(
          absl::StrCat(field, ": duplicate '", name, "'"));
    }
  }
  return absl::OkStatus();
}

void PutProduct(persist::Encoder& out, const Product& product) {
  out.PutString(product.id);
  out.PutString(product.title);
  out.PutVarint(product.tags.size());
  for (const TagWeight& tag : product.tags) {
    out.PutVarint(tag.tag);
    out.PutFloat(tag.weight);
  }
  out.PutFloat(product.tag_norm);
  out.PutString(product.category);
  out.PutVarint(product.category_idx);
  out.PutString(product.shop_id);
  out.PutVarint(product.shop_idx);
  out.PutDouble(product.price);
  out.PutVarint(static_cast<uint64_t>(product.status));
  out.PutVarint(product.content_forms);
  out.PutSigned(product.repurchase_cycle_days);
  out.PutBool(product.campaign);
  out.PutSigned(product.campaign_window.start);
  out.PutSigned(product.campaign_window.end);
  out.PutSigned(product.live_window.start);
  out.PutSigned(product.live_window.end);
  out.PutVarint(product.creators.size());
  for (CreatorId creator : product.creators) out.PutVarint(creator);
}

// Ids are checked against what the snapshot defines, so that a damaged or
// foreign file cannot plant an index that a request would follow out of
// bounds.
struct IdBounds {
  size_t tags, creators, categories, shops;
};

absl::Status GetProduct(persist::Decoder& in, ProductIdx idx,
                        const IdBounds& bounds, Product& product) {
  product.idx = idx;
  RANKER_RETURN_IF_ERROR(in.GetString(product.id, "product id"));
  RANKER_RETURN_IF_ERROR(in.GetString(product.title, "product title"));
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "product tags"));
  product.tags.resize(count);
  for (TagWeight& tag : product.tags) {
    uint64_t id = 0;
    RANKER_RETURN_IF_ERROR(in.GetVarint(id, "tag id"));
    if (id >= bounds.tags) return absl::DataLossError("tag id out of range");
    tag.tag = static_cast<TagId>(id);
    RANKER_RETURN_IF_ERROR(in.GetFloat(tag.weight, "tag weight"));
  }
  RANKER_RETURN_IF_ERROR(in.GetFloat(product.tag_norm, "tag norm"));
  RANKER_RETURN_IF_ERROR(in.GetString(product.category, "category"));
  uint64_t raw = 0;
  RANKER_RETURN_IF_ERROR(in.GetVarint(raw, "category index"));
  if (raw >= bounds.categories) {
    return absl::DataLossError("category index out of range");
  }
  product.category_idx = static_cast<CategoryIdx>(raw);
  RANKER_RETURN_IF_ERROR(in.GetString(product.shop_id, "shop id"));
  RANKER_RETURN_IF_ERROR(in.GetVarint(raw, "shop index"));
  if (raw >= bounds.shops)
    return absl::DataLossError("shop index out of range");
  product.shop_idx = static_cast<ShopIdx>(raw);
  RANKER_RETURN_IF_ERROR(in.GetDouble(product.price, "price"));
  RANKER_RETURN_IF_ERROR(in.GetBounded(
      raw, static_cast<uint64_t>(ProductStatus::kBanned), "status"));
  product.status = static_cast<ProductStatus>(raw);
  RANKER_RETURN_IF_ERROR(
      in.GetBounded(raw, (1u << kContentFormCount) - 1, "content forms"));
  product.content_forms = static_cast<ContentFormMask>(raw);
  int64_t cycle = 0;
  RANKER_RETURN_IF_ERROR(in.GetSigned(cycle, "repurchase cycle"));
  product.repurchase_cycle_days = static_cast<int>(cycle);
  RANKER_RETURN_IF_ERROR(in.GetBool(product.campaign, "campaign"));
  RANKER_RETURN_IF_ERROR(
      in.GetSigned(product.campaign_window.start, "campaign start"));
  RANKER_RETURN_IF_ERROR(
      in.GetSigned(product.campaign_window.end, "campaign end"));
  RANKER_RETURN_IF_ERROR(in.GetSigned(product.live_window.start, "live start"));
  RANKER_RETURN_IF_ERROR(in.GetSigned(product.live_window.end, "live end"));
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "creators"));
  product.creators.resize(count);
  for (CreatorId& creator : product.creators) {
    RANKER_RETURN_IF_ERROR(in.GetVarint(raw, "creator id"));
    if (raw >= bounds.creators) {
      return absl::DataLossError("creator id out of range");
    }
    creator = static_cast<CreatorId>(raw);
  }
  return absl::OkStatus();
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
  std::vector<ProductIdx> changed;
  changed.reserve(specs.size());
  for (const ProductSpec& spec : specs) {
    std::optional<ProductIdx> existing = current->Find(spec.id);
    const ProductIdx idx = existing.has_value()
                               ? *existing
                               : static_cast<ProductIdx>(products.size());
    absl::StatusOr<std::shared_ptr<const Product>> product =
        BuildProduct(spec, idx, names);
    if (!product.ok()) return product.status();
    changed.push_back(idx);
    if (existing.has_value()) {
      products[idx] = *std::move(product);
      ++result.updated;
    } else {
      products.push_back(*std::move(product));
      ++result.inserted;
    }
  }
  snapshot_.store(std::make_shared<const CatalogSnapshot>(
                      *current, std::move(products), names.shops, changed),
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

void Catalog::SaveTo(const CatalogSnapshot& products,
                     const ShopGovernance& shops, persist::Encoder& out) const {
  creators_.SaveTo(out);
  PutNames(out, names_.shops);
  PutNames(out, names_.categories);
  out.PutVarint(products.size());
  for (const auto& product : products.products()) PutProduct(out, *product);
  const std::vector<ShopState>& states = shops.states();
  out.PutVarint(states.size());
  for (const ShopState& state : states) {
    out.PutVarint(static_cast<uint64_t>(state.status));
    out.PutDouble(state.quality);
    out.PutBool(state.governed);
  }
}

absl::Status Catalog::LoadFrom(persist::Decoder& in) {
  absl::MutexLock lock(&write_mu_);
  if (snapshot()->size() != 0 || !names_.shops.empty()) {
    return absl::FailedPreconditionError("loading into a non-empty catalog");
  }
  RANKER_RETURN_IF_ERROR(creators_.LoadFrom(in));
  NameIds names;
  RANKER_RETURN_IF_ERROR(GetNames(in, names.shops, "shop names"));
  RANKER_RETURN_IF_ERROR(GetNames(in, names.categories, "category names"));
  const IdBounds bounds{tags_->size(), creators_.size(),
                        names.categories.size(), names.shops.size()};
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "products"));
  CatalogSnapshot::ProductList products;
  products.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    auto product = std::make_shared<Product>();
    RANKER_RETURN_IF_ERROR(
        GetProduct(in, static_cast<ProductIdx>(i), bounds, *product));
    products.push_back(std::move(product));
  }
  RANKER_RETURN_IF_ERROR(in.GetCount(count, "shop states"));
  if (count > names.shops.size()) {
    return absl::DataLossError("more shop states than shops");
  }
  std::vector<ShopState> states(count);
  for (ShopState& state : states) {
    uint64_t status = 0;
    RANKER_RETURN_IF_ERROR(in.GetBounded(
        status, static_cast<uint64_t>(ShopStatus::kBanned), "shop status"));
    state.status = static_cast<ShopStatus>(status);
    RANKER_RETURN_IF_ERROR(in.GetDouble(state.quality, "shop quality"));
    RANKER_RETURN_IF_ERROR(in.GetBool(state.governed, "shop governed"));
  }
  snapshot_.store(
      std::make_shared<const CatalogSnapshot>(std::move(products), names.shops),
      std::memory_order_release);
  shops_.store(std::make_shared<const ShopGovernance>(std::move(states)),
               std::memory_order_release);
  names_ = std::move(names);
  return absl::OkStatus();
}

}  // namespace ranker
