#include "client/cli_jsonl.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/cli_parse.h"
#include "nlohmann/json.hpp"

namespace ranker::cli {
namespace {

// ordered_json keeps the file's key order, so product tags reach the server
// in the order the catalog lists them.
using Json = nlohmann::ordered_json;

// nlohmann's throwing accessors are never called: every value's type is
// checked first, so malformed input becomes a status naming the key.

absl::Status KeyError(absl::string_view key, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", problem));
}

// The value under `key`, or null when it is absent or JSON null (both mean
// "not given").
const Json* Find(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

absl::Status ReadString(const Json& object, const char* key, bool required,
                        std::string* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) {
    return required ? KeyError(key, "required") : absl::OkStatus();
  }
  if (!value->is_string()) return KeyError(key, "must be a string");
  *out = value->get_ref<const std::string&>();
  if (required && out->empty()) return KeyError(key, "must not be empty");
  return absl::OkStatus();
}

absl::Status ReadStringList(const Json& object, const char* key,
                            std::vector<std::string>* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) return absl::OkStatus();
  if (!value->is_array()) return KeyError(key, "must be a list of strings");
  for (const Json& item : *value) {
    if (!item.is_string()) return KeyError(key, "must be a list of strings");
    out->push_back(item.get_ref<const std::string&>());
  }
  return absl::OkStatus();
}

absl::Status ReadInt64(const Json& object, const char* key, int64_t* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) return absl::OkStatus();
  if (value->is_number_unsigned()) {
    const uint64_t number = value->get<uint64_t>();
    if (number > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return KeyError(key, "out of range");
    }
    *out = static_cast<int64_t>(number);
    return absl::OkStatus();
  }
  if (!value->is_number_integer()) return KeyError(key, "must be an integer");
  *out = value->get<int64_t>();
  return absl::OkStatus();
}

absl::Status ReadInt32(const Json& object, const char* key, int32_t* out) {
  int64_t wide = *out;
  if (absl::Status s = ReadInt64(object, key, &wide); !s.ok()) return s;
  if (wide < std::numeric_limits<int32_t>::min() ||
      wide > std::numeric_limits<int32_t>::max()) {
    return KeyError(key, "out of range");
  }
  *out = static_cast<int32_t>(wide);
  return absl::OkStatus();
}

absl::Status ReadDouble(const Json& object, const char* key, double* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) return absl::OkStatus();
  if (!value->is_number()) return KeyError(key, "must be a number");
  *out = value->get<double>();
  return absl::OkStatus();
}

absl::Status ReadBool(const Json& object, const char* key, bool* out) {
  const Json* value = Find(object, key);
  if (value == nullptr) return absl::OkStatus();
  if (!value->is_boolean()) return KeyError(key, "must be true or false");
  *out = value->get<bool>();
  return absl::OkStatus();
}

absl::StatusOr<Json> ParseObject(absl::string_view line) {
  Json object = Json::parse(line.begin(), line.end(), /*cb=*/nullptr,
                            /*allow_exceptions=*/false);
  if (object.is_discarded()) {
    return absl::InvalidArgumentError("not valid JSON");
  }
  if (!object.is_object()) {
    return absl::InvalidArgumentError("must be a JSON object");
  }
  return object;
}

absl::Status CheckKnownKeys(const Json& object,
                            const absl::flat_hash_set<std::string>& known) {
  for (const auto& [key, value] : object.items()) {
    if (!known.contains(key)) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown key '", key, "'"));
    }
  }
  return absl::OkStatus();
}

// Parses every non-blank, non-comment line with `convert`.
template <typename Message, typename Convert>
absl::StatusOr<std::vector<Message>> ParseJsonl(absl::string_view text,
                                                absl::string_view source,
                                                Convert convert) {
  std::vector<Message> messages;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    absl::StatusOr<Message> message = convert(line);
    if (!message.ok()) {
      return absl::Status(message.status().code(),
                          absl::StrCat(source, ":", line_number, ": ",
                                       message.status().message()));
    }
    messages.push_back(*std::move(message));
  }
  return messages;
}

}  // namespace

