#include "core/catalog/catalog_file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"
#include "core/validation.h"

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

// Converts one parsed object; nlohmann's type errors are caught by the caller.
absl::StatusOr<ProductSpec> ToSpec(const json& object) {
  if (!object.is_object()) return FieldError("line", "must be a JSON object");
  ProductSpec spec;
  spec.id = object.at("id").get<std::string>();
  spec.title = object.value("title", "");
  if (const auto it = object.find("tags"); it != object.end()) {
    if (!it->is_object()) return FieldError("tags", "must be an object");
    for (const auto& [tag, weight] : it->items()) {
      spec.tags.push_back({tag, weight.get<double>()});
    }
  }
  spec.category_path =
      object.at("category").get<std::vector<std::string>>();
  spec.shop_id = object.at("shop").get<std::string>();
  spec.price = object.value("price", 0.0);
  absl::StatusOr<ProductStatus> status =
      ParseStatus(object.value("status", std::string("active")));
  if (!status.ok()) return status.status();
  spec.status = *status;
  for (const std::string& form :
       object.value("forms", std::vector<std::string>{})) {
    absl::StatusOr<ContentForm> parsed = ParseForm(form);
    if (!parsed.ok()) return parsed.status();
    spec.content_forms.push_back(*parsed);
  }
  spec.repurchase_cycle_days = object.value("repurchase_days", 0);
  spec.campaign = object.value("campaign", false);
  return spec;
}

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
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  absl::StatusOr<std::vector<ProductSpec>> specs =
      ParseCatalogJsonl(buffer.str());
  if (!specs.ok()) {
    return absl::Status(specs.status().code(),
                        absl::StrCat(path, ": ", specs.status().message()));
  }
  return specs;
}

}  // namespace ranker
