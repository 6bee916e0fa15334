#include "client/cli_parse.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"

namespace ranker::cli {
namespace {

using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;

// Every value but the zero one ("unspecified"), by short name.
std::string ShortNames(const EnumDescriptor& descriptor,
                       absl::string_view prefix, absl::string_view separator) {
  std::vector<std::string> names;
  for (int i = 0; i < descriptor.value_count(); ++i) {
    const EnumValueDescriptor& value = *descriptor.value(i);
    if (value.number() == 0) continue;
    names.push_back(
        absl::AsciiStrToLower(absl::StripPrefix(value.name(), prefix)));
  }
  return absl::StrJoin(names, separator);
}

absl::StatusOr<int> ParseEnum(const EnumDescriptor& descriptor,
                              absl::string_view prefix, absl::string_view what,
                              absl::string_view text) {
  std::string name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  if (!absl::StartsWith(name, prefix)) name = absl::StrCat(prefix, name);
  const EnumValueDescriptor* value = descriptor.FindValueByName(name);
  if (value == nullptr || value->number() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown ", what, " '", text, "' (",
                     ShortNames(descriptor, prefix, "|"), ")"));
  }
  return value->number();
}

constexpr absl::string_view kScenePrefix = "SCENE_";
constexpr absl::string_view kEventTypePrefix = "EVENT_TYPE_";
constexpr absl::string_view kContentFormPrefix = "CONTENT_FORM_";
constexpr absl::string_view kProductStatusPrefix = "PRODUCT_STATUS_";
constexpr absl::string_view kShopStatusPrefix = "SHOP_STATUS_";

}  // namespace

absl::StatusOr<v1::Scene> ParseScene(absl::string_view text) {
  absl::StatusOr<int> value =
      ParseEnum(*v1::Scene_descriptor(), kScenePrefix, "scene", text);
  if (!value.ok()) return value.status();
  return static_cast<v1::Scene>(*value);
}

absl::StatusOr<v1::EventType> ParseEventType(absl::string_view text) {
  absl::StatusOr<int> value = ParseEnum(*v1::EventType_descriptor(),
                                        kEventTypePrefix, "event type", text);
  if (!value.ok()) return value.status();
  return static_cast<v1::EventType>(*value);
}

absl::StatusOr<v1::ContentForm> ParseContentForm(absl::string_view text) {
  absl::StatusOr<int> value = ParseEnum(
      *v1::ContentForm_descriptor(), kContentFormPrefix, "content form", text);
  if (!value.ok()) return value.status();
  return static_cast<v1::ContentForm>(*value);
}

absl::StatusOr<v1::ProductStatus> ParseProductStatus(absl::string_view text) {
  absl::StatusOr<int> value =
      ParseEnum(*v1::ProductStatus_descriptor(), kProductStatusPrefix,
                "product status", text);
  if (!value.ok()) return value.status();
  return static_cast<v1::ProductStatus>(*value);
}

absl::StatusOr<v1::ShopStatus> ParseShopStatus(absl::string_view text) {
  absl::StatusOr<int> value = ParseEnum(*v1::ShopStatus_descriptor(),
                                        kShopStatusPrefix, "shop status", text);
  if (!value.ok()) return value.status();
  return static_cast<v1::ShopStatus>(*value);
}

std::string SceneNames(absl::string_view separator) {
  return ShortNames(*v1::Scene_descriptor(), kScenePrefix, separator);
}

std::string EventTypeNames(absl::string_view separator) {
  return ShortNames(*v1::EventType_descriptor(), kEventTypePrefix, separator);
}

std::string ContentFormNames(absl::string_view separator) {
  return ShortNames(*v1::ContentForm_descriptor(), kContentFormPrefix,
                    separator);
}

std::string ProductStatusNames(absl::string_view separator) {
  return ShortNames(*v1::ProductStatus_descriptor(), kProductStatusPrefix,
                    separator);
}

std::string ShopStatusNames(absl::string_view separator) {
  return ShortNames(*v1::ShopStatus_descriptor(), kShopStatusPrefix, separator);
}

std::vector<std::string> SplitList(absl::string_view text) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    item = absl::StripAsciiWhitespace(item);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

absl::StatusOr<absl::flat_hash_map<std::string, double>> ParseWeightOverrides(
    absl::string_view text) {
  absl::flat_hash_map<std::string, double> weights;
  for (const std::string& item : SplitList(text)) {
    const std::pair<absl::string_view, absl::string_view> parts =
        absl::StrSplit(item, absl::MaxSplits('=', 1));
    const absl::string_view name = absl::StripAsciiWhitespace(parts.first);
    const absl::string_view value_text =
        absl::StripAsciiWhitespace(parts.second);
    if (name.empty() || !absl::StrContains(item, '=')) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", item, "' is not name=value"));
    }
    double value = 0;
    if (!absl::SimpleAtod(value_text, &value) || !std::isfinite(value)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "value '", value_text, "' of '", name, "' is not a finite number"));
    }
    if (!weights.emplace(name, value).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("weight '", name, "' is given twice"));
    }
  }
  return weights;
}

}  // namespace ranker::cli
