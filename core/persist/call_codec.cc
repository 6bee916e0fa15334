#include "core/persist/call_codec.h"

#include "absl/strings/str_cat.h"
#include "core/persist/encoding.h"

namespace ranker::persist {
namespace {

// Bumped when a payload's layout changes; a reader refuses versions it does
// not know rather than guessing.
constexpr uint64_t kPayloadVersion = 1;

#define RANKER_RETURN_IF_ERROR(expr)   \
  do {                                 \
    absl::Status status_ = (expr);     \
    if (!status_.ok()) return status_; \
  } while (false)

absl::Status GetVersion(Decoder& in) {
  uint64_t version = 0;
  RANKER_RETURN_IF_ERROR(in.GetVarint(version, "version"));
  if (version != kPayloadVersion) {
    return absl::DataLossError(
        absl::StrCat("version: unknown payload version ", version));
  }
  return absl::OkStatus();
}

template <typename Enum>
absl::Status GetEnum(Decoder& in, Enum& value, int count,
                     absl::string_view field) {
  uint64_t raw = 0;
  RANKER_RETURN_IF_ERROR(in.GetBounded(raw, count - 1, field));
  value = static_cast<Enum>(raw);
  return absl::OkStatus();
}

absl::Status GetStrings(Decoder& in, std::vector<std::string>& values,
                        absl::string_view field) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, field));
  // Grown one decoded element at a time (never resized to a count read
  // from the bytes), so damage cannot make us allocate more than the
  // payload's size in elements.
  values.clear();
  for (size_t i = 0; i < count; ++i) {
    RANKER_RETURN_IF_ERROR(in.GetString(values.emplace_back(), field));
  }
  return absl::OkStatus();
}

void PutStrings(Encoder& out, const std::vector<std::string>& values) {
  out.PutVarint(values.size());
  for (const std::string& value : values) out.PutString(value);
}

void PutEvent(Encoder& out, const Event& event) {
  out.PutString(event.user_id);
  out.PutString(event.session_id);
  out.PutString(event.product_id);
  out.PutVarint(static_cast<uint64_t>(event.type));
  out.PutSigned(event.timestamp_ms);
  out.PutSigned(event.dwell_ms);
  out.PutVarint(static_cast<uint64_t>(event.content_form));
  PutStrings(out, event.content_tags);
  out.PutString(event.creator_id);
}

absl::Status GetEvent(Decoder& in, Event& event) {
  RANKER_RETURN_IF_ERROR(in.GetString(event.user_id, "user_id"));
  RANKER_RETURN_IF_ERROR(in.GetString(event.session_id, "session_id"));
  RANKER_RETURN_IF_ERROR(in.GetString(event.product_id, "product_id"));
  RANKER_RETURN_IF_ERROR(GetEnum(in, event.type, kEventTypeCount, "type"));
  RANKER_RETURN_IF_ERROR(in.GetSigned(event.timestamp_ms, "timestamp_ms"));
  RANKER_RETURN_IF_ERROR(in.GetSigned(event.dwell_ms, "dwell_ms"));
  RANKER_RETURN_IF_ERROR(
      GetEnum(in, event.content_form, kContentFormCount, "content_form"));
  RANKER_RETURN_IF_ERROR(GetStrings(in, event.content_tags, "content_tags"));
  return in.GetString(event.creator_id, "creator_id");
}

constexpr int kProductStatusCount = 3;
constexpr int kShopStatusCount = 2;

void PutProduct(Encoder& out, const ProductSpec& spec) {
  out.PutString(spec.id);
  out.PutString(spec.title);
  out.PutVarint(spec.tags.size());
  for (const WeightedTagSpec& tag : spec.tags) {
    out.PutString(tag.tag);
    out.PutDouble(tag.weight);
  }
  PutStrings(out, spec.category_path);
  out.PutString(spec.shop_id);
  out.PutDouble(spec.price);
  out.PutVarint(static_cast<uint64_t>(spec.status));
  out.PutVarint(spec.content_forms.size());
  for (ContentForm form : spec.content_forms) {
    out.PutVarint(static_cast<uint64_t>(form));
  }
  out.PutSigned(spec.repurchase_cycle_days);
  out.PutBool(spec.campaign);
  out.PutSigned(spec.campaign_start_ms);
  out.PutSigned(spec.campaign_end_ms);
  out.PutSigned(spec.live_start_ms);
  out.PutSigned(spec.live_end_ms);
  PutStrings(out, spec.creator_ids);
}

