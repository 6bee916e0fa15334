// ranker_cli: calls an Interest Ranker server from the shell. This file maps
// subcommands and flags onto the helpers in cli_*.h and the RankerClient;
// the parsing and printing live in those helpers.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/substitute.h"
#include "absl/time/time.h"
#include "client/cli_args.h"
#include "client/cli_format.h"
#include "client/cli_jsonl.h"
#include "client/cli_parse.h"
#include "client/cli_requests.h"
#include "client/connection_flags.h"
#include "client/connection_options.h"
#include "client/ranker_client.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051",
          "Address of the server, host:port.");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(5),
          "Deadline of each call, e.g. 500ms or 30s.");
ABSL_FLAG(std::string, user, "", "User id (recommend, log, user).");
ABSL_FLAG(std::string, session, "", "Session id (recommend, log).");
ABSL_FLAG(int32_t, count, 20, "How many products to return, 1..200.");
ABSL_FLAG(std::string, scene, "feed", "Where the list is shown.");
ABSL_FLAG(std::string, shop, "",
          "In the storefront scene: rank only this shop's products "
          "(recommend); comma-separated shops to govern (shops).");
ABSL_FLAG(std::string, context_tags, "",
          "Comma-separated tags of the content being watched.");
ABSL_FLAG(std::string, recent, "",
          "Comma-separated products viewed recently, most recent last.");
ABSL_FLAG(std::string, exclude, "",
          "Comma-separated products that must not be returned.");
ABSL_FLAG(int32_t, content_slots, 0,
          "Feed only: content slots on the page (commerce density rule).");
ABSL_FLAG(std::string, weight, "",
          "Ranking weight overrides, name=value,name2=value2.");
ABSL_FLAG(bool, explain, true,
          "Ask for explanations and show title, category and matched tags.");
ABSL_FLAG(bool, json, false, "Print the response as JSON.");
ABSL_FLAG(std::string, product, "",
          "Comma-separated product ids; one event each (log). One product id "
          "(product).");
ABSL_FLAG(std::string, type, "", "Event type (log).");
ABSL_FLAG(int64_t, dwell_ms, 0, "For dwell events: how long, in ms (log).");
ABSL_FLAG(std::string, form, "", "Content form the product was seen in (log).");
ABSL_FLAG(std::string, content_tags, "",
          "Comma-separated tags of that content (log).");
ABSL_FLAG(std::string, creator, "",
          "Creator whose content showed the product (log).");
ABSL_FLAG(int64_t, timestamp_ms, 0,
          "When it happened, ms since the epoch; 0 means now (log).");
ABSL_FLAG(std::string, status, "", "Shop status: active or banned (shops).");
ABSL_FLAG(std::optional<double>, quality, std::nullopt,
          "Shop quality score in [0, 1], 1 the best; when not given the "
          "shops keep their score (shops).");
ABSL_FLAG(int32_t, top_tags, 0,
          "Interest tags to show per speed, 0..128; 0 means the server's "
          "default of 20 (user).");
ABSL_FLAG(std::string, file, "",
          "JSON Lines file to send (log, upsert, shops); - reads standard "
          "input.");

namespace ranker::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // the server or the connection failed
constexpr int kExitUsage = 2;    // the command line or an input file is wrong

using FlagSet = absl::flat_hash_set<std::string>;

struct Command {
  absl::string_view name;
  // The flags the command reads, besides --target and --timeout.
  std::vector<absl::string_view> flags;
  int (*run)(const FlagSet& given);
};

// The accepted names, wrapped to fit the usage text's right-hand column.
std::string WrappedNames(absl::string_view names) {
  constexpr size_t kWidth = 58;
  std::string out;
  size_t line_length = 0;
  for (absl::string_view name : absl::StrSplit(names, '|')) {
    if (line_length > 0 && line_length + 1 + name.size() > kWidth) {
      absl::StrAppend(&out, "\n                    ");
      line_length = 0;
    } else if (line_length > 0) {
      out.push_back(' ');
      ++line_length;
    }
    absl::StrAppend(&out, name);
    line_length += name.size();
  }
  return out;
}

struct CommandHelp {
  std::string summary;   // one line, after the command's name
  std::string synopsis;  // the command lines, as the user types them
  std::string details;   // one entry per flag that needs explaining
};

