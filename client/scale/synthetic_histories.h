#ifndef RANKER_CLIENT_SCALE_SYNTHETIC_HISTORIES_H_
#define RANKER_CLIENT_SCALE_SYNTHETIC_HISTORIES_H_

// Made-up user histories over a SyntheticCatalog, for loading a server with
// a million users through LogEvent (docs/performance.md). Each user has one
// to three interest categories; most of their events fall on products of
// those categories, the rest on products popular across the catalog. Within
// a category, and across the catalog, product popularity is Zipf-shaped, so
// a few products collect most events and a long tail few. A user's events
// come in sessions of 3 to 12 events over the last `history_days`, with the
// funnel of a feed (mostly impressions and clicks, few purchases).
//
// User u's events are a pure function of (options, catalog, u): users can
// be generated in any order, by any number of threads.

#include <cstdint>
#include <string>
#include <vector>

#include "client/load/zipf_sampler.h"
#include "client/scale/synthetic_catalog.h"
#include "core/event.h"

namespace ranker::scale {

struct SyntheticHistoryOptions {
  int users = 1'000'000;
  // Mean events per user; a user's count is exponentially distributed
  // (at least 1), so a few heavy users and many light ones.
  double events_per_user = 20;
  uint64_t seed = 20261204;
  int64_t now_ms = 0;  // required: the histories end here
  int history_days = 30;
};

class SyntheticHistories {
 public:
  // `catalog` must outlive this object.
  SyntheticHistories(const SyntheticCatalog& catalog,
                     const SyntheticHistoryOptions& options);

  int users() const { return options_.users; }
  // "load-u42": the ids ranker_load draws its users from (--users), so a
  // load run after loading asks for these users.
  std::string UserId(int user) const;
  // The user's events, oldest first.
  std::vector<Event> UserEvents(int user) const;

  // The event type at `u` in [0, 1) of a feed's funnel: impression 55%,
  // click 20%, dwell 10%, like 5%, add_to_cart 4%, favorite 2%,
  // purchase 1.5%, not_interested 1.5%, share 1%.
  static EventType EventTypeAt(double u);

 private:
  const SyntheticCatalog& catalog_;
  SyntheticHistoryOptions options_;
  load::ZipfSampler popular_;  // rank over the whole catalog
  int64_t stride_;             // rank -> product (synthetic_histories.cc)
};

}  // namespace ranker::scale

#endif  // RANKER_CLIENT_SCALE_SYNTHETIC_HISTORIES_H_
