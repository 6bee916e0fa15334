// What the engine has learned about one user or one product, with strings
// instead of dense ids: the answer of Engine::DescribeUser / DescribeProduct,
// an operator's debugging view (and how the crash test reads exact counts
// through the API).
#ifndef RANKER_CORE_DESCRIPTION_H_
#define RANKER_CORE_DESCRIPTION_H_

#include <string>
#include <vector>

#include "core/event_counts.h"
#include "core/stats/item_stats.h"
#include "core/types.h"

namespace ranker {

struct NamedWeight {
  std::string name;
  double weight = 0.0;
};

struct UserDescription {
  bool known = false;  // false: no event of this user was ever applied
  EventTypeCounts event_counts{};  // exact, by type
  TimeMs last_event_time = 0;      // ms since the epoch; 0 when unknown
  // Current (decayed) weights, strongest first, at most the asked number.
  std::vector<NamedWeight> long_term;
  std::vector<NamedWeight> instant;
  std::vector<std::string> recent_product_ids;  // most recent last
};

struct ProductDescription {
  std::string product_id;
  std::string title;
  std::string category;  // the path joined with "/"
  std::string shop_id;
  ProductStatus status = ProductStatus::kActive;
  double price = 0.0;
  std::vector<NamedWeight> tags;   // in the catalog's order (by tag id)
  EventTypeCounts event_counts{};  // exact, by type
  ItemCounts decayed;              // as of the call
};

}  // namespace ranker

#endif  // RANKER_CORE_DESCRIPTION_H_
