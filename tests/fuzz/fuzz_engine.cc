#include "tests/fuzz/fuzz_engine.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/stubs/logging.h"

namespace ranker::fuzz {
namespace {

void CheckOk(const absl::Status& status, const char* what) {
  if (status.ok()) return;
  std::fprintf(stderr, "fuzz fixture: %s failed: %s\n", what,
               status.ToString().c_str());
  std::abort();
}

std::vector<ProductSpec> FixtureProducts() {
  const char* const kTags[] = {"tea",     "kettle", "coffee",     "outdoor",
                               "camping", "travel", "style:cute", "price:low"};
  std::vector<ProductSpec> products;
  for (int i = 0; i < 12; ++i) {
    ProductSpec p;
    p.id = absl::StrCat("p", i);
    p.title = absl::StrCat("Product ", i);
    p.tags = {{kTags[i % 8], 1.0}, {kTags[(i + 3) % 8], 0.5}};
    if (i % 3 == 0) p.tags.push_back({kTags[(i + 5) % 8], 0.25});
    p.category_path = {i < 6 ? "home" : "outdoor", absl::StrCat("c", i % 3)};
    p.shop_id = absl::StrCat("s", i % 4);
    p.price = 5.0 + 10.0 * i;
    p.content_forms = {ContentForm::kProductCard};
    if (i % 2 == 0) p.content_forms.push_back(ContentForm::kShortVideo);
    if (i % 4 == 1) {
      p.content_forms.push_back(ContentForm::kLiveStream);
      p.live_start_ms = kFuzzNow - kMsPerMinute * 30;
      p.live_end_ms = kFuzzNow + kMsPerMinute * 30;
    }
    if (i % 5 == 0) {
      p.campaign = true;
      p.campaign_start_ms = kFuzzNow - kMsPerDay;
      p.campaign_end_ms = kFuzzNow + kMsPerDay;
    }
    if (i == 7) p.campaign = true;  // open-ended campaign
    if (i % 3 == 1) p.repurchase_cycle_days = 30;
    p.creator_ids = {absl::StrCat("c", i % 4)};
    if (i == 10) p.status = ProductStatus::kOutOfStock;
    if (i == 11) p.status = ProductStatus::kBanned;
    products.push_back(std::move(p));
  }
  return products;
}

std::vector<Event> FixtureEvents() {
  const EventType kTypes[] = {
      EventType::kImpression, EventType::kClick,    EventType::kDwell,
      EventType::kLike,       EventType::kShare,    EventType::kFavorite,
      EventType::kAddToCart,  EventType::kPurchase, EventType::kNotInterested};
  std::vector<Event> events;
  for (int i = 0; i < 40; ++i) {
    Event e;
    e.user_id = absl::StrCat("u", i % 4);
    e.session_id = absl::StrCat("sess", i % 4);
    e.product_id = absl::StrCat("p", (i * 7) % 11);
    e.type = kTypes[i % 9];
    e.timestamp_ms = kFuzzNow - kMsPerMinute * (40 - i);
    if (e.type == EventType::kDwell) e.dwell_ms = 1000 * (i + 1);
    e.content_form = static_cast<ContentForm>(i % kContentFormCount);
    if (i % 2 == 0) e.content_tags = {"tea", "cozy"};
    if (i % 3 == 0) e.creator_id = absl::StrCat("c", i % 4);
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace

std::unique_ptr<Engine> MakeFuzzCatalogEngine() {
  EngineOptions options;
  options.profile_shards = 4;
  options.clock = [] { return kFuzzNow; };
  auto engine = std::make_unique<Engine>(std::move(options));
  CheckOk(engine->UpsertProducts(FixtureProducts()).status(), "products");
  std::vector<ShopSpec> shops(2);
  shops[0].id = "s2";
  shops[0].quality_score = 0.2;
  shops[1].id = "s3";
  shops[1].status = ShopStatus::kBanned;
  CheckOk(engine->UpsertShops(shops).status(), "shops");
  return engine;
}

std::unique_ptr<Engine> MakeFuzzEngine() {
  std::unique_ptr<Engine> engine = MakeFuzzCatalogEngine();
  CheckOk(engine->Log(FixtureEvents()), "events");
  return engine;
}

bool SilenceProtobufLogs() {
  google::protobuf::SetLogHandler(nullptr);
  return true;
}

}  // namespace ranker::fuzz
