// A shop's governance as callers set it (ShopSpec, by name) and as requests
// read it (ShopState, inside a ShopGovernance indexed by ShopIdx).
#ifndef RANKER_CORE_CATALOG_SHOP_H_
#define RANKER_CORE_CATALOG_SHOP_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/types.h"

namespace ranker {

// The edge representation: what UpsertShops carries.
struct ShopSpec {
  std::string id;
  ShopStatus status = ShopStatus::kActive;
  // In [0, 1], 1 the best (no demotion). Absent: the shop keeps its current
  // score, so that banning or reinstating a shop does not reset it.
  std::optional<double> quality_score;
};

// Checks every field against the API limits. Field names in errors are
// prefixed with `field_prefix` (e.g. "shops[3].").
absl::Status ValidateShopSpec(const ShopSpec& spec,
                              absl::string_view field_prefix);

// What a request needs to know about a shop. The default is a shop nobody
// governed: active, quality 1.
struct ShopState {
  ShopStatus status = ShopStatus::kActive;
  double quality = 1.0;
  bool governed = false;  // named by UpsertShops at least once

  bool banned() const { return status == ShopStatus::kBanned; }
};

}  // namespace ranker

#endif  // RANKER_CORE_CATALOG_SHOP_H_