absl::StatusOr<v1::Event> EventFromJsonLine(absl::string_view line) {
  absl::StatusOr<Json> object = ParseObject(line);
  if (!object.ok()) return object.status();
  static const auto* const kKnownKeys = new absl::flat_hash_set<std::string>{
      "user_id",  "session_id",   "product_id",   "type",      "timestamp_ms",
      "dwell_ms", "content_form", "content_tags", "creator_id"};
  if (absl::Status s = CheckKnownKeys(*object, *kKnownKeys); !s.ok()) return s;

  v1::Event event;
  std::string type;
  std::string form;
  std::vector<std::string> content_tags;
  int64_t timestamp_ms = 0;
  int64_t dwell_ms = 0;
  // Braced lists evaluate in order, so the first bad key is the one reported.
  for (absl::Status s : {
           ReadString(*object, "user_id", true, event.mutable_user_id()),
           ReadString(*object, "session_id", false, event.mutable_session_id()),
           ReadString(*object, "product_id", true, event.mutable_product_id()),
           ReadString(*object, "type", true, &type),
           ReadInt64(*object, "timestamp_ms", &timestamp_ms),
           ReadInt64(*object, "dwell_ms", &dwell_ms),
           ReadString(*object, "content_form", false, &form),
           ReadStringList(*object, "content_tags", &content_tags),
           ReadString(*object, "creator_id", false, event.mutable_creator_id()),
       }) {
    if (!s.ok()) return s;
  }
  absl::StatusOr<v1::EventType> parsed_type = ParseEventType(type);
  if (!parsed_type.ok())
    return KeyError("type", parsed_type.status().message());
  event.set_type(*parsed_type);
  if (!form.empty()) {
    absl::StatusOr<v1::ContentForm> parsed_form = ParseContentForm(form);
    if (!parsed_form.ok()) {
      return KeyError("content_form", parsed_form.status().message());
    }
    event.set_content_form(*parsed_form);
  }
  event.set_timestamp_ms(timestamp_ms);
  event.set_dwell_ms(dwell_ms);
  for (std::string& tag : content_tags) {
    event.add_content_tags(std::move(tag));
  }
  return event;
}

