// JSON Lines files to request protos: user events for `ranker_cli log`,
// catalog products for `ranker_cli upsert` and shop governance for
// `ranker_cli shops`. A file is parsed whole before
// anything is sent, so a bad line sends nothing.
#ifndef RANKER_CLIENT_CLI_JSONL_H_
#define RANKER_CLIENT_CLI_JSONL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ranker/v1/ranker.pb.h"

namespace ranker::cli {

// One event object, e.g.
//   {"user_id":"u1","session_id":"s1","product_id":"p00042","type":"click",
//    "timestamp_ms":1700000000000,"dwell_ms":0,"content_form":"short_video",
//    "content_tags":["travel"],"creator_id":"c7"}
// user_id, product_id and type are required; the rest default to the proto's
// zero values (timestamp_ms 0 means "now"). An unknown key is an error, so
// that a misspelt field is not silently dropped.
absl::StatusOr<v1::Event> EventFromJsonLine(absl::string_view line);

// One product in the catalog format of deploy/demo/README.md, e.g.
//   {"id":"p00042","title":"...","category":["home","kitchen","kettles"],
//    "shop":"s017","price":39.9,"status":"active","tags":{"kettle":1.0},
//    "forms":["short_video","product_card"],"repurchase_days":0,
//    "campaign":false,"campaign_start_ms":0,"campaign_end_ms":0,
//    "live_start_ms":0,"live_end_ms":0,"creators":["c7"]}
// id, category and shop are required; status defaults to active. Like the
// server's own catalog loader, unknown keys are ignored, so any file the
// server can load at start-up can also be upserted.
absl::StatusOr<v1::Product> ProductFromJsonLine(absl::string_view line);

// One shop's governance, e.g.
//   {"shop_id":"s017","status":"banned","quality_score":0.3}
// shop_id and status are required; without quality_score the shop keeps its
// current score. An unknown key is an error, as for events.
absl::StatusOr<v1::Shop> ShopFromJsonLine(absl::string_view line);

// Parses every line of `text`; blank lines and lines starting with '#' are
// skipped. Errors read "<source>:<line number>: <problem>".
absl::StatusOr<std::vector<v1::Event>> ParseEventsJsonl(
    absl::string_view text, absl::string_view source);
absl::StatusOr<std::vector<v1::Product>> ParseProductsJsonl(
    absl::string_view text, absl::string_view source);
absl::StatusOr<std::vector<v1::Shop>> ParseShopsJsonl(absl::string_view text,
                                                      absl::string_view source);

// The whole content of the file at `path`; "-" reads standard input.
absl::StatusOr<std::string> ReadInput(const std::string& path);

}  // namespace ranker::cli

#endif  // RANKER_CLIENT_CLI_JSONL_H_
