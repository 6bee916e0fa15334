// Parsing of the CLI's flag values: enum names, comma-separated lists and
// weight overrides. Error messages describe the value only; the caller
// prefixes the flag or field it came from.
#ifndef RANKER_CLIENT_CLI_PARSE_H_
#define RANKER_CLIENT_CLI_PARSE_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ranker/v1/ranker.pb.h"

namespace ranker::cli {

// Enum values by their short lower-case name, the proto name without its
// prefix: "feed" for SCENE_FEED, "add_to_cart" for EVENT_TYPE_ADD_TO_CART.
// The full proto name is accepted too, in any case. The *_UNSPECIFIED value
// is never accepted: it means "not set", which the server rejects.
absl::StatusOr<v1::Scene> ParseScene(absl::string_view text);
absl::StatusOr<v1::EventType> ParseEventType(absl::string_view text);
absl::StatusOr<v1::ContentForm> ParseContentForm(absl::string_view text);
absl::StatusOr<v1::ProductStatus> ParseProductStatus(absl::string_view text);
absl::StatusOr<v1::ShopStatus> ParseShopStatus(absl::string_view text);

// The accepted short names joined with `separator`, for usage and error
// texts, e.g. "feed|storefront". Read from the proto descriptors so they
// follow the API.
std::string SceneNames(absl::string_view separator = "|");
std::string EventTypeNames(absl::string_view separator = "|");
std::string ContentFormNames(absl::string_view separator = "|");
std::string ProductStatusNames(absl::string_view separator = "|");
std::string ShopStatusNames(absl::string_view separator = "|");

// Splits "a, b,,c" into {"a", "b", "c"}: items are trimmed and empty ones
// dropped, so a trailing comma is harmless.
std::vector<std::string> SplitList(absl::string_view text);

// Parses "name=value,name2=value2" into a map. Every item needs a non-empty
// name, a value that parses as a double, and a name not seen before.
absl::StatusOr<absl::flat_hash_map<std::string, double>> ParseWeightOverrides(
    absl::string_view text);

}  // namespace ranker::cli

#endif  // RANKER_CLIENT_CLI_PARSE_H_