CommandHelp HelpFor(absl::string_view name) {
  if (name == "health") {
    return {"Asks grpc.health.v1.Health whether the server is serving.",
            "    ranker_cli health [--target=HOST:PORT]\n",
            "    Prints SERVING and exits 0, or prints the problem and exits "
            "1.\n"};
  }
  if (name == "recommend") {
    return {
        "Ranks products for one user and prints them, best first.",
        R"(    ranker_cli recommend --user=ID [--session=ID] [--count=20] [--scene=feed]
        [--shop=ID] [--context_tags=a,b] [--recent=p1,p2] [--exclude=p3,p4]
        [--content_slots=N] [--weight=name=value,...] [--explain=true] [--json]
)",
        absl::Substitute(
            R"(    --count         how many products, 1..200
    --scene         $0
    --shop          storefront only: rank only this shop's products
    --context_tags  tags of the content being watched now
    --recent        products viewed in this session, most recent last
    --exclude       products that must not be returned
    --content_slots feed only: content slots on the page; products fill at
                    most a share of them, fewer for a user who skips them
    --weight        ranking weight overrides, for experiments
    --explain       also ask for and show title, category and the matched
                    tags (instant / long-term / context); with false only
                    rank, product, score and source
    --json          print the whole response as JSON instead of a table
)",
            SceneNames(" "))};
  }
  if (name == "log") {
    return {
        "Records user events; prints \"accepted N events\".",
        R"(    ranker_cli log --user=ID --product=p1,p2 --type=TYPE [--session=ID]
        [--dwell_ms=N] [--form=FORM] [--content_tags=a,b] [--creator=ID]
        [--timestamp_ms=N]
    ranker_cli log --file=events.jsonl   (--file=- reads standard input)
)",
        absl::Substitute(
            R"(    --product       one event per product id, all in one call
    --type          $0
    --form          $1
    --dwell_ms      for dwell events: how long, in ms
    --creator       the creator whose video or live stream showed the
                    product: engaging raises the user's affinity with them
    --timestamp_ms  ms since the Unix epoch; 0 (default) means now
    --file          one JSON object per line with the keys user_id,
                    session_id, product_id, type, timestamp_ms, dwell_ms,
                    content_form, content_tags, creator_id; sent $2 events
                    per call
)",
            WrappedNames(EventTypeNames()), WrappedNames(ContentFormNames()),
            kBatchSize)};
  }
  if (name == "upsert") {
    return {
        "Adds or replaces products; prints \"inserted N, updated M\".",
        "    ranker_cli upsert --file=products.jsonl   (--file=- reads "
        "standard input)\n",
        absl::Substitute(
            R"(    --file          products in the catalog format of deploy/demo/README.md,
                    one per line, sent $0 per call. To change one product,
                    send its whole line, e.g.:
                      grep '"p00042"' catalog.jsonl |
                      sed 's/"status":"active"/"status":"banned"/' |
                      ranker_cli upsert --file=-
)",
            kBatchSize)};
  }
  if (name == "shops") {
    return {
        "Bans, reinstates or scores shops; prints \"inserted N, updated M\".",
        R"(    ranker_cli shops --shop=s1,s2 --status=STATUS [--quality=0.3]
    ranker_cli shops --file=shops.jsonl   (--file=- reads standard input)
)",
        absl::Substitute(
            R"(    --shop          the shops to change, all in one call
    --status        $0; a banned shop's products are never
                    returned, from the next request on
    --quality       quality score in [0, 1], 1 the best (no demotion); lower
                    scores demote the shop's products. Without it the shops
                    keep their current score.
    --file          one JSON object per line with the keys shop_id, status,
                    quality_score; sent $1 shops per call
)",
            ShopStatusNames(), kBatchSize)};
  }
  if (name == "user") {
    return {
        "Shows what the server learned about a user: exact event counts, "
        "interests.",
        "    ranker_cli user --user=ID [--top_tags=N] [--json]\n",
        R"(    --top_tags      interest tags per speed (long-term, instant), 0..128;
                    0 (default) lets the server show 20
    --json          print the whole response as JSON instead of tables
    A user without events is no error: it prints "unknown" and exits 0.
)"};
  }
  if (name == "product") {
    return {
        "Shows a product's catalog fields and its exact and decayed "
        "counts.",
        "    ranker_cli product --product=ID [--json]\n",
        R"(    --product       one product id; an unknown one exits 1 (NOT_FOUND)
    --json          print the whole response as JSON instead of tables
)"};
  }
  if (name == "service") {
    return {
        "Shows what the server holds (counts), its memory and uptime.",
        "    ranker_cli service [--json]\n",
        R"(    Prints the counts of products, shops, tags, users (in memory, evicted,
    archived), sessions and events applied, and the resident memory and its
    peak in binary units (MiB, GiB).
    --json          print the whole response as JSON (memory in bytes,
                    uptime in seconds) instead of human units
)"};
  }
  return {};
}

