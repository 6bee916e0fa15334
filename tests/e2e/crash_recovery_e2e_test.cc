// The kill -9 crash test: clients load events at full speed, the server is
// killed with SIGKILL at a random moment, restarted on the same --state_dir,
// and every user's and product's exact event counts (DescribeUser,
// DescribeProduct) must lie between what the clients saw acknowledged and
// what they sent. Trials follow each other on one state directory, so later
// trials recover a log that was itself recovered after a crash; every other
// trial also kills one start-up midway (during replay, the torn-tail cut or
// the new segment), and every fourth kills a just-recovered server within
// its first 50 ms of load.
//
// The suite runs 3 short trials. Environment variables make it the long,
// documented mode (scripts/crash_test.sh, docs/operations/durability.md):
//   RANKER_CRASH_TRIALS   trials (default 3)
//   RANKER_CRASH_SEED     seed of the kill times and the events (default:
//                         from the clock; printed either way)
//   RANKER_CRASH_FSYNC    --wal_fsync policy (default always)
//   RANKER_CRASH_THREADS  concurrent client threads (default 8)
//   RANKER_CRASH_LOAD_MS  longest load before a kill (default 1500; the
//                         shortest is a fifth of it)
//   RANKER_CRASH_REPORT   a file to which the results table is appended
//   RANKER_CRASH_SERVER_LOG  the servers' --log_level (default warn; info
//                         shows each replay's record count and time)
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/local_server.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/event_ledger.h"
#include "tests/e2e/server_process.h"

namespace ranker::testing {
namespace {

constexpr int kUsers = 200;
constexpr int kProductStride = 5;  // every 5th demo product: 400 of 2,000
constexpr int kMaxEventsPerCall = 8;
// Violations printed in full; the rest are only counted.
constexpr int kMaxReportedViolations = 20;

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);
  int64_t parsed = 0;
  if (value == nullptr || !absl::SimpleAtoi(value, &parsed)) return fallback;
  return parsed;
}

std::string EnvString(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : value;
}

struct CrashTestOptions {
  int trials;
  uint64_t seed;
  std::string fsync;
  int threads;
  int max_load_ms;
  std::string report_path;

