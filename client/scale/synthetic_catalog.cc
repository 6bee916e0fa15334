#include "client/scale/synthetic_catalog.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/scale/seeded_random.h"

namespace ranker::scale {
namespace {

constexpr const char* kTopCategories[] = {
    "electronics", "home",    "kitchen", "beauty",  "fashion", "shoes",
    "bags",        "jewelry", "sports",  "outdoor", "travel",  "toys",
    "baby",        "pets",    "food",    "drinks",  "health",  "books",
    "gaming",      "office",  "garden",  "tools",   "auto",    "crafts"};
constexpr int kTopCount = std::size(kTopCategories);
// Consumables: bought again on a cycle (repurchase_cycle_days).
constexpr bool kConsumable[kTopCount] = {
    false, false, false, true,  false, false, false, false,
    false, false, false, false, true,  true,  true,  true,
    true,  false, false, true,  true,  false, false, false};
constexpr int kRepurchaseDays[] = {7, 14, 30, 60, 90};

constexpr const char* kStyles[] = {
    "classic", "modern",  "minimalist", "vintage", "sporty", "cute",
    "luxury",  "rustic",  "boho",       "retro",   "street", "elegant",
    "outdoor", "playful", "industrial", "natural"};
constexpr const char* kAudiences[] = {
    "student",   "parent",      "office-worker", "home-cook", "gamer",
    "traveller", "athlete",     "pet-owner",     "gardener",  "teen",
    "senior",    "new-parent",  "remote-worker", "outdoorsy", "beauty-lover",
    "collector", "diy-maker",   "commuter",      "foodie",    "music-lover",
    "reader",    "fashionista", "driver",        "crafter"};
constexpr const char* kAdjectives[] = {
    "Compact", "Deluxe", "Everyday", "Foldable", "Portable", "Premium",
    "Classic", "Smart",  "Ultra",    "Mini",     "Pro",      "Eco"};
constexpr const char* kMaterials[] = {
    "Bamboo", "Steel", "Cotton", "Silicone", "Leather", "Ceramic",
    "Glass",  "Wool",  "Oak",    "Nylon",    "Linen",   "Aluminium"};

// Topic tags in a leaf's pool; a product takes 2 to 6 of them.
constexpr size_t kTopicsPerLeaf = 64;
constexpr int kLivePerMille = 5;
constexpr int kCampaignPercent = 5;
constexpr int kCreatorPercent = 50;

int Scaled(int configured, int products, int per, int minimum) {
  return configured > 0 ? configured : std::max(minimum, products / per);
}

std::string PriceBand(double price) {
  if (price < 20) return "price:low";
  if (price < 60) return "price:mid";
  if (price < 150) return "price:high";
  return "price:premium";
}

double TwoDecimals(double x) { return std::round(x * 100.0) / 100.0; }

}  // namespace

SyntheticCatalog::SyntheticCatalog(const SyntheticCatalogOptions& options)
    : options_(options),
      id_digits_(std::max(
          7, static_cast<int>(
                 std::to_string(std::max(options.products, 1) - 1).size()))),
      leaf_sampler_(Scaled(options.leaf_categories, options.products, 2500, 48),
                    0.6),
      topic_sampler_(kTopicsPerLeaf, 1.0),
      shop_sampler_(Scaled(options.shops, options.products, 50, 100), 0.8) {
  options_.leaf_categories = static_cast<int>(leaf_sampler_.size());
  options_.topic_tags = Scaled(options.topic_tags, options.products, 50, 2000);
  options_.shops = static_cast<int>(shop_sampler_.size());
  options_.creators = Scaled(options.creators, options.products, 200, 40);
}

std::string SyntheticCatalog::ProductId(int index) const {
  return absl::StrFormat("p%0*d", id_digits_, index);
}

int SyntheticCatalog::LeafCategoryOf(int index) const {
  SeededRandom random(options_.seed, 1, index);
  return static_cast<int>(leaf_sampler_(random));
}

int SyntheticCatalog::TopicOfLeaf(int leaf, size_t rank) const {
  // A Zipf draw over the whole vocabulary, fixed per (leaf, rank): popular
  // topics sit in many leaves' pools (interests that cut across the
  // category tree), rare ones in few (niches).
  SeededRandom random(options_.seed, 2, leaf * kTopicsPerLeaf + rank);
  const double u = std::uniform_real_distribution<double>(0, 1)(random);
  // Inverse of a continuous Zipf(1) over [1, n]: n^u - 1, cheap and close
  // enough, where a sampler over a million-tag vocabulary would need a
  // table per catalog.
  const double n = options_.topic_tags;
  return std::min(options_.topic_tags - 1,
                  static_cast<int>(std::pow(n, u)) - 1);
}

ProductSpec SyntheticCatalog::Product(int index) const {
  const int leaf = LeafCategoryOf(index);
  const int top = leaf % kTopCount;
  const int sub = leaf / kTopCount;
  SeededRandom random(options_.seed, 3, index);
  auto uniform = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(random);
  };
  auto unit = [&] {
    return std::uniform_real_distribution<double>(0, 1)(random);
  };