constexpr absl::string_view kCommandNames[] = {"health",  "recommend", "log",
                                               "upsert",  "shops",     "user",
                                               "product", "service"};

constexpr absl::string_view kCommonFlags = R"(
flags of every command:
    --target        server address, host:port (default 127.0.0.1:50051)
    --timeout       deadline of each call, e.g. 500ms, 30s (default 5s)
    --token_file    file holding the bearer token for a server that requires
                    one (--token=TOKEN also works, but shows in the process
                    list)
    --tls           connect with TLS, verifying the server with system roots
    --tls_ca_file   connect with TLS, verifying the server with these PEM roots
    --tls_server_name
                    the name the server's certificate must carry, when it
                    differs from --target's host
    --tls_client_cert_file, --tls_client_key_file
                    certificate and key to present to a mutual-TLS server
)";

// Every command with every flag explained: for --help.
std::string FullUsage() {
  std::string out =
      "usage: ranker_cli <command> [flags]\n\n"
      "Calls an Interest Ranker server (ranker.v1.Ranker).\n\ncommands:\n";
  for (absl::string_view name : kCommandNames) {
    const CommandHelp help = HelpFor(name);
    absl::StrAppendFormat(&out, "%s  %-11s %s\n%s%s",
                          name == "health" ? "" : "\n", name, help.summary,
                          help.synopsis, help.details);
  }
  absl::StrAppend(&out, kCommonFlags,
                  "\nexit status: 0 done, 1 the server or the connection "
                  "failed, 2 bad command\nline or input file.\n");
  return out;
}

// After a usage error: the one command's help, or the synopsis of all.
std::string ShortUsage(absl::string_view command) {
  if (!command.empty()) {
    const CommandHelp help = HelpFor(command);
    return absl::StrCat("usage:\n", help.synopsis, help.details, kCommonFlags);
  }
  std::string out = "usage:\n";
  for (absl::string_view name : kCommandNames) {
    absl::StrAppend(&out, HelpFor(name).synopsis);
  }
  absl::StrAppend(&out, "run 'ranker_cli --help' for every flag\n");
  return out;
}

int UsageError(absl::string_view message, absl::string_view command = "") {
  std::cerr << "error: " << message << "\n\n" << ShortUsage(command);
  return kExitUsage;
}

// A problem in an input file: the usage text would not help.
int InputError(const absl::Status& status) {
  std::cerr << "error: --file: " << status.message() << "\n";
  return kExitUsage;
}

int RpcError(const absl::Status& status) {
  std::cerr << FormatError(status) << "\n";
  return kExitFailure;
}

// Set by Main before a command runs.
ConnectionOptions& Connection() {
  static auto* const kConnection = new ConnectionOptions();
  return *kConnection;
}

std::unique_ptr<RankerClient> ConnectToTarget() {
  return RankerClient::Connect(absl::GetFlag(FLAGS_target), Connection());
}

// Each call is all-or-nothing on the server, so after a failure the earlier
// calls stay applied and the failed one changed nothing: say so, so that the
// user knows where to resume.
void ReportPartialSend(size_t failed_call, size_t calls, size_t items_before,
                       size_t items_in_failed_call, absl::string_view noun) {
  if (calls <= 1) return;
  std::cerr << "note: call " << failed_call + 1 << " of " << calls
            << " failed and applied nothing (" << noun << " "
            << items_before + 1 << ".." << items_before + items_in_failed_call
            << "); the " << items_before << " " << noun
            << " before it were applied\n";
}

// Sends the batches in order through `call`, handing each reply to `on_reply`;
// stops at the first failure. `size` counts a batch's items, `noun` names
// them. Returns the exit code.
template <typename Request, typename Reply>
int SendBatches(const std::vector<Request>& requests, absl::string_view noun,
                absl::FunctionRef<absl::StatusOr<Reply>(const Request&)> call,
                absl::FunctionRef<size_t(const Request&)> size,
                absl::FunctionRef<void(const Reply&)> on_reply) {
  size_t sent = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    absl::StatusOr<Reply> reply = call(requests[i]);
    if (!reply.ok()) {
      RpcError(reply.status());
      ReportPartialSend(i, requests.size(), sent, size(requests[i]), noun);
      return kExitFailure;
    }
    on_reply(*reply);
    sent += size(requests[i]);
  }
  return kExitOk;
}