  static CrashTestOptions FromEnvironment() {
    CrashTestOptions options;
    options.trials = static_cast<int>(EnvInt("RANKER_CRASH_TRIALS", 3));
    options.seed = static_cast<uint64_t>(EnvInt(
        "RANKER_CRASH_SEED", absl::ToUnixMicros(absl::Now()) % 1'000'000'007));
    options.fsync = EnvString("RANKER_CRASH_FSYNC", "always");
    options.threads = static_cast<int>(EnvInt("RANKER_CRASH_THREADS", 8));
    options.max_load_ms =
        static_cast<int>(EnvInt("RANKER_CRASH_LOAD_MS", 1500));
    options.report_path = EnvString("RANKER_CRASH_REPORT", "");
    return options;
  }
};

// Who and what the load is about: the ledgers index these.
struct Population {
  std::vector<std::string> users;
  std::vector<std::string> products;

  static Population Make() {
    Population population;
    for (int u = 0; u < kUsers; ++u) {
      population.users.push_back(absl::StrFormat("crash-u%03d", u));
    }
    const std::vector<ProductSpec>& catalog = DemoCatalog();
    for (size_t p = 0; p < catalog.size(); p += kProductStride) {
      population.products.push_back(catalog[p].id);
    }
    return population;
  }
};

constexpr v1::EventType ToApi(EventType type) {
  return static_cast<v1::EventType>(static_cast<int>(type) + 1);
}

// One trial's load, shared by its threads.
struct TrialLoad {
  std::atomic<bool> killed{false};
  std::atomic<uint64_t> acked_calls{0};
  std::atomic<uint64_t> acked_events{0};
  std::atomic<uint64_t> failed_calls{0};
};

// One client thread: LogEvent calls of 1..8 random events back to back, as
// fast as the server acknowledges them, until a call fails (the kill).
void LoadLoop(v1::Ranker::Stub* stub, uint64_t seed, int trial,
              const Population& population, EventLedger& users,
              EventLedger& products, TrialLoad& load) {
  std::mt19937_64 rng(seed);
  auto pick = [&](size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  struct Sent {
    size_t user, product;
    EventType type;
  };
  std::vector<Sent> batch;
  while (true) {
    v1::LogEventRequest request;
    batch.clear();
    const size_t events = 1 + pick(kMaxEventsPerCall);
    for (size_t i = 0; i < events; ++i) {
      const Sent sent{pick(population.users.size()),
                      pick(population.products.size()),
                      static_cast<EventType>(pick(kEventTypeCount))};
      batch.push_back(sent);
      v1::Event* event = request.add_events();
      event->set_user_id(population.users[sent.user]);
      event->set_session_id(
          absl::StrCat(population.users[sent.user], "-t", trial));
      event->set_product_id(population.products[sent.product]);
      event->set_type(ToApi(sent.type));
      if (sent.type == EventType::kDwell) {
        event->set_dwell_ms(static_cast<int64_t>(pick(60'000)));
      }
      event->set_content_form(static_cast<v1::ContentForm>(pick(4)));
      if (pick(2) == 0)
        event->add_content_tags(absl::StrCat("topic-", pick(50)));
      if (pick(4) == 0) event->set_creator_id(absl::StrCat("c", pick(20)));
      users.RecordSent(sent.user, sent.type);
      products.RecordSent(sent.product, sent.type);
    }
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    v1::LogEventResponse response;
    const grpc::Status status = stub->LogEvent(&context, request, &response);
    if (!status.ok()) {
      load.failed_calls.fetch_add(1);
      // Only the kill may end the load: anything earlier is a server bug.
      if (!load.killed.load()) {
        ADD_FAILURE() << "LogEvent failed before the kill: "
                      << status.error_code() << " " << status.error_message();
      }
      return;
    }
    for (const Sent& sent : batch) {
      users.RecordAcked(sent.user, sent.type);
      products.RecordAcked(sent.product, sent.type);
    }
    load.acked_calls.fetch_add(1);
    load.acked_events.fetch_add(events);
  }
}

std::array<uint64_t, kEventTypeCount> ToArray(const v1::EventCounts& counts) {
  std::array<uint64_t, kEventTypeCount> out{};
  out[static_cast<int>(EventType::kImpression)] = counts.impression();
  out[static_cast<int>(EventType::kClick)] = counts.click();
  out[static_cast<int>(EventType::kDwell)] = counts.dwell();
  out[static_cast<int>(EventType::kLike)] = counts.like();
  out[static_cast<int>(EventType::kShare)] = counts.share();
  out[static_cast<int>(EventType::kFavorite)] = counts.favorite();
  out[static_cast<int>(EventType::kAddToCart)] = counts.add_to_cart();
  out[static_cast<int>(EventType::kPurchase)] = counts.purchase();
  out[static_cast<int>(EventType::kNotInterested)] = counts.not_interested();
  return out;
}

// What one trial's check found.
struct CheckResult {
  uint64_t recovered = 0;  // events the server holds (sum over products)
  uint64_t acked = 0;      // lower bound: acknowledged (sum over products)
  uint64_t in_doubt = 0;   // sent with an unknown outcome (sum over products)
  uint64_t violations = 0;
};

// Compares the server's exact counts of every entity with the ledger, then
// settles the ledger on them. `describe` reads one entity's counts.
template <typename Describe>
void CheckEntities(const char* kind, const std::vector<std::string>& ids,
                   EventLedger& ledger, Describe describe, CheckResult& result,
                   bool sum) {
  for (size_t e = 0; e < ids.size(); ++e) {
    absl::StatusOr<std::array<uint64_t, kEventTypeCount>> counts =
        describe(ids[e]);
    ASSERT_TRUE(counts.ok())
        << kind << " " << ids[e] << ": " << counts.status();
    for (int t = 0; t < kEventTypeCount; ++t) {
      const EventType type = static_cast<EventType>(t);
      const EventLedger::Bounds bounds = ledger.At(e, type);
      const uint64_t count = (*counts)[t];
      if (sum) {
        result.recovered += count;
        result.acked += bounds.acked;
        result.in_doubt += bounds.sent - bounds.acked;
      }
      if (!bounds.Contains(count)) {
        if (++result.violations <= kMaxReportedViolations) {
          ADD_FAILURE() << kind << " " << ids[e] << " " << EventTypeName(type)
                        << ": the server counts " << count << ", clients had "
                        << bounds.acked << " acknowledged and " << bounds.sent
                        << " sent";
        }
      }
      ledger.Settle(e, type, count);
    }
  }
}

struct TrialRow {
  int trial = 0;
  int load_ms = 0;
  uint64_t acked_calls = 0, acked_events = 0, failed_calls = 0;
  int startup_crash_ms = 0;        // 0: no start-up was crashed
  bool killed_in_startup = false;  // that crash came before it served
  int64_t restart_ms = 0;
  CheckResult check;
  uint64_t wal_bytes = 0;
  int segments = 0;
};

std::string TableHeader() {
  return "| trial | load before kill (ms) | calls acked | events acked | "
         "calls cut by the kill | events in doubt | of them recovered | "
         "start-up crashed at (ms) | restart to serving (ms) | "
         "events in the server | log size (KiB, segments) | violations |\n"
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
}

std::string StartupCrash(const TrialRow& row) {
  if (row.startup_crash_ms == 0) return "-";
  return absl::StrCat(row.startup_crash_ms,
                      row.killed_in_startup ? "" : " (was serving)");
}

std::string TableRow(const TrialRow& row) {
  return absl::StrFormat(
      "| %d | %d | %d | %d | %d | %d | %d | %s | %d | %d | %d (%d) | %d |\n",
      row.trial, row.load_ms, row.acked_calls, row.acked_events,
      row.failed_calls, row.check.in_doubt,
      row.check.recovered - row.check.acked, StartupCrash(row), row.restart_ms,
      row.check.recovered, row.wal_bytes / 1024, row.segments,
      row.check.violations);
}

void LogSize(const std::string& wal_dir, uint64_t& bytes, int& segments) {
  bytes = 0;
  segments = 0;
  for (const auto& entry : std::filesystem::directory_iterator(wal_dir)) {
    bytes += entry.file_size();
    ++segments;
  }
}

class KillNineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir =
        (std::filesystem::temp_directory_path() / "ranker_crash_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    state_dir_ = dir;
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(state_dir_);
  }

  std::vector<std::string> ServerFlags(const std::string& fsync) const {
    return {"--state_dir=" + state_dir_, "--wal_fsync=" + fsync,
            // Rotates every few trials, so recovery also crosses segments
            // begun after a crash.
            "--wal_segment_bytes=1048576",
            // info shows each start-up's "replayed N write-ahead log
            // records ... in T ms" and the torn tails it cut.
            "--log_level=" + EnvString("RANKER_CRASH_SERVER_LOG", "warn")};
  }

  void StartServer(const std::string& fsync) {
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(ServerFlags(fsync));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  // Starts a server and SIGKILLs it after `delay` unless it serves by then:
  // a crash while it replays the log, cuts a torn tail or begins its new
  // segment, which the next start-up must recover from like any other.
  // True when the kill came before it served.
  bool CrashDuringStartUp(const std::string& fsync, absl::Duration delay) {
    absl::StatusOr<std::unique_ptr<LocalServer>> server =
        LocalServer::Start(RANKER_SERVER_BINARY, ServerFlags(fsync), delay);
    if (server.ok()) {
      const absl::Status killed = (*server)->Kill();
      EXPECT_TRUE(killed.ok()) << killed;
      return false;
    }
    // Start() SIGKILLs a server that did not serve in time; any other
    // failure means it died by itself, which recovery must never do.
    EXPECT_EQ(server.status().code(), absl::StatusCode::kDeadlineExceeded)
        << server.status();
    return true;
  }

  std::string state_dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(KillNineTest, EveryAcknowledgedEventSurvivesEveryCrash) {
  const CrashTestOptions options = CrashTestOptions::FromEnvironment();
  std::cout << "crash test: seed " << options.seed
            << " (RANKER_CRASH_SEED=" << options.seed
            << " repeats the kill times and events), " << options.trials
            << " trials, --wal_fsync=" << options.fsync << ", "
            << options.threads << " client threads\n";
  RecordProperty("seed", std::to_string(options.seed));
  const Population population = Population::Make();
  EventLedger users(population.users.size());
  EventLedger products(population.products.size());
  std::mt19937_64 rng(options.seed);

  // Start-up without a log, to set the restarts' replay against.
  const absl::Time first_start = absl::Now();
  ASSERT_NO_FATAL_FAILURE(StartServer(options.fsync));
  const int64_t empty_start_ms =
      absl::ToInt64Milliseconds(absl::Now() - first_start);
  int64_t previous_restart_ms = empty_start_ms;
  std::string table = TableHeader();
  uint64_t total_violations = 0;
  uint64_t total_acked_events = 0;
  for (int trial = 1; trial <= options.trials; ++trial) {
    TrialRow row;
    row.trial = trial;
    // Every fourth trial kills a freshly recovered server almost at once, in
    // its first batches; the others after a longer load.
    row.load_ms = trial % 4 == 0
                      ? std::uniform_int_distribution<int>(0, 50)(rng)
                      : std::uniform_int_distribution<int>(
                            options.max_load_ms / 5, options.max_load_ms)(rng);
    TrialLoad load;
    std::unique_ptr<v1::Ranker::Stub> stub =
        v1::Ranker::NewStub(server_->channel());
    std::vector<std::thread> threads;
    for (int t = 0; t < options.threads; ++t) {
      threads.emplace_back(LoadLoop, stub.get(), rng(), trial,
                           std::cref(population), std::ref(users),
                           std::ref(products), std::ref(load));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(row.load_ms));
    load.killed.store(true);
    const absl::Status killed = server_->Kill();
    ASSERT_TRUE(killed.ok()) << killed;
    for (std::thread& thread : threads) thread.join();
    stub.reset();
    server_.reset();
    row.acked_calls = load.acked_calls.load();
    row.acked_events = load.acked_events.load();
    row.failed_calls = load.failed_calls.load();

    // Every other trial first crashes a start-up, at a random point of it.
    if (trial % 2 == 0) {
      row.startup_crash_ms = std::uniform_int_distribution<int>(
          1, static_cast<int>(std::max<int64_t>(previous_restart_ms, 2)))(rng);
      row.killed_in_startup = CrashDuringStartUp(
          options.fsync, absl::Milliseconds(row.startup_crash_ms));
    }
    const absl::Time restart = absl::Now();
    ASSERT_NO_FATAL_FAILURE(StartServer(options.fsync));
    row.restart_ms = absl::ToInt64Milliseconds(absl::Now() - restart);
    previous_restart_ms = row.restart_ms;
    LogSize(state_dir_ + "/wal", row.wal_bytes, row.segments);

    stub = v1::Ranker::NewStub(server_->channel());
    auto describe_user = [&](const std::string& id)
        -> absl::StatusOr<std::array<uint64_t, kEventTypeCount>> {
      v1::DescribeUserRequest request;
      request.set_user_id(id);
      v1::DescribeUserResponse response;
      grpc::ClientContext context;
      const grpc::Status status =
          stub->DescribeUser(&context, request, &response);
      if (!status.ok()) return absl::InternalError(status.error_message());
      return ToArray(response.event_counts());
    };
    auto describe_product = [&](const std::string& id)
        -> absl::StatusOr<std::array<uint64_t, kEventTypeCount>> {
      v1::DescribeProductRequest request;
      request.set_product_id(id);
      v1::DescribeProductResponse response;
      grpc::ClientContext context;
      const grpc::Status status =
          stub->DescribeProduct(&context, request, &response);
      if (!status.ok()) return absl::InternalError(status.error_message());
      return ToArray(response.event_counts());
    };
    CheckResult user_check;
    ASSERT_NO_FATAL_FAILURE(CheckEntities("user", population.users, users,
                                          describe_user, user_check,
                                          /*sum=*/false));
    ASSERT_NO_FATAL_FAILURE(CheckEntities("product", population.products,
                                          products, describe_product, row.check,
                                          /*sum=*/true));
    row.check.violations += user_check.violations;
    total_violations += row.check.violations;
    total_acked_events += row.acked_events;
    table += TableRow(row);
    std::cout << TableRow(row) << std::flush;
  }
  const std::string summary = absl::StrFormat(
      "seed %d, --wal_fsync=%s, %d client threads, %d trials: %d events "
      "acknowledged, %d violations; start-up without a log %d ms\n",
      options.seed, options.fsync, options.threads, options.trials,
      total_acked_events, total_violations, empty_start_ms);
  std::cout << table << summary;
  if (!options.report_path.empty()) {
    std::ofstream report(options.report_path, std::ios::app);
    report << summary << "\n" << table << "\n";
  }
  // The load must have run for the kills to test anything.
  EXPECT_GT(total_acked_events, 0u);
  EXPECT_EQ(total_violations, 0u);
  // The last recovered server still stops cleanly.
  const absl::Status stopped = server_->Stop();
  EXPECT_TRUE(stopped.ok()) << stopped;
  server_.reset();
}

}  // namespace
}  // namespace ranker::testing
