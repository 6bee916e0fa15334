#include "client/cli_format.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"

namespace ranker::cli {
namespace {

// Titles longer than this would push the tags column off most terminals.
constexpr size_t kMaxTitleWidth = 40;

bool IsContinuationByte(char c) { return (c & 0xC0) == 0x80; }

size_t CodePoints(absl::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return !IsContinuationByte(c); });
}

template <typename Tags>
std::string JoinOrDash(const Tags& tags) {
  return tags.empty() ? "-" : absl::StrJoin(tags, ",");
}

std::string MatchedTags(const v1::Explanation& explanation) {
  return absl::StrCat(JoinOrDash(explanation.matched_instant_tags()), " / ",
                      JoinOrDash(explanation.matched_long_term_tags()), " / ",
                      JoinOrDash(explanation.matched_context_tags()));
}

std::string Weight(double weight) { return absl::StrFormat("%.3f", weight); }

// One event type's name (as the CLI accepts it) and exact count.
struct TypeCount {
  const char* name;
  uint64_t count;
};

std::vector<TypeCount> TypeCounts(const v1::EventCounts& counts) {
  return {{"impression", counts.impression()},
          {"click", counts.click()},
          {"dwell", counts.dwell()},
          {"like", counts.like()},
          {"share", counts.share()},
          {"favorite", counts.favorite()},
          {"add_to_cart", counts.add_to_cart()},
          {"purchase", counts.purchase()},
          {"not_interested", counts.not_interested()}};
}

std::string FormatTimeMs(int64_t ms) {
  return absl::StrCat(
      absl::FormatTime("%Y-%m-%d %H:%M:%E3S UTC", absl::FromUnixMillis(ms),
                       absl::UTCTimeZone()),
      " (", ms, " ms)");
}

std::string StatusName(v1::ProductStatus status) {
  switch (status) {
    case v1::PRODUCT_STATUS_ACTIVE:
      return "active";
    case v1::PRODUCT_STATUS_OUT_OF_STOCK:
      return "out_of_stock";
    case v1::PRODUCT_STATUS_BANNED:
      return "banned";
    default:
      return absl::StrCat("unknown (", static_cast<int>(status), ")");
  }
}

}  // namespace

std::string FormatUserDescription(absl::string_view user_id,
                                  const v1::DescribeUserResponse& response) {
  if (!response.known()) {
    return absl::StrCat("user: ", user_id, " (unknown: no events yet)\n");
  }
  std::string out = absl::StrCat(
      "user: ", user_id,
      "\nlast event: ", FormatTimeMs(response.last_event_ms()), "\n\n");
  std::vector<std::vector<std::string>> counts = {{"event", "count"}};
  for (const TypeCount& type : TypeCounts(response.event_counts())) {
    counts.push_back({type.name, absl::StrCat(type.count)});
  }
  counts.push_back({"total", absl::StrCat(response.event_counts().total())});
  absl::StrAppend(&out, RenderTable(counts, /*right_aligned=*/{1}), "\n");

  std::vector<std::vector<std::string>> tags = {
      {"rank", "long-term tag", "weight", "instant tag", "weight"}};
  const int rows = std::max(response.long_term_interest_size(),
                            response.instant_interest_size());
  for (int i = 0; i < rows; ++i) {
    std::vector<std::string>& row = tags.emplace_back();
    row.push_back(absl::StrCat(i + 1));
    for (const auto* list :
         {&response.long_term_interest(), &response.instant_interest()}) {
      if (i < list->size()) {
        row.push_back(list->Get(i).tag());
        row.push_back(Weight(list->Get(i).weight()));
      } else {
        row.insert(row.end(), {"", ""});
      }
    }
  }
  if (rows == 0) {
    absl::StrAppend(&out, "(no interest tags)\n");
  } else {
    absl::StrAppend(&out, RenderTable(tags, /*right_aligned=*/{0, 2, 4}));
  }
  absl::StrAppend(&out, "\nrecent products (most recent last): ",
                  JoinOrDash(response.recent_product_ids()), "\n");
  return out;
}

std::string FormatProductDescription(
    const v1::DescribeProductResponse& response) {
  std::string out = absl::StrCat(
      "product: ", response.product_id(), "\ntitle: ", response.title(),
      "\ncategory: ", response.category(), "\nshop: ", response.shop_id(),
      "\nstatus: ", StatusName(response.status()),
      "\nprice: ", absl::StrFormat("%.2f", response.price()), "\ntags: ");
  std::vector<std::string> tags;
  for (const v1::WeightedTag& tag : response.tags()) {
    tags.push_back(absl::StrCat(tag.tag(), " ", Weight(tag.weight())));
  }
  absl::StrAppend(&out, tags.empty() ? "-" : absl::StrJoin(tags, ", "), "\n\n");
  // Decayed counts exist for these types only.
  const v1::ItemStatistics& decayed = response.statistics();
  auto decayed_of = [&](absl::string_view type) -> std::string {
    if (type == "impression") return Weight(decayed.impressions());
    if (type == "click") return Weight(decayed.clicks());
    if (type == "add_to_cart") return Weight(decayed.carts());
    if (type == "purchase") return Weight(decayed.purchases());
    return "";
  };
  std::vector<std::vector<std::string>> rows = {{"event", "count", "decayed"}};
  for (const TypeCount& type : TypeCounts(response.event_counts())) {
    rows.push_back(
        {type.name, absl::StrCat(type.count), decayed_of(type.name)});
  }
  rows.push_back({"total", absl::StrCat(response.event_counts().total()), ""});
  rows.push_back({"popularity", "", Weight(decayed.popularity())});
  absl::StrAppend(&out, RenderTable(rows, /*right_aligned=*/{1, 2}));
  return out;
}