int RunHealth(const FlagSet& given) {
  absl::StatusOr<bool> serving =
      ConnectToTarget()->Health(absl::GetFlag(FLAGS_timeout));
  if (!serving.ok()) return RpcError(serving.status());
  std::cout << (*serving ? "SERVING" : "NOT_SERVING") << "\n";
  return *serving ? kExitOk : kExitFailure;
}

// Prints `response` as JSON with --json, otherwise as `format` makes it.
template <typename Response, typename Format>
int PrintResponse(const absl::StatusOr<Response>& response, Format format) {
  if (!response.ok()) return RpcError(response.status());
  if (absl::GetFlag(FLAGS_json)) {
    absl::StatusOr<std::string> json = FormatJson(*response);
    if (!json.ok()) return RpcError(json.status());
    std::cout << *json;
  } else {
    std::cout << format(*response);
  }
  return kExitOk;
}

int RunRecommend(const FlagSet& given) {
  RecommendOptions options;
  options.user = absl::GetFlag(FLAGS_user);
  options.session = absl::GetFlag(FLAGS_session);
  options.count = absl::GetFlag(FLAGS_count);
  options.scene = absl::GetFlag(FLAGS_scene);
  options.shop = absl::GetFlag(FLAGS_shop);
  options.context_tags = absl::GetFlag(FLAGS_context_tags);
  options.recent = absl::GetFlag(FLAGS_recent);
  options.exclude = absl::GetFlag(FLAGS_exclude);
  options.content_slots = absl::GetFlag(FLAGS_content_slots);
  options.weight = absl::GetFlag(FLAGS_weight);
  options.explain = absl::GetFlag(FLAGS_explain);
  absl::StatusOr<v1::RecommendProductsRequest> request =
      BuildRecommendRequest(options);
  if (!request.ok()) return UsageError(request.status().message(), "recommend");

  return PrintResponse(
      ConnectToTarget()->Recommend(*request, absl::GetFlag(FLAGS_timeout)),
      [&](const v1::RecommendProductsResponse& response) {
        return FormatRecommendations(response, options.explain);
      });
}

// How errors name the --file input.
std::string SourceName(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

absl::StatusOr<std::vector<v1::Event>> EventsFromFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadInput(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<v1::Event>> events =
      ParseEventsJsonl(*text, SourceName(path));
  if (events.ok() && events->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(SourceName(path), ": no events"));
  }
  return events;
}

absl::StatusOr<std::vector<v1::Product>> ProductsFromFile(
    const std::string& path) {
  absl::StatusOr<std::string> text = ReadInput(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<v1::Product>> products =
      ParseProductsJsonl(*text, SourceName(path));
  if (products.ok() && products->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(SourceName(path), ": no products"));
  }
  return products;
}

int RunLog(const FlagSet& given) {
  absl::StatusOr<std::vector<v1::Event>> events;
  if (!absl::GetFlag(FLAGS_file).empty()) {
    // The file holds whole events; a per-event flag beside it would be
    // silently ignored, so refuse it.
    for (absl::string_view flag :
         {"user", "session", "product", "type", "dwell_ms", "form",
          "content_tags", "creator", "timestamp_ms"}) {
      if (given.contains(flag)) {
        return UsageError(
            absl::StrCat("--", flag, ": cannot be combined with --file"),
            "log");
      }
    }
    events = EventsFromFile(absl::GetFlag(FLAGS_file));
    if (!events.ok()) return InputError(events.status());
  } else {
    LogOptions options;
    options.user = absl::GetFlag(FLAGS_user);
    options.session = absl::GetFlag(FLAGS_session);
    options.products = absl::GetFlag(FLAGS_product);
    options.type = absl::GetFlag(FLAGS_type);
    options.dwell_ms = absl::GetFlag(FLAGS_dwell_ms);
    options.form = absl::GetFlag(FLAGS_form);
    options.content_tags = absl::GetFlag(FLAGS_content_tags);
    options.creator = absl::GetFlag(FLAGS_creator);
    options.timestamp_ms = absl::GetFlag(FLAGS_timestamp_ms);
    events = BuildEvents(options);
    if (!events.ok()) return UsageError(events.status().message(), "log");
  }

  const std::vector<v1::LogEventRequest> requests =
      MakeLogEventRequests(*std::move(events));
  std::unique_ptr<RankerClient> client = ConnectToTarget();
  int64_t accepted = 0;
  const int exit_code = SendBatches<v1::LogEventRequest, v1::LogEventResponse>(
      requests, "events",
      [&](const v1::LogEventRequest& request) {
        return client->LogEvents(request, absl::GetFlag(FLAGS_timeout));
      },
      [](const v1::LogEventRequest& request) -> size_t {
        return request.events_size();
      },
      [&](const v1::LogEventResponse& reply) { accepted += reply.accepted(); });
  if (exit_code != kExitOk) return exit_code;
  std::cout << "accepted " << accepted << " events\n";
  return kExitOk;
}