  ProductSpec spec;
  spec.id = ProductId(index);
  spec.category_path = {kTopCategories[top],
                        absl::StrFormat("%s-%03d", kTopCategories[top], sub)};
  const std::string kind =
      absl::StrFormat("kind:%s-%03d", kTopCategories[top], sub);
  std::string top_name = kTopCategories[top];
  top_name[0] = static_cast<char>(top_name[0] - 'a' + 'A');
  spec.title =
      absl::StrFormat("%s %s %s Item %d-%04d",
                      kAdjectives[uniform(0, std::size(kAdjectives) - 1)],
                      kMaterials[uniform(0, std::size(kMaterials) - 1)],
                      top_name, sub, uniform(0, 9999));
  spec.shop_id = absl::StrFormat("s%05d", shop_sampler_(random));
  // Log-normal prices around a category's own level.
  const double level = 10.0 + 12.0 * (leaf % 7);
  spec.price = std::max(
      0.99, TwoDecimals(level *
                        std::exp(0.6 * std::normal_distribution<>()(random))));

  spec.tags.push_back({kind, 1.0});
  const int topics = uniform(2, 6);
  for (int t = 0; t < topics; ++t) {
    const std::string tag = absl::StrFormat(
        "topic-%06d", TopicOfLeaf(leaf, topic_sampler_(random)));
    if (std::none_of(spec.tags.begin(), spec.tags.end(),
                     [&](const WeightedTagSpec& w) { return w.tag == tag; })) {
      spec.tags.push_back({tag, TwoDecimals(0.95 - 0.12 * t - 0.05 * unit())});
    }
  }
  spec.tags.push_back(
      {absl::StrCat("style:", kStyles[uniform(0, std::size(kStyles) - 1)]),
       TwoDecimals(0.4 + 0.2 * unit())});
  spec.tags.push_back(
      {absl::StrCat("audience:",
                    kAudiences[uniform(0, std::size(kAudiences) - 1)]),
       TwoDecimals(0.4 + 0.2 * unit())});
  spec.tags.push_back({PriceBand(spec.price), 0.4});

  const int status = uniform(0, 999);
  spec.status = status < 5    ? ProductStatus::kBanned
                : status < 25 ? ProductStatus::kOutOfStock
                              : ProductStatus::kActive;
  // In the catalog file's order; every product has a product card.
  if (unit() < 0.7) spec.content_forms.push_back(ContentForm::kShortVideo);
  if (unit() < 0.3) spec.content_forms.push_back(ContentForm::kLiveStream);
  spec.content_forms.push_back(ContentForm::kProductCard);
  if (kConsumable[top]) {
    spec.repurchase_cycle_days =
        kRepurchaseDays[uniform(0, std::size(kRepurchaseDays) - 1)];
  }
  spec.campaign = spec.status == ProductStatus::kActive &&
                  uniform(0, 99) < kCampaignPercent;
  if (options_.now_ms > 0 && uniform(0, 999) < kLivePerMille) {
    spec.live_start_ms = options_.now_ms - 3600 * 1000;
    spec.live_end_ms = options_.now_ms + 24 * 3600 * 1000;
  }
  if (uniform(0, 99) < kCreatorPercent) {
    // Creators cover a few neighbouring leaves, so a creator's products are
    // related.
    const int base = (leaf * 7) % options_.creators;
    const int n = uniform(1, 2);
    for (int c = 0; c < n; ++c) {
      spec.creator_ids.push_back(
          absl::StrFormat("c%05d", (base + uniform(0, 3)) % options_.creators));
    }
    std::sort(spec.creator_ids.begin(), spec.creator_ids.end());
    spec.creator_ids.erase(
        std::unique(spec.creator_ids.begin(), spec.creator_ids.end()),
        spec.creator_ids.end());
  }
  return spec;
}

const std::vector<std::vector<int>>& SyntheticCatalog::ProductsByLeaf() const {
  absl::call_once(by_leaf_once_, [&] {
    by_leaf_.resize(options_.leaf_categories);
    for (int i = 0; i < options_.products; ++i) {
      by_leaf_[LeafCategoryOf(i)].push_back(i);
    }
  });
  return by_leaf_;
}

}  // namespace ranker::scale
