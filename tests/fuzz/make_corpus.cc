// Writes the seed corpus of the fuzz targets: valid (and a few deliberately
// invalid) requests naming the fixture's ids (tests/fuzz/fuzz_engine.h), so
// that fuzzing starts from inputs that reach deep into the engine.
//
//   make_corpus <tests/fuzz/corpus>
//
// Files are named after what they hold; scripts/fuzz.sh --merge adds the
// inputs fuzzing found, named by their SHA-1.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/catalog/product.h"
#include "core/catalog/shop.h"
#include "core/event.h"
#include "core/persist/call_codec.h"
#include "core/persist/wal_record.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"
#include "ranker/v1/ranker.pb.h"
#include "tests/fuzz/fuzz_engine.h"
#include "tests/fuzz/wal_record_input.h"

namespace {

namespace v1 = ranker::v1;
using ranker::fuzz::kFuzzNow;

std::filesystem::path root;

// Deterministic, so that map fields (weight_overrides) come out in the same
// order every time and rerunning the generator changes no committed file.
std::string Serialize(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

void Write(const std::string& target, const std::string& name,
           const std::string& bytes) {
  const std::filesystem::path dir = root / target;
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) {
    std::fprintf(stderr, "cannot write %s/%s\n", dir.c_str(), name.c_str());
    std::exit(1);
  }
}

void Recommend(const std::string& name, const v1::RecommendProductsRequest& r) {
  Write("fuzz_recommend_request", name + ".pb", Serialize(r));
}

v1::RecommendProductsRequest Feed(const std::string& user) {
  v1::RecommendProductsRequest r;
  r.set_user_id(user);
  r.set_scene(v1::SCENE_FEED);
  r.set_count(10);
  return r;
}

void RecommendSeeds() {
  Recommend("feed_known_user", Feed("u0"));
  Recommend("feed_cold_start", Feed("new-user"));

  v1::RecommendProductsRequest session = Feed("u1");
  session.set_session_id("sess1");
  session.set_debug(true);
  session.mutable_context()->add_content_tags("tea");
  session.mutable_context()->add_content_tags("camping");
  session.mutable_context()->add_recent_product_ids("p3");
  session.mutable_context()->add_recent_product_ids("p4");
  session.add_exclude_product_ids("p0");
  Recommend("feed_session_context_debug", session);

  v1::RecommendProductsRequest slots = Feed("u2");
  slots.set_session_id("sess2");
  slots.set_content_slots(20);
  slots.set_count(200);
  Recommend("feed_content_slots_max_count", slots);

  v1::RecommendProductsRequest overrides = Feed("u3");
  (*overrides.mutable_weight_overrides())["long_term_match"] = 2.0;
  (*overrides.mutable_weight_overrides())["exploration_slots"] = 3;
  (*overrides.mutable_weight_overrides())["long_tail_share"] = 0.5;
  (*overrides.mutable_weight_overrides())["category_max_share"] = 0.3;
  (*overrides.mutable_weight_overrides())["neighbor_idf_exponent"] = 1.0;
  Recommend("feed_weight_overrides", overrides);

  for (const char* shop : {"s0", "s3", "unknown-shop"}) {
    v1::RecommendProductsRequest storefront = Feed("u0");
    storefront.set_scene(v1::SCENE_STOREFRONT);
    storefront.mutable_context()->set_shop_id(shop);
    Recommend(absl::StrCat("storefront_", shop), storefront);
  }

  v1::RecommendProductsRequest bad = Feed("");
  bad.set_count(-1);
  Recommend("invalid_empty_user_negative_count", bad);
}

// fuzz_log_event: the first byte picks the request type.
void Write(const std::string& name, char selector, const std::string& bytes) {
  Write("fuzz_log_event", name + ".bin", std::string(1, selector) + bytes);
}

v1::Event MakeEvent(const std::string& user, const std::string& product,
                    v1::EventType type) {
  v1::Event e;
  e.set_user_id(user);
  e.set_session_id("sess-" + user);
  e.set_product_id(product);
  e.set_type(type);
  e.set_timestamp_ms(kFuzzNow - 1000);
  return e;
}

void LogSeeds() {
  v1::LogEventRequest session;
  const v1::EventType types[] = {
      v1::EVENT_TYPE_IMPRESSION,    v1::EVENT_TYPE_CLICK,
      v1::EVENT_TYPE_DWELL,         v1::EVENT_TYPE_LIKE,
      v1::EVENT_TYPE_SHARE,         v1::EVENT_TYPE_FAVORITE,
      v1::EVENT_TYPE_ADD_TO_CART,   v1::EVENT_TYPE_PURCHASE,
      v1::EVENT_TYPE_NOT_INTERESTED};
  int i = 0;
  for (v1::EventType type : types) {
    v1::Event* e = session.add_events();
    *e = MakeEvent("u0", absl::StrCat("p", i++), type);
    if (type == v1::EVENT_TYPE_DWELL) e->set_dwell_ms(15000);
  }
  Write("log_every_event_type", 0, Serialize(session));

  v1::LogEventRequest content;
  v1::Event* e = content.add_events();
  *e = MakeEvent("new-user", "p1", v1::EVENT_TYPE_CLICK);
  e->set_content_form(v1::CONTENT_FORM_LIVE_STREAM);
  e->add_content_tags("tea");
  e->add_content_tags("new-tag");
  e->set_creator_id("c1");
  e->set_timestamp_ms(0);  // now
  Write("log_content_creator", 0, Serialize(content));

  v1::LogEventRequest unknown;
  *unknown.add_events() =
      MakeEvent("u1", "no-such-product", v1::EVENT_TYPE_CLICK);
  Write("log_unknown_product", 0, Serialize(unknown));

  v1::LogEventRequest future;
  *future.add_events() = MakeEvent("u2", "p2", v1::EVENT_TYPE_PURCHASE);
  future.mutable_events(0)->set_timestamp_ms(kFuzzNow + 3600 * 1000);
  Write("log_client_clock_ahead", 0, Serialize(future));

  v1::UpsertProductsRequest products;
  v1::Product* p = products.add_products();
  p->set_product_id("p-new");
  p->set_title("New kettle");
  v1::WeightedTag* tag = p->add_tags();
  tag->set_tag("kettle");
  tag->set_weight(1.0);
  tag = p->add_tags();
  tag->set_tag("new-tag");
  tag->set_weight(0.4);
  p->add_category_path("home");
  p->add_category_path("kitchen");
  p->set_shop_id("s-new");
  p->set_price(19.5);
  p->set_status(v1::PRODUCT_STATUS_ACTIVE);
  p->add_content_forms(v1::CONTENT_FORM_SHORT_VIDEO);
  p->add_content_forms(v1::CONTENT_FORM_LIVE_STREAM);
  p->set_live_start_ms(kFuzzNow - 60000);
  p->set_live_end_ms(kFuzzNow + 60000);
  p->set_campaign(true);
  p->set_campaign_start_ms(kFuzzNow - 60000);
  p->set_campaign_end_ms(kFuzzNow + 60000);
  p->set_repurchase_cycle_days(14);
  p->add_creator_ids("c9");
  v1::Product* update = products.add_products();
  update->set_product_id("p0");
  update->set_title("Product 0, now out of stock");
  update->set_shop_id("s0");
  update->set_status(v1::PRODUCT_STATUS_OUT_OF_STOCK);
  update->add_content_forms(v1::CONTENT_FORM_PRODUCT_CARD);
  Write("upsert_products_new_and_update", 1, Serialize(products));

  v1::UpsertShopsRequest shops;
  v1::Shop* shop = shops.add_shops();
  shop->set_shop_id("s0");
  shop->set_status(v1::SHOP_STATUS_BANNED);
  shop = shops.add_shops();
  shop->set_shop_id("s1");
  shop->set_status(v1::SHOP_STATUS_ACTIVE);
  shop->set_quality_score(0.7);
  Write("upsert_shops_ban_and_score", 2, Serialize(shops));
}

void CatalogSeeds() {
  const std::string product =
      R"({"id":"p1","title":"Cordless Neck Massager","category":["health",)"
      R"("massage"],"shop":"s4","price":46.5,"status":"active","tags":)"
      R"({"recovery":1.0,"office":0.6},"forms":["short_video","live_stream",)"
      R"("product_card"],"repurchase_days":0,"campaign":false,)"
      R"("creators":["c15","c40"]})";
  const std::string live =
      R"({"id":"p2","title":"Live kettle","category":["home"],"shop":"s1",)"
      R"("price":9,"tags":{"kettle":1},"forms":["live_stream"],)"
      R"("live_start_ms":1699999000000,"live_end_ms":1700001000000,)"
      R"("campaign":true,"campaign_start_ms":1699990000000,)"
      R"("campaign_end_ms":1700090000000,"repurchase_days":30})";
  Write("fuzz_catalog_file", "two_products.jsonl",
        "# demo\n" + product + "\n\n" + live + "\n");
  Write("fuzz_catalog_file", "out_of_stock.jsonl",
        R"({"id":"p3","title":"Gone","category":["a"],"shop":"s",)"
        R"("status":"out_of_stock","tags":{"t":0.5}})"
        "\n");
  Write("fuzz_catalog_file", "invalid_field_type.jsonl",
        R"({"id":"p4","title":7,"category":["a"],"shop":"s"})"
        "\n");
  Write("fuzz_catalog_file", "invalid_json.jsonl", "{\"id\":\"p5\",\n");
}

// fuzz_wal_record: payloads and records made by the real encoder and writer
// framing (tests/fuzz/wal_record_input.h describes the layout).
namespace persist = ranker::persist;

struct WalSeedRecord {
  persist::RecordKind kind;
  std::string payload;
};

std::vector<WalSeedRecord> WalSeedRecords() {
  std::vector<ranker::Event> events(3);
  const ranker::EventType types[] = {ranker::EventType::kClick,
                                     ranker::EventType::kDwell,
                                     ranker::EventType::kPurchase};
  for (int i = 0; i < 3; ++i) {
    events[i].user_id = absl::StrCat("u", i);
    events[i].session_id = absl::StrCat("sess", i);
    events[i].product_id = absl::StrCat("p", i + 1);
    events[i].type = types[i];
    events[i].timestamp_ms = i == 0 ? 0 : kFuzzNow - 1000 * i;  // 0: now
  }
  events[1].dwell_ms = 12000;
  events[2].content_form = ranker::ContentForm::kLiveStream;
  events[2].content_tags = {"tea", "new-tag"};
  events[2].creator_id = "c1";

  std::vector<ranker::ProductSpec> products(2);
  products[0].id = "p-new";
  products[0].title = "New kettle";
  products[0].tags = {{"kettle", 1.0}, {"new-tag", 0.4}};
  products[0].category_path = {"home", "kitchen"};
  products[0].shop_id = "s-new";
  products[0].price = 19.5;
  products[0].content_forms = {ranker::ContentForm::kShortVideo,
                               ranker::ContentForm::kLiveStream};
  products[0].live_start_ms = kFuzzNow - 60000;
  products[0].live_end_ms = kFuzzNow + 60000;
  products[0].campaign = true;
  products[0].campaign_start_ms = kFuzzNow - 60000;
  products[0].campaign_end_ms = kFuzzNow + 60000;
  products[0].repurchase_cycle_days = 14;
  products[0].creator_ids = {"c9"};
  products[1].id = "p0";
  products[1].title = "Product 0, now out of stock";
  products[1].shop_id = "s0";
  products[1].status = ranker::ProductStatus::kOutOfStock;
  products[1].content_forms = {ranker::ContentForm::kProductCard};

  std::vector<ranker::ShopSpec> shops(2);
  shops[0].id = "s0";
  shops[0].status = ranker::ShopStatus::kBanned;
  shops[1].id = "s1";
  shops[1].quality_score = 0.7;

  return {
      {persist::RecordKind::kUpsertProducts,
       persist::EncodeUpsertProducts(products)},
      {persist::RecordKind::kLogEvents,
       persist::EncodeLogEvents(kFuzzNow, events)},
      {persist::RecordKind::kUpsertShops, persist::EncodeUpsertShops(shops)},
  };
}

void WalWrite(const std::string& name, uint8_t mode, const std::string& rest) {
  Write("fuzz_wal_record", name + ".bin",
        std::string(1, static_cast<char>(mode)) + rest);
}

void WalRecordSeeds() {
  const std::vector<WalSeedRecord> records = WalSeedRecords();
  for (const WalSeedRecord& record : records) {
    WalWrite(absl::StrCat("payload_", persist::RecordKindName(record.kind)),
             ranker::fuzz::kWalModePayload,
             std::string(1, static_cast<char>(record.kind)) + record.payload);
  }
  WalWrite("payload_unknown_kind", ranker::fuzz::kWalModePayload,
           "\x09" + records[1].payload);

  std::string segment;
  uint64_t sequence = 1;
  for (const WalSeedRecord& record : records) {
    persist::AppendRecord(sequence++, record.kind, record.payload, segment);
  }
  WalWrite("segment_three_records", ranker::fuzz::kWalModeSegment, segment);
  WalWrite("segment_torn_tail", ranker::fuzz::kWalModeSegment,
           segment.substr(0, segment.size() - 5));

  // [damage + kWalDamageCount * split][at][chunks]
  std::string chunks;
  for (const WalSeedRecord& record : records) {
    ranker::fuzz::AppendFramedChunk(static_cast<uint8_t>(record.kind),
                                    record.payload, chunks);
  }
  const auto framed = [&](const std::string& name,
                          ranker::fuzz::WalDamage damage, int split,
                          uint8_t at) {
    std::string input;
    input.push_back(
        static_cast<char>(damage + ranker::fuzz::kWalDamageCount * split));
    input.push_back(static_cast<char>(at));
    WalWrite(name, ranker::fuzz::kWalModeFramed, input + chunks);
  };
  framed("framed_two_segments", ranker::fuzz::kWalDamageNone, 2, 0);
  framed("framed_torn_tail", ranker::fuzz::kWalDamageTornTail, 0, 40);
  framed("framed_flipped_byte", ranker::fuzz::kWalDamageFlipByte, 1, 31);
  framed("framed_sequence_gap", ranker::fuzz::kWalDamageSequenceGap, 0, 1);
  framed("framed_garbage_tail", ranker::fuzz::kWalDamageGarbageTail, 0, 0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus directory>\n", argv[0]);
    return 2;
  }
  root = argv[1];
  RecommendSeeds();
  LogSeeds();
  CatalogSeeds();
  WalRecordSeeds();
  return 0;
}
