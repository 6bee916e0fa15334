#include "client/load/catalog_ids.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace ranker::load {

CatalogIds DemoPatternIds(int n) {
  CatalogIds ids;
  ids.product_ids.reserve(std::max(n, 0));
  for (int i = 0; i < n; ++i) {
    ids.product_ids.push_back(absl::StrFormat("p%05d", i));
  }
  return ids;
}

absl::StatusOr<CatalogIds> ParseCatalogIds(absl::string_view text,
                                           absl::string_view source) {
  CatalogIds ids;
  absl::flat_hash_map<std::string, int> tag_counts;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    const auto error = [&](absl::string_view problem) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": ", problem));
    };
    const nlohmann::json product =
        nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!product.is_object()) return error("not a JSON object");
    const auto id = product.find("id");
    if (id == product.end() || !id->is_string() ||
        id->get<std::string>().empty()) {
      return error("needs a non-empty string \"id\"");
    }
    ids.product_ids.push_back(id->get<std::string>());
    const auto tags = product.find("tags");
    if (tags == product.end()) continue;
    if (tags->is_object()) {
      for (const auto& [tag, weight] : tags->items()) ++tag_counts[tag];
    } else if (tags->is_array()) {
      for (const nlohmann::json& tag : *tags) {
        if (!tag.is_string()) return error("\"tags\" must hold strings");
        ++tag_counts[tag.get<std::string>()];
      }
    } else {
      return error("\"tags\" must be an object or an array");
    }
  }
  if (ids.product_ids.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": no product"));
  }
  std::vector<std::pair<std::string, int>> by_count(tag_counts.begin(),
                                                    tag_counts.end());
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  ids.tags.reserve(by_count.size());
  for (auto& [tag, count] : by_count) ids.tags.push_back(std::move(tag));
  return ids;
}

absl::StatusOr<CatalogIds> ReadCatalogIds(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, " cannot be read"));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseCatalogIds(text.str(), path);
}

}  // namespace ranker::load