absl::StatusOr<v1::Product> ProductFromJsonLine(absl::string_view line) {
  absl::StatusOr<Json> object = ParseObject(line);
  if (!object.ok()) return object.status();

  v1::Product product;
  std::string status = "active";
  std::vector<std::string> category;
  std::vector<std::string> forms;
  double price = 0;
  int32_t repurchase_days = 0;
  bool campaign = false;
  int64_t campaign_start_ms = 0;
  int64_t campaign_end_ms = 0;
  int64_t live_start_ms = 0;
  int64_t live_end_ms = 0;
  std::vector<std::string> creators;
  for (absl::Status s : {
           ReadString(*object, "id", true, product.mutable_product_id()),
           ReadString(*object, "title", false, product.mutable_title()),
           ReadStringList(*object, "category", &category),
           ReadString(*object, "shop", true, product.mutable_shop_id()),
           ReadDouble(*object, "price", &price),
           ReadString(*object, "status", false, &status),
           ReadStringList(*object, "forms", &forms),
           ReadInt32(*object, "repurchase_days", &repurchase_days),
           ReadBool(*object, "campaign", &campaign),
           ReadInt64(*object, "campaign_start_ms", &campaign_start_ms),
           ReadInt64(*object, "campaign_end_ms", &campaign_end_ms),
           ReadInt64(*object, "live_start_ms", &live_start_ms),
           ReadInt64(*object, "live_end_ms", &live_end_ms),
           ReadStringList(*object, "creators", &creators),
       }) {
    if (!s.ok()) return s;
  }
  if (category.empty()) {
    return KeyError("category", "required, with at least one level");
  }
  for (std::string& level : category) {
    product.add_category_path(std::move(level));
  }
  product.set_price(price);
  absl::StatusOr<v1::ProductStatus> parsed_status = ParseProductStatus(status);
  if (!parsed_status.ok()) {
    return KeyError("status", parsed_status.status().message());
  }
  product.set_status(*parsed_status);

  if (const Json* tags = Find(*object, "tags"); tags != nullptr) {
    if (!tags->is_object()) {
      return KeyError("tags", "must be an object of tag to weight");
    }
    for (const auto& [tag, weight] : tags->items()) {
      if (!weight.is_number()) {
        return KeyError("tags",
                        absl::StrCat("weight of '", tag, "' must be a number"));
      }
      v1::WeightedTag* weighted = product.add_tags();
      weighted->set_tag(tag);
      weighted->set_weight(weight.get<double>());
    }
  }
  for (const std::string& form : forms) {
    absl::StatusOr<v1::ContentForm> parsed_form = ParseContentForm(form);
    if (!parsed_form.ok()) {
      return KeyError("forms", parsed_form.status().message());
    }
    product.add_content_forms(*parsed_form);
  }
  product.set_repurchase_cycle_days(repurchase_days);
  product.set_campaign(campaign);
  product.set_campaign_start_ms(campaign_start_ms);
  product.set_campaign_end_ms(campaign_end_ms);
  product.set_live_start_ms(live_start_ms);
  product.set_live_end_ms(live_end_ms);
  for (std::string& creator : creators) {
    product.add_creator_ids(std::move(creator));
  }
  return product;
}

absl::StatusOr<v1::Shop> ShopFromJsonLine(absl::string_view line) {
  absl::StatusOr<Json> object = ParseObject(line);
  if (!object.ok()) return object.status();
  static const auto* const kKnownKeys = new absl::flat_hash_set<std::string>{
      "shop_id", "status", "quality_score"};
  if (absl::Status s = CheckKnownKeys(*object, *kKnownKeys); !s.ok()) return s;

  v1::Shop shop;
  std::string status;
  double quality = 1.0;
  for (absl::Status s : {
           ReadString(*object, "shop_id", true, shop.mutable_shop_id()),
           ReadString(*object, "status", true, &status),
           ReadDouble(*object, "quality_score", &quality),
       }) {
    if (!s.ok()) return s;
  }
  absl::StatusOr<v1::ShopStatus> parsed_status = ParseShopStatus(status);
  if (!parsed_status.ok()) {
    return KeyError("status", parsed_status.status().message());
  }
  shop.set_status(*parsed_status);
  if (Find(*object, "quality_score") != nullptr) {
    shop.set_quality_score(quality);
  }
  return shop;
}

absl::StatusOr<std::vector<v1::Event>> ParseEventsJsonl(
    absl::string_view text, absl::string_view source) {
  return ParseJsonl<v1::Event>(text, source, EventFromJsonLine);
}

absl::StatusOr<std::vector<v1::Product>> ParseProductsJsonl(
    absl::string_view text, absl::string_view source) {
  return ParseJsonl<v1::Product>(text, source, ProductFromJsonLine);
}

absl::StatusOr<std::vector<v1::Shop>> ParseShopsJsonl(
    absl::string_view text, absl::string_view source) {
  return ParseJsonl<v1::Shop>(text, source, ShopFromJsonLine);
}

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    if (std::cin.bad()) {
      return absl::DataLossError("error reading standard input");
    }
    return text;
  }
  // A directory opens fine on Linux, and libstdc++ then throws from the
  // first read; refuse it up front.
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read ", path, ": it is a directory"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  // operator<< on the stream buffer reports read errors through the stream
  // state instead of throwing.
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad() || text.bad()) {
    return absl::DataLossError(absl::StrCat("error reading ", path));
  }
  return text.str();
}

}  // namespace ranker::cli
