// ranker_scale: data at scale for the Interest Ranker (docs/performance.md).
//
//   ranker_scale catalog --products=1000000 --out=/tmp/catalog-1m.jsonl
//       writes a synthetic catalog in the catalog file format, for
//       `ranker_server --catalog=/tmp/catalog-1m.jsonl`;
//   ranker_scale histories --products=1000000 --users=1000000
//       generates each user's history over the same catalog (same
//       --products and --catalog_seed) and loads it through LogEvent in
//       batches, then prints what the server reports (DescribeService).
//
// Exit status: 0 done, 1 a call or the output failed, 2 bad flags.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/connection_flags.h"
#include "client/ranker_client.h"
#include "client/scale/synthetic_catalog.h"
#include "client/scale/synthetic_histories.h"
#include "core/catalog/catalog_file.h"

ABSL_FLAG(int32_t, products, 1'000'000, "Products in the synthetic catalog.");
ABSL_FLAG(uint64_t, catalog_seed, 20261203,
          "Seed of the catalog; histories need the catalog's seed.");
ABSL_FLAG(std::string, out, "-", "catalog: the JSONL file to write; - stdout.");

ABSL_FLAG(std::string, target, "127.0.0.1:50051",
          "histories: the server, host:port.");
ABSL_FLAG(int32_t, users, 1'000'000, "histories: users load-u0 ...");
ABSL_FLAG(double, events_per_user, 20, "histories: mean events per user.");
ABSL_FLAG(uint64_t, history_seed, 20261204, "histories: seed of the events.");
ABSL_FLAG(int32_t, first_user, 0,
          "histories: load users from this one on (resume a partial load).");
ABSL_FLAG(int32_t, batch_events, 1000,
          "histories: events per LogEvent call (1..10000).");
ABSL_FLAG(int32_t, in_flight, 4, "histories: LogEvent calls at once.");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(60),
          "histories: deadline of each call.");

namespace ranker::scale {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

SyntheticCatalogOptions CatalogOptions() {
  SyntheticCatalogOptions options;
  options.products = absl::GetFlag(FLAGS_products);
  options.seed = absl::GetFlag(FLAGS_catalog_seed);
  options.now_ms = absl::ToUnixMillis(absl::Now());
  return options;
}

int WriteCatalog() {
  const SyntheticCatalog catalog(CatalogOptions());
  const std::string path = absl::GetFlag(FLAGS_out);
  std::ofstream file;
  if (path != "-") {
    file.open(path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "cannot write " << path << "\n";
      return kExitFailure;
    }
  }
  std::ostream& out = path == "-" ? std::cout : file;
  for (int i = 0; i < catalog.size(); ++i) {
    out << CatalogJsonLine(catalog.Product(i)) << '\n';
  }
  out.flush();
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    return kExitFailure;
  }
  std::cerr << absl::StrFormat(
      "%d products, %d leaf categories, %d topic tags -> %s\n", catalog.size(),
      catalog.leaf_categories(), catalog.topic_tags(), path);
  return 0;
}

// core EventType / ContentForm -> proto: the proto numbers the same values
// from 1 (0 is UNSPECIFIED) and the content forms alike.
void ToProto(const Event& event, v1::Event* out) {
  out->set_user_id(event.user_id);
  out->set_session_id(event.session_id);
  out->set_product_id(event.product_id);
  out->set_type(static_cast<v1::EventType>(static_cast<int>(event.type) + 1));
  out->set_timestamp_ms(event.timestamp_ms);
  out->set_dwell_ms(event.dwell_ms);
  out->set_content_form(
      static_cast<v1::ContentForm>(static_cast<int>(event.content_form)));
  for (const std::string& tag : event.content_tags) out->add_content_tags(tag);
  out->set_creator_id(event.creator_id);
}

constexpr double kMiB = 1024.0 * 1024.0;

// What the server reports before and after the load, and the resident
// memory the load added per new user and per event (docs/performance.md).
void PrintMemory(const v1::DescribeServiceResponse& before,
                 const v1::DescribeServiceResponse& after) {
  const double rss_delta = static_cast<double>(after.rss_bytes()) -
                           static_cast<double>(before.rss_bytes());
  const double users =
      static_cast<double>(after.users()) - static_cast<double>(before.users());
  const double events = static_cast<double>(after.events()) -
                        static_cast<double>(before.events());
  std::cout << absl::StrFormat(
      "server: %d products, %d users, %d sessions, %d events; resident "
      "%.1f MiB (peak %.1f MiB)\n",
      after.products(), after.users(), after.sessions(), after.events(),
      after.rss_bytes() / kMiB, after.peak_rss_bytes() / kMiB);
  std::cout << absl::StrFormat(
      "resident memory added: %.1f MiB for %.0f new users and %.0f events: "
      "%.0f bytes per user, %.0f bytes per event\n",
      rss_delta / kMiB, users, events, users > 0 ? rss_delta / users : 0.0,
      events > 0 ? rss_delta / events : 0.0);
}

