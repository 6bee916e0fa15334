#include "core/catalog/catalog_file.h"

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/validation.h"
#include "nlohmann/json.hpp"

namespace ranker {
namespace {

using nlohmann::json;

absl::StatusOr<ProductStatus> ParseStatus(const std::string& name) {
  if (name == "active") return ProductStatus::kActive;
  if (name == "out_of_stock") return ProductStatus::kOutOfStock;
  if (name == "banned") return ProductStatus::kBanned;
  return FieldError("status", absl::StrCat("unknown status '", name,
                                           "' (active|out_of_stock|banned)"));
}

absl::StatusOr<ContentForm> ParseForm(const std::string& name) {
  if (name == "short_video") return ContentForm::kShortVideo;
  if (name == "live_stream") return ContentForm::kLiveStream;
  if (name == "product_card") return ContentForm::kProductCard;
  return FieldError("forms",
                    absl::StrCat("unknown content form '", name,
                                 "' (short_video|live_stream|product_card)"));
}

// Reads typed fields of one JSON object; every error names the field.
class FieldReader {
 public:
  explicit FieldReader(const json& object) : object_(object) {}

  absl::StatusOr<std::string> String(const char* key, bool required) const {
    const json* value = Find(key);
    if (value == nullptr) return Missing(key, required, std::string());
    if (!value->is_string()) return FieldError(key, "must be a string");
    return value->get<std::string>();
  }
  absl::StatusOr<double> Number(const char* key, double fallback) const {
    const json* value = Find(key);
    if (value == nullptr) return fallback;
    if (!value->is_number()) return FieldError(key, "must be a number");
    return value->get<double>();
  }
  absl::StatusOr<int> Integer(const char* key, int fallback) const {
    // Through Integer64, which rejects unsigned values beyond int64: read as
    // int64 directly, 2^64 - 1 wrapped to -1 and passed the range check.
    absl::StatusOr<int64_t> number_or = Integer64(key, fallback);
    if (!number_or.ok()) return number_or.status();
    const int64_t number = *number_or;
    if (number < std::numeric_limits<int>::min() ||
        number > std::numeric_limits<int>::max()) {
      return FieldError(key, "is out of range");
    }
    return static_cast<int>(number);
  }
  absl::StatusOr<int64_t> Integer64(const char* key, int64_t fallback) const {
    const json* value = Find(key);
    if (value == nullptr) return fallback;
    if (!value->is_number_integer()) {
      return FieldError(key, "must be a whole number");
    }
    if (value->is_number_unsigned() &&
        value->get<uint64_t>() >
            static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return FieldError(key, "is out of range");
    }
    return value->get<int64_t>();
  }
  absl::StatusOr<bool> Bool(const char* key, bool fallback) const {
    const json* value = Find(key);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) return FieldError(key, "must be true or false");
    return value->get<bool>();
  }
  absl::StatusOr<std::vector<std::string>> Strings(const char* key,
                                                   bool required) const {
    const json* value = Find(key);
    if (value == nullptr) {
      return Missing(key, required, std::vector<std::string>{});
    }
    if (!value->is_array()) return FieldError(key, "must be an array");
    std::vector<std::string> strings;
    for (size_t i = 0; i < value->size(); ++i) {
      if (!(*value)[i].is_string()) {
        return FieldError(absl::StrCat(key, "[", i, "]"), "must be a string");
      }
      strings.push_back((*value)[i].get<std::string>());
    }
    return strings;
  }
  absl::StatusOr<std::vector<WeightedTagSpec>> Tags(const char* key) const {
    const json* value = Find(key);
    if (value == nullptr) return std::vector<WeightedTagSpec>{};
    if (!value->is_object()) {
      return FieldError(key, "must be an object of tag: weight");
    }
    std::vector<WeightedTagSpec> tags;
    for (const auto& [tag, weight] : value->items()) {
      if (!weight.is_number()) {
        return FieldError(absl::StrCat(key, ".", tag), "must be a number");
      }
      tags.push_back({tag, weight.get<double>()});
    }
    return tags;
  }

 private:
  const json* Find(const char* key) const {
    auto it = object_.find(key);
    return (it == object_.end() || it->is_null()) ? nullptr : &*it;
  }
  template <typename T>
  static absl::StatusOr<T> Missing(const char* key, bool required, T fallback) {
    if (required) return FieldError(key, "is required");
    return fallback;
  }