int RunUpsert(const FlagSet& given) {
  const std::string path = absl::GetFlag(FLAGS_file);
  if (path.empty()) return UsageError("--file: required", "upsert");
  absl::StatusOr<std::vector<v1::Product>> products = ProductsFromFile(path);
  if (!products.ok()) return InputError(products.status());

  const std::vector<v1::UpsertProductsRequest> requests =
      MakeUpsertRequests(*std::move(products));
  std::unique_ptr<RankerClient> client = ConnectToTarget();
  int64_t inserted = 0;
  int64_t updated = 0;
  const int exit_code =
      SendBatches<v1::UpsertProductsRequest, v1::UpsertProductsResponse>(
          requests, "products",
          [&](const v1::UpsertProductsRequest& request) {
            return client->UpsertProducts(request,
                                          absl::GetFlag(FLAGS_timeout));
          },
          [](const v1::UpsertProductsRequest& request) -> size_t {
            return request.products_size();
          },
          [&](const v1::UpsertProductsResponse& reply) {
            inserted += reply.inserted();
            updated += reply.updated();
          });
  if (exit_code != kExitOk) return exit_code;
  std::cout << "inserted " << inserted << ", updated " << updated << "\n";
  return kExitOk;
}

absl::StatusOr<std::vector<v1::Shop>> ShopsFromFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadInput(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<v1::Shop>> shops =
      ParseShopsJsonl(*text, SourceName(path));
  if (shops.ok() && shops->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(SourceName(path), ": no shops"));
  }
  return shops;
}

int RunShops(const FlagSet& given) {
  absl::StatusOr<std::vector<v1::Shop>> shops;
  if (!absl::GetFlag(FLAGS_file).empty()) {
    for (absl::string_view flag : {"shop", "status", "quality"}) {
      if (given.contains(flag)) {
        return UsageError(
            absl::StrCat("--", flag, ": cannot be combined with --file"),
            "shops");
      }
    }
    shops = ShopsFromFile(absl::GetFlag(FLAGS_file));
    if (!shops.ok()) return InputError(shops.status());
  } else {
    ShopOptions options;
    options.shops = absl::GetFlag(FLAGS_shop);
    options.status = absl::GetFlag(FLAGS_status);
    options.quality = absl::GetFlag(FLAGS_quality);
    shops = BuildShops(options);
    if (!shops.ok()) return UsageError(shops.status().message(), "shops");
  }

  const std::vector<v1::UpsertShopsRequest> requests =
      MakeUpsertShopsRequests(*std::move(shops));
  std::unique_ptr<RankerClient> client = ConnectToTarget();
  int64_t inserted = 0;
  int64_t updated = 0;
  const int exit_code =
      SendBatches<v1::UpsertShopsRequest, v1::UpsertShopsResponse>(
          requests, "shops",
          [&](const v1::UpsertShopsRequest& request) {
            return client->UpsertShops(request, absl::GetFlag(FLAGS_timeout));
          },
          [](const v1::UpsertShopsRequest& request) -> size_t {
            return request.shops_size();
          },
          [&](const v1::UpsertShopsResponse& reply) {
            inserted += reply.inserted();
            updated += reply.updated();
          });
  if (exit_code != kExitOk) return exit_code;
  std::cout << "inserted " << inserted << ", updated " << updated << "\n";
  return kExitOk;
}

int RunUser(const FlagSet& given) {
  v1::DescribeUserRequest request;
  request.set_user_id(absl::GetFlag(FLAGS_user));
  if (request.user_id().empty()) return UsageError("--user: required", "user");
  request.set_top_tags(absl::GetFlag(FLAGS_top_tags));
  return PrintResponse(
      ConnectToTarget()->DescribeUser(request, absl::GetFlag(FLAGS_timeout)),
      [&](const v1::DescribeUserResponse& response) {
        return FormatUserDescription(request.user_id(), response);
      });
}