std::string FormatBytes(uint64_t bytes) {
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return absl::StrCat(bytes, " B");
  double value = static_cast<double>(bytes) / 1024;
  size_t unit = 0;
  // 1023.96 KiB would print as "1024.0 KiB": move up before rounding does.
  while (value >= 1023.95 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return absl::StrFormat("%.1f %s", value, kUnits[unit]);
}

std::string GroupThousands(uint64_t value) {
  const std::string digits = absl::StrCat(value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatServiceDescription(
    const v1::DescribeServiceResponse& response) {
  const absl::Duration uptime =
      absl::Trunc(absl::Seconds(response.uptime_seconds()), absl::Seconds(1));
  std::string out = absl::StrCat(
      "version: ", response.version().empty() ? "-" : response.version(),
      "\nuptime: ", absl::FormatDuration(uptime), "\nmemory: ");
  if (response.rss_bytes() == 0) {
    absl::StrAppend(&out, "unknown (the server cannot read it)\n\n");
  } else {
    absl::StrAppend(&out, FormatBytes(response.rss_bytes()), " resident, peak ",
                    FormatBytes(response.peak_rss_bytes()), "\n\n");
  }
  const std::vector<std::vector<std::string>> rows = {
      {"state", "count"},
      {"products", GroupThousands(response.products())},
      {"shops", GroupThousands(response.shops())},
      {"tags", GroupThousands(response.tags())},
      {"users", GroupThousands(response.users())},
      {"evicted users", GroupThousands(response.evicted_users())},
      {"archived users", GroupThousands(response.archived_users())},
      {"sessions", GroupThousands(response.sessions())},
      {"events", GroupThousands(response.events())}};
  absl::StrAppend(&out, RenderTable(rows, /*right_aligned=*/{1}));
  return out;
}

std::string FormatRecommendations(const v1::RecommendProductsResponse& response,
                                  bool explain) {
  std::string out = absl::StrCat("request_id: ", response.request_id(), "\n");
  if (response.has_commerce_density()) {
    const v1::CommerceDensity& density = response.commerce_density();
    absl::StrAppend(
        &out, "commerce density: at most ", density.max_products(),
        " products, score >= ", absl::StrFormat("%.3f", density.min_score()),
        ", tolerance ", absl::StrFormat("%.2f", density.commerce_tolerance()),
        "\n");
  }
  if (response.items().empty()) return absl::StrCat(out, "(no products)\n");

  std::vector<std::vector<std::string>> rows;
  if (explain) {
    rows.push_back({"rank", "product", "score", "source", "title", "category",
                    "matched (instant / long-term / context)"});
  } else {
    rows.push_back({"rank", "product", "score", "source"});
  }
  int rank = 0;
  for (const v1::RecommendedItem& item : response.items()) {
    std::vector<std::string>& row = rows.emplace_back();
    row = {absl::StrCat(++rank), item.product_id(),
           absl::StrFormat("%.3f", item.score()), item.source()};
    if (!explain) continue;
    if (item.has_explanation()) {
      const v1::Explanation& explanation = item.explanation();
      row.push_back(TruncateUtf8(explanation.title(), kMaxTitleWidth));
      row.push_back(explanation.category());
      row.push_back(MatchedTags(explanation));
    } else {
      row.insert(row.end(), {"", "", ""});  // the server sent no explanation
    }
  }
  return absl::StrCat(out, RenderTable(rows, /*right_aligned=*/{0, 2}));
}

absl::StatusOr<std::string> FormatJson(
    const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string json;
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print as JSON: ", status.ToString()));
  }
  if (json.empty() || json.back() != '\n') json.push_back('\n');
  return json;
}

std::string FormatError(const absl::Status& status) {
  return absl::StrCat("error: ", absl::StatusCodeToString(status.code()), ": ",
                      status.message());
}

std::string RenderTable(const std::vector<std::vector<std::string>>& rows,
                        const std::vector<size_t>& right_aligned) {
  std::vector<size_t> widths;
  for (const std::vector<std::string>& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], CodePoints(row[i]));
    }
  }
  std::string out;
  for (const std::vector<std::string>& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line.append("  ");
      const std::string padding(widths[i] - CodePoints(row[i]), ' ');
      const bool right = std::find(right_aligned.begin(), right_aligned.end(),
                                   i) != right_aligned.end();
      absl::StrAppend(&line, right ? padding : "", row[i],
                      right ? "" : padding);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

std::string TruncateUtf8(absl::string_view text, size_t max_code_points) {
  if (CodePoints(text) <= max_code_points) return std::string(text);
  constexpr absl::string_view kEllipsis = "...";
  const size_t keep = max_code_points > kEllipsis.size()
                          ? max_code_points - kEllipsis.size()
                          : 0;
  // Walk to the first byte of code point number `keep`.
  size_t end = 0;
  for (size_t seen = 0; end < text.size(); ++end) {
    if (!IsContinuationByte(text[end]) && seen++ == keep) break;
  }
  return absl::StrCat(text.substr(0, end),
                      kEllipsis.substr(0, max_code_points - keep));
}

}  // namespace ranker::cli
