// What ranker_cli prints: the ranked list as a table or as JSON, and errors.
#ifndef RANKER_CLIENT_CLI_FORMAT_H_
#define RANKER_CLIENT_CLI_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "ranker/v1/ranker.pb.h"

namespace ranker::cli {

// "request_id: ..." and then one row per item: rank, product id, score (3
// decimals) and source; with `explain` also title, category and the matched
// tags as "instant / long-term / context" (each comma-separated, "-" when
// none). Ends with a newline.
std::string FormatRecommendations(const v1::RecommendProductsResponse& response,
                                  bool explain);

// What DescribeUser answered for `user_id`, as text: whether the user is
// known, the last event's time (UTC), a table of exact event counts by type
// with the total, a table of the interest tags (long-term and instant side by
// side, with weights to 3 decimals) and the recent products. Ends with a
// newline.
std::string FormatUserDescription(absl::string_view user_id,
                                  const v1::DescribeUserResponse& response);

// What DescribeProduct answered, as text: the catalog fields, the tags with
// weights, and one table of event counts by type, exact beside decayed (for
// the types that have a decayed count) with the total and the popularity.
// Ends with a newline.
std::string FormatProductDescription(
    const v1::DescribeProductResponse& response);

// What DescribeService answered, as text: version, uptime, resident memory
// and its peak in binary units, then one table of the counts (digits grouped
// by thousands). Memory the server could not read (0) shows as unknown. Ends
// with a newline.
std::string FormatServiceDescription(
    const v1::DescribeServiceResponse& response);

// A byte count for people: "512 B", "1.5 KiB", "17.7 MiB", "2.0 GiB" (one
// decimal from KiB on, binary units up to TiB).
std::string FormatBytes(uint64_t bytes);

// `value` with its digits grouped by thousands: "1,234,567".
std::string GroupThousands(uint64_t value);

// The message in proto3 JSON with the proto's own (snake_case) field names,
// indented, zero values included. Ends with a newline.
absl::StatusOr<std::string> FormatJson(
    const google::protobuf::Message& message);

// "error: <CODE>: <message>", e.g. "error: UNAVAILABLE: failed to connect".
std::string FormatError(const absl::Status& status);

// Rows of cells (the first row is the header) as aligned text: columns are
// padded to their widest cell, counted in UTF-8 code points, and separated by
// two spaces; columns whose index is in `right_aligned` are right-aligned.
// Every line ends with a newline and has no trailing spaces.
std::string RenderTable(const std::vector<std::vector<std::string>>& rows,
                        const std::vector<size_t>& right_aligned = {});

// `text` cut to at most `max_code_points` UTF-8 code points, ending in "..."
// when cut; never splits a multi-byte character.
std::string TruncateUtf8(absl::string_view text, size_t max_code_points);

}  // namespace ranker::cli

#endif  // RANKER_CLIENT_CLI_FORMAT_H_