absl::Status GetProduct(Decoder& in, ProductSpec& spec) {
  RANKER_RETURN_IF_ERROR(in.GetString(spec.id, "product_id"));
  RANKER_RETURN_IF_ERROR(in.GetString(spec.title, "title"));
  size_t tags = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(tags, "tags"));
  spec.tags.clear();
  for (size_t i = 0; i < tags; ++i) {
    WeightedTagSpec& tag = spec.tags.emplace_back();
    RANKER_RETURN_IF_ERROR(in.GetString(tag.tag, "tags.tag"));
    RANKER_RETURN_IF_ERROR(in.GetDouble(tag.weight, "tags.weight"));
  }
  RANKER_RETURN_IF_ERROR(GetStrings(in, spec.category_path, "category_path"));
  RANKER_RETURN_IF_ERROR(in.GetString(spec.shop_id, "shop_id"));
  RANKER_RETURN_IF_ERROR(in.GetDouble(spec.price, "price"));
  RANKER_RETURN_IF_ERROR(
      GetEnum(in, spec.status, kProductStatusCount, "status"));
  size_t forms = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(forms, "content_forms"));
  spec.content_forms.clear();
  for (size_t i = 0; i < forms; ++i) {
    RANKER_RETURN_IF_ERROR(GetEnum(in, spec.content_forms.emplace_back(),
                                   kContentFormCount, "content_forms"));
  }
  int64_t cycle = 0;
  RANKER_RETURN_IF_ERROR(in.GetSigned(cycle, "repurchase_cycle_days"));
  if (cycle < INT32_MIN || cycle > INT32_MAX) {
    return absl::DataLossError("repurchase_cycle_days: out of int range");
  }
  spec.repurchase_cycle_days = static_cast<int>(cycle);
  RANKER_RETURN_IF_ERROR(in.GetBool(spec.campaign, "campaign"));
  RANKER_RETURN_IF_ERROR(
      in.GetSigned(spec.campaign_start_ms, "campaign_start_ms"));
  RANKER_RETURN_IF_ERROR(in.GetSigned(spec.campaign_end_ms, "campaign_end_ms"));
  RANKER_RETURN_IF_ERROR(in.GetSigned(spec.live_start_ms, "live_start_ms"));
  RANKER_RETURN_IF_ERROR(in.GetSigned(spec.live_end_ms, "live_end_ms"));
  return GetStrings(in, spec.creator_ids, "creator_ids");
}

void PutShop(Encoder& out, const ShopSpec& spec) {
  out.PutString(spec.id);
  out.PutVarint(static_cast<uint64_t>(spec.status));
  out.PutBool(spec.quality_score.has_value());
  if (spec.quality_score.has_value()) out.PutDouble(*spec.quality_score);
}

absl::Status GetShop(Decoder& in, ShopSpec& spec) {
  RANKER_RETURN_IF_ERROR(in.GetString(spec.id, "shop_id"));
  RANKER_RETURN_IF_ERROR(GetEnum(in, spec.status, kShopStatusCount, "status"));
  bool has_quality = false;
  RANKER_RETURN_IF_ERROR(in.GetBool(has_quality, "quality_score"));
  if (!has_quality) {
    spec.quality_score.reset();
    return absl::OkStatus();
  }
  double quality = 0.0;
  RANKER_RETURN_IF_ERROR(in.GetDouble(quality, "quality_score"));
  spec.quality_score = quality;
  return absl::OkStatus();
}

// Decodes "version, count, count x item" and checks nothing trails it.
template <typename Item, typename GetItem>
absl::Status GetItems(Decoder& in, std::vector<Item>& items,
                      absl::string_view field, GetItem get_item) {
  size_t count = 0;
  RANKER_RETURN_IF_ERROR(in.GetCount(count, field));
  items.clear();
  for (size_t i = 0; i < count; ++i) {
    if (absl::Status s = get_item(in, items.emplace_back()); !s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat(field, "[", i, "].", s.message()));
    }
  }
  return in.ExpectEnd();
}

}  // namespace

absl::string_view RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kLogEvents:
      return "LogEvents";
    case RecordKind::kUpsertProducts:
      return "UpsertProducts";
    case RecordKind::kUpsertShops:
      return "UpsertShops";
  }
  return "unknown";
}

bool IsKnownRecordKind(uint8_t kind) { return kind >= 1 && kind <= 3; }

std::string EncodeLogEvents(TimeMs now, std::span<const Event> events) {
  Encoder out;
  out.PutVarint(kPayloadVersion);
  out.PutSigned(now);
  out.PutVarint(events.size());
  for (const Event& event : events) PutEvent(out, event);
  return out.Take();
}

std::string EncodeUpsertProducts(std::span<const ProductSpec> products) {
  Encoder out;
  out.PutVarint(kPayloadVersion);
  out.PutVarint(products.size());
  for (const ProductSpec& spec : products) PutProduct(out, spec);
  return out.Take();
}

std::string EncodeUpsertShops(std::span<const ShopSpec> shops) {
  Encoder out;
  out.PutVarint(kPayloadVersion);
  out.PutVarint(shops.size());
  for (const ShopSpec& spec : shops) PutShop(out, spec);
  return out.Take();
}

absl::StatusOr<LogEventsCall> DecodeLogEvents(absl::string_view payload) {
  Decoder in(payload);
  LogEventsCall call;
  RANKER_RETURN_IF_ERROR(GetVersion(in));
  RANKER_RETURN_IF_ERROR(in.GetSigned(call.now, "now"));
  RANKER_RETURN_IF_ERROR(GetItems(in, call.events, "events", GetEvent));
  return call;
}

absl::StatusOr<std::vector<ProductSpec>> DecodeUpsertProducts(
    absl::string_view payload) {
  Decoder in(payload);
  std::vector<ProductSpec> products;
  RANKER_RETURN_IF_ERROR(GetVersion(in));
  RANKER_RETURN_IF_ERROR(GetItems(in, products, "products", GetProduct));
  return products;
}

absl::StatusOr<std::vector<ShopSpec>> DecodeUpsertShops(
    absl::string_view payload) {
  Decoder in(payload);
  std::vector<ShopSpec> shops;
  RANKER_RETURN_IF_ERROR(GetVersion(in));
  RANKER_RETURN_IF_ERROR(GetItems(in, shops, "shops", GetShop));
  return shops;
}

}  // namespace ranker::persist