int RunProduct(const FlagSet& given) {
  const std::vector<std::string> ids = SplitList(absl::GetFlag(FLAGS_product));
  if (ids.size() != 1) {
    return UsageError("--product: exactly one product id required", "product");
  }
  v1::DescribeProductRequest request;
  request.set_product_id(ids[0]);
  return PrintResponse(
      ConnectToTarget()->DescribeProduct(request, absl::GetFlag(FLAGS_timeout)),
      [](const v1::DescribeProductResponse& response) {
        return FormatProductDescription(response);
      });
}

int RunService(const FlagSet& given) {
  return PrintResponse(
      ConnectToTarget()->DescribeService(absl::GetFlag(FLAGS_timeout)),
      [](const v1::DescribeServiceResponse& response) {
        return FormatServiceDescription(response);
      });
}

const std::vector<Command>& Commands() {
  static const auto* const kCommands = new std::vector<Command>{
      {"health", {}, RunHealth},
      {"recommend",
       {"user", "session", "count", "scene", "shop", "context_tags", "recent",
        "exclude", "content_slots", "weight", "explain", "json"},
       RunRecommend},
      {"log",
       {"user", "session", "product", "type", "dwell_ms", "form",
        "content_tags", "creator", "timestamp_ms", "file"},
       RunLog},
      {"upsert", {"file"}, RunUpsert},
      {"shops", {"shop", "status", "quality", "file"}, RunShops},
      {"user", {"user", "top_tags", "json"}, RunUser},
      {"product", {"product", "json"}, RunProduct},
      {"service", {"json"}, RunService},
  };
  return *kCommands;
}

const Command* FindCommand(absl::string_view name) {
  for (const Command& command : Commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

// A flag of this tool that `command` does not read: most likely a mistake
// (a typo'd command, or a flag meant for another command).
absl::string_view UnusedFlag(const Command& command, const FlagSet& given) {
  for (const Command& other : Commands()) {
    for (absl::string_view flag : other.flags) {
      if (given.contains(flag) &&
          std::find(command.flags.begin(), command.flags.end(), flag) ==
              command.flags.end()) {
        return flag;
      }
    }
  }
  return "";
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(FullUsage());  // shown by --helpfull
  const absl::string_view first_arg = argc > 1 ? argv[1] : "";
  const absl::string_view guessed_command =
      FindCommand(first_arg) != nullptr ? first_arg : "";

  absl::StatusOr<ScannedArgs> scanned = ScanArgs(argc, argv);
  if (!scanned.ok()) {
    return UsageError(scanned.status().message(), guessed_command);
  }
  const std::vector<std::string>& words = scanned->positional;
  if (scanned->help || (!words.empty() && words[0] == "help")) {
    // "ranker_cli recommend --help" and "ranker_cli help recommend" show
    // the one command; anything else shows all.
    const size_t topic = !words.empty() && words[0] == "help" ? 1 : 0;
    if (words.size() > topic && FindCommand(words[topic]) != nullptr) {
      std::cout << ShortUsage(words[topic]);
    } else {
      std::cout << FullUsage();
    }
    return kExitOk;
  }

  // Handles what ScanArgs leaves to Abseil: --flagfile, --helpfull, ...
  std::vector<char*> normalized;
  for (std::string& arg : scanned->normalized) normalized.push_back(arg.data());
  absl::ParseCommandLine(static_cast<int>(normalized.size()),
                         normalized.data());
  if (words.empty()) return UsageError("missing command");
  const Command* command = FindCommand(words[0]);
  if (command == nullptr) {
    return UsageError(absl::StrCat("unknown command '", words[0], "'"));
  }
  if (words.size() > 1) {
    return UsageError(absl::StrCat("unexpected argument '", words[1], "'"),
                      command->name);
  }
  if (absl::string_view flag = UnusedFlag(*command, scanned->flags);
      !flag.empty()) {
    return UsageError(
        absl::StrCat("--", flag, ": not used by '", command->name, "'"),
        command->name);
  }
  absl::StatusOr<ConnectionOptions> connection = ConnectionOptionsFromFlags();
  if (!connection.ok()) {
    std::cerr << "error: " << connection.status().message() << "\n";
    return kExitUsage;
  }
  Connection() = *std::move(connection);
  return command->run(scanned->flags);
}

}  // namespace
}  // namespace ranker::cli

int main(int argc, char** argv) { return ranker::cli::Main(argc, argv); }