  const json& object_;
};

#define RANKER_ASSIGN_OR_RETURN(lhs, expr)        \
  {                                               \
    auto value_or = (expr);                       \
    if (!value_or.ok()) return value_or.status(); \
    lhs = *std::move(value_or);                   \
  }

absl::StatusOr<ProductSpec> ToSpec(const json& object) {
  if (!object.is_object()) return FieldError("line", "must be a JSON object");
  const FieldReader fields(object);
  ProductSpec spec;
  RANKER_ASSIGN_OR_RETURN(spec.id, fields.String("id", true));
  RANKER_ASSIGN_OR_RETURN(spec.title, fields.String("title", false));
  RANKER_ASSIGN_OR_RETURN(spec.tags, fields.Tags("tags"));
  RANKER_ASSIGN_OR_RETURN(spec.category_path, fields.Strings("category", true));
  RANKER_ASSIGN_OR_RETURN(spec.shop_id, fields.String("shop", true));
  RANKER_ASSIGN_OR_RETURN(spec.price, fields.Number("price", 0.0));
  std::string status;
  RANKER_ASSIGN_OR_RETURN(status, fields.String("status", false));
  RANKER_ASSIGN_OR_RETURN(spec.status,
                          ParseStatus(status.empty() ? "active" : status));
  std::vector<std::string> forms;
  RANKER_ASSIGN_OR_RETURN(forms, fields.Strings("forms", false));
  for (const std::string& form : forms) {
    ContentForm parsed;
    RANKER_ASSIGN_OR_RETURN(parsed, ParseForm(form));
    spec.content_forms.push_back(parsed);
  }
  RANKER_ASSIGN_OR_RETURN(spec.repurchase_cycle_days,
                          fields.Integer("repurchase_days", 0));
  RANKER_ASSIGN_OR_RETURN(spec.campaign, fields.Bool("campaign", false));
  RANKER_ASSIGN_OR_RETURN(spec.campaign_start_ms,
                          fields.Integer64("campaign_start_ms", 0));
  RANKER_ASSIGN_OR_RETURN(spec.campaign_end_ms,
                          fields.Integer64("campaign_end_ms", 0));
  RANKER_ASSIGN_OR_RETURN(spec.live_start_ms,
                          fields.Integer64("live_start_ms", 0));
  RANKER_ASSIGN_OR_RETURN(spec.live_end_ms, fields.Integer64("live_end_ms", 0));
  RANKER_ASSIGN_OR_RETURN(spec.creator_ids, fields.Strings("creators", false));
  return spec;
}

#undef RANKER_ASSIGN_OR_RETURN

}  // namespace

absl::StatusOr<std::vector<ProductSpec>> ParseCatalogJsonl(
    absl::string_view text) {
  std::vector<ProductSpec> specs;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = absl::StrCat("line ", line_number);
    absl::StatusOr<ProductSpec> spec;
    try {
      spec = ToSpec(json::parse(line));
    } catch (const json::exception& e) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": ", e.what()));
    }
    if (!spec.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": ", spec.status().message()));
    }
    if (auto s = ValidateProductSpec(*spec, ""); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": ", s.message()));
    }
    specs.push_back(*std::move(spec));
  }
  return specs;
}

absl::StatusOr<std::vector<ProductSpec>> ReadCatalogFile(
    const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return absl::NotFoundError(
        absl::StrCat(path, ": not a readable catalog file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  absl::StatusOr<std::vector<ProductSpec>> specs =
      ParseCatalogJsonl(buffer.str());
  if (!specs.ok()) {
    return absl::Status(specs.status().code(),
                        absl::StrCat(path, ": ", specs.status().message()));
  }
  return specs;
}

std::string CatalogJsonLine(const ProductSpec& spec) {
  // nlohmann::ordered_json keeps the documented key order.
  nlohmann::ordered_json line;
  line["id"] = spec.id;
  line["title"] = spec.title;
  line["category"] = spec.category_path;
  line["shop"] = spec.shop_id;
  line["price"] = spec.price;
  line["status"] = std::string(ProductStatusName(spec.status));
  nlohmann::ordered_json tags = nlohmann::ordered_json::object();
  for (const WeightedTagSpec& tag : spec.tags) tags[tag.tag] = tag.weight;
  line["tags"] = std::move(tags);
  nlohmann::ordered_json forms = nlohmann::ordered_json::array();
  for (ContentForm form : spec.content_forms) {
    forms.push_back(std::string(ContentFormName(form)));
  }
  line["forms"] = std::move(forms);
  line["repurchase_days"] = spec.repurchase_cycle_days;
  line["campaign"] = spec.campaign;
  auto optional_time = [&](const char* key, TimeMs value) {
    if (value != 0) line[key] = value;
  };
  optional_time("campaign_start_ms", spec.campaign_start_ms);
  optional_time("campaign_end_ms", spec.campaign_end_ms);
  optional_time("live_start_ms", spec.live_start_ms);
  optional_time("live_end_ms", spec.live_end_ms);
  if (!spec.creator_ids.empty()) line["creators"] = spec.creator_ids;
  return line.dump();
}

}  // namespace ranker