struct LoadTotals {
  absl::Mutex mu;
  int64_t events ABSL_GUARDED_BY(mu) = 0;
  int64_t calls ABSL_GUARDED_BY(mu) = 0;
  int next_report ABSL_GUARDED_BY(mu) = 0;
  std::string error ABSL_GUARDED_BY(mu);
};

int LoadHistories() {
  const int batch_events = absl::GetFlag(FLAGS_batch_events);
  const int in_flight = absl::GetFlag(FLAGS_in_flight);
  if (batch_events < 1 || batch_events > 10000 || in_flight < 1) {
    std::cerr << "--batch_events must be in [1, 10000], --in_flight >= 1\n";
    return kExitUsage;
  }
  absl::StatusOr<ConnectionOptions> connection = ConnectionOptionsFromFlags();
  if (!connection.ok()) {
    std::cerr << connection.status().message() << "\n";
    return kExitUsage;
  }
  std::unique_ptr<RankerClient> client =
      RankerClient::Connect(absl::GetFlag(FLAGS_target), *connection);
  if (auto s = client->WaitForReady(absl::Seconds(10)); !s.ok()) {
    std::cerr << s.message() << "\n";
    return kExitFailure;
  }

  absl::StatusOr<v1::DescribeServiceResponse> before =
      client->DescribeService();
  if (!before.ok()) {
    std::cerr << "DescribeService: " << before.status() << "\n";
    return kExitFailure;
  }
  const SyntheticCatalog catalog(CatalogOptions());
  SyntheticHistoryOptions options;
  options.users = absl::GetFlag(FLAGS_users);
  options.events_per_user = absl::GetFlag(FLAGS_events_per_user);
  options.seed = absl::GetFlag(FLAGS_history_seed);
  options.now_ms = absl::ToUnixMillis(absl::Now());
  const SyntheticHistories histories(catalog, options);
  catalog.ProductsByLeaf();  // built once, before the clock starts

  // Users are handed out in chunks; each thread fills batches from its
  // chunks (a batch may hold several users: the server takes any mix).
  constexpr int kUsersPerChunk = 256;
  std::atomic<int> next_user = absl::GetFlag(FLAGS_first_user);
  LoadTotals totals;
  const absl::Duration timeout = absl::GetFlag(FLAGS_timeout);
  const absl::Time start = absl::Now();
  auto send = [&](v1::LogEventRequest& request) {
    if (request.events_size() == 0) return true;
    absl::StatusOr<v1::LogEventResponse> reply =
        client->LogEvents(request, timeout);
    absl::MutexLock lock(&totals.mu);
    if (!reply.ok()) {
      if (totals.error.empty()) totals.error = reply.status().ToString();
      return false;
    }
    totals.events += request.events_size();
    totals.calls += 1;
    request.clear_events();
    return true;
  };
  auto worker = [&] {
    v1::LogEventRequest request;
    for (;;) {
      const int first = next_user.fetch_add(kUsersPerChunk);
      if (first >= options.users) break;
      const int last = std::min(options.users, first + kUsersPerChunk);
      for (int user = first; user < last; ++user) {
        for (const Event& event : histories.UserEvents(user)) {
          ToProto(event, request.add_events());
          if (request.events_size() == batch_events && !send(request)) return;
        }
      }
      absl::MutexLock lock(&totals.mu);
      if (last >= totals.next_report) {
        totals.next_report = last + options.users / 10;
        std::cerr << absl::StrFormat(
            "  %d users, %d events, %.0f events/s\n", last, totals.events,
            totals.events / absl::ToDoubleSeconds(absl::Now() - start));
      }
    }
    send(request);
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < in_flight; ++i) threads.emplace_back(worker);
  for (std::thread& thread : threads) thread.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);

  absl::MutexLock lock(&totals.mu);
  std::cout << absl::StrFormat(
      "loaded %d events in %d calls (%d events per call) in %.1f s: %.0f "
      "events/s\n",
      totals.events, totals.calls, batch_events, seconds,
      totals.events / seconds);
  if (!totals.error.empty()) {
    std::cerr << "LogEvent failed: " << totals.error << "\n";
    return kExitFailure;
  }
  absl::StatusOr<v1::DescribeServiceResponse> after = client->DescribeService();
  if (!after.ok()) {
    std::cerr << "DescribeService: " << after.status() << "\n";
    return kExitFailure;
  }
  PrintMemory(*before, *after);
  return 0;
}

}  // namespace
}  // namespace ranker::scale

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "ranker_scale catalog|histories [flags]: a synthetic catalog of "
      "--products products as JSONL, or --users users' histories loaded "
      "through LogEvent (docs/performance.md).");
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string command = args.size() == 2 ? args[1] : "";
  if (command == "catalog") return ranker::scale::WriteCatalog();
  if (command == "histories") return ranker::scale::LoadHistories();
  std::cerr << "usage: ranker_scale catalog|histories [flags]; see --help\n";
  return 2;
}
