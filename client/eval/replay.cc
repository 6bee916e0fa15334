#include "client/eval/replay.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "client/eval/case_chains.h"
#include "core/limits.h"
#include "spdlog/spdlog.h"

namespace ranker::eval {
namespace {

// The first error any worker reports; the others stop when they see it.
class FirstError {
 public:
  void Set(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (status_.ok()) status_ = std::move(status);
    failed_.store(true);
  }
  bool failed() const { return failed_.load(); }
  absl::Status status() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
  }

 private:
  mutable std::mutex mutex_;
  absl::Status status_;
  std::atomic<bool> failed_{false};
};

// Runs work(0) .. work(workers - 1) at once, work(0) on the calling thread,
// and returns when all have.
template <typename Work>
void RunWorkers(int workers, Work work) {
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  for (std::thread& thread : threads) thread.join();
}

float MillisecondsSince(absl::Time start) {
  return static_cast<float>(absl::ToDoubleMilliseconds(absl::Now() - start));
}

}  // namespace

v1::EventType ToEventType(EventKind kind) {
  switch (kind) {
    case EventKind::kClick:
      return v1::EVENT_TYPE_CLICK;
    case EventKind::kAddToCart:
      return v1::EVENT_TYPE_ADD_TO_CART;
    case EventKind::kPurchase:
      return v1::EVENT_TYPE_PURCHASE;
    case EventKind::kFavorite:
      return v1::EVENT_TYPE_FAVORITE;
  }
  return v1::EVENT_TYPE_CLICK;
}

v1::Product MakeProduct(const Item& item) {
  v1::Product product;
  product.set_product_id(item.id);
  product.add_category_path(item.category.empty() ? "dataset" : item.category);
  product.set_shop_id("dataset");
  product.set_price(1.0);
  product.set_status(v1::PRODUCT_STATUS_ACTIVE);
  for (const std::string& tag : item.tags) {
    v1::WeightedTag* weighted = product.add_tags();
    weighted->set_tag(tag);
    weighted->set_weight(1.0);
  }
  return product;
}

int64_t TrainingTimestampMs(size_t session, size_t num_sessions, size_t event,
                            int64_t now_ms) {
  return now_ms - static_cast<int64_t>(num_sessions - session) * 1000 +
         static_cast<int64_t>(std::min<size_t>(event, 999));
}

absl::Status UpsertCatalog(RankerClient& client, const Dataset& dataset,
                           const std::vector<bool>& include,
                           absl::Duration timeout, Progress* progress) {
  v1::UpsertProductsRequest request;
  auto send = [&]() -> absl::Status {
    if (request.products_size() == 0) return absl::OkStatus();
    absl::StatusOr<v1::UpsertProductsResponse> response =
        client.UpsertProducts(request, timeout);
    if (!response.ok()) {
      return absl::Status(
          response.status().code(),
          absl::StrCat("UpsertProducts: ", response.status().message()));
    }
    if (response->inserted() + response->updated() != request.products_size()) {
      return absl::InternalError(
          absl::StrCat("UpsertProducts: sent ", request.products_size(),
                       " products, the server applied ",
                       response->inserted() + response->updated()));
    }
    progress->Add(request.products_size());
    request.clear_products();
    return absl::OkStatus();
  };
  for (size_t i = 0; i < dataset.items.size(); ++i) {
    if (!include[i]) continue;
    *request.add_products() = MakeProduct(dataset.items[i]);
    if (request.products_size() == static_cast<int>(kBatchSize)) {
      if (absl::Status s = send(); !s.ok()) return s;
    }
  }
  return send();
}

absl::Status ReplayTraining(RankerClient& client, const Dataset& dataset,
                            int inflight, int64_t now_ms,
                            absl::Duration timeout, Progress* progress) {
  const size_t num_sessions = dataset.train.size();
  FirstError error;
  RunWorkers(inflight, [&](int worker) {
    v1::LogEventRequest request;
    auto send = [&]() {
      if (request.events_size() == 0) return true;
      absl::StatusOr<v1::LogEventResponse> response =
          client.LogEvents(request, timeout);
      if (!response.ok()) {
        error.Set(absl::Status(response.status().code(),
                               absl::StrCat("LogEvent (training replay, user ",
                                            request.events(0).user_id(), "): ",
                                            response.status().message())));
        return false;
      }
      if (response->accepted() != request.events_size()) {
        error.Set(absl::InternalError(absl::StrCat(
            "LogEvent (training replay): sent ", request.events_size(),
            " events, the server accepted ", response->accepted())));
        return false;
      }
      progress->Add(request.events_size());
      request.clear_events();
      return true;
    };
    for (size_t s = worker; s < num_sessions; s += inflight) {
      if (error.failed()) return;
      const std::string id = absl::StrCat("tr-", s);
      const Session& session = dataset.train[s];
      for (size_t e = 0; e < session.events.size(); ++e) {
        v1::Event* event = request.add_events();
        event->set_user_id(id);
        event->set_session_id(id);
        event->set_product_id(dataset.items[session.events[e].item].id);
        event->set_type(ToEventType(session.events[e].kind));
        event->set_content_form(v1::CONTENT_FORM_PRODUCT_CARD);
        event->set_timestamp_ms(
            TrainingTimestampMs(s, num_sessions, e, now_ms));
        if (request.events_size() == static_cast<int>(kBatchSize) && !send()) {
          return;
        }
      }
    }
    send();
  });
  return error.status();
}

absl::StatusOr<ScoreResult> ScoreCases(RankerClient& client,
                                       const Dataset& dataset,
                                       absl::Span<const TestCase> cases,
                                       const ScoreOptions& options,
                                       Progress* progress) {
  absl::flat_hash_map<absl::string_view, ItemIdx> item_of;
  item_of.reserve(dataset.items.size());
  for (size_t i = 0; i < dataset.items.size(); ++i) {
    item_of.emplace(dataset.items[i].id, static_cast<ItemIdx>(i));
  }
  const bool streaming = options.mode == ScoreMode::kStreaming;
  // Frozen: one unit of work per case. Streaming: one per session (chain of
  // cases), replayed click by click.
  std::vector<std::vector<size_t>> units;
  if (streaming) {
    units = ChainCases(cases);
    spdlog::info("streaming: {} cases in {} sessions", cases.size(),
                 units.size());
  } else {
    units.reserve(cases.size());
    for (size_t c = 0; c < cases.size(); ++c) units.push_back({c});
  }

  ScoreResult result;
  result.lists.resize(cases.size());
  if (streaming) result.streaming_sessions = static_cast<int64_t>(units.size());
  std::vector<std::vector<float>> recommend_ms(options.concurrency);
  std::vector<std::vector<float>> log_ms(options.concurrency);
  std::vector<ServiceChecks> checks(options.concurrency);
  std::atomic<size_t> next{0};
  FirstError error;

  RunWorkers(options.concurrency, [&](int worker) {
    v1::RecommendProductsRequest request;
    request.set_scene(v1::SCENE_FEED);
    request.set_count(options.count);
    for (const auto& [name, value] : options.weights) {
      (*request.mutable_weight_overrides())[name] = value;
    }
    v1::LogEventRequest log_request;

    // Logs `items` as clicks of `user`, 1 ms apart, ending now.
    auto log_clicks = [&](size_t c, const std::string& user,
                          absl::Span<const ItemIdx> items) {
      const int64_t now_ms = absl::ToUnixMillis(absl::Now());
      for (size_t begin = 0; begin < items.size(); begin += kBatchSize) {
        log_request.clear_events();
        const size_t end = std::min(items.size(), begin + kBatchSize);
        for (size_t j = begin; j < end; ++j) {
          v1::Event* event = log_request.add_events();
          event->set_user_id(user);
          event->set_session_id(user);
          event->set_product_id(dataset.items[items[j]].id);
          event->set_type(v1::EVENT_TYPE_CLICK);
          event->set_content_form(v1::CONTENT_FORM_PRODUCT_CARD);
          event->set_timestamp_ms(now_ms -
                                  static_cast<int64_t>(items.size() - 1 - j));
        }
        const absl::Time start = absl::Now();
        absl::StatusOr<v1::LogEventResponse> logged =
            client.LogEvents(log_request, options.timeout);
        log_ms[worker].push_back(MillisecondsSince(start));
        if (!logged.ok()) {
          error.Set(absl::Status(logged.status().code(),
                                 absl::StrCat("case ", c, ": LogEvent: ",
                                              logged.status().message())));
          return false;
        }
        if (logged->accepted() != log_request.events_size()) {
          error.Set(absl::InternalError(absl::StrCat(
              "case ", c, ": LogEvent: sent ", log_request.events_size(),
              " events, the server accepted ", logged->accepted())));
          return false;
        }
      }
      return true;
    };

    // Asks for case c's list as `user`, with `recent` as context.
    auto recommend = [&](size_t c, const std::string& user,
                         absl::Span<const ItemIdx> recent) {
      request.set_user_id(user);
      request.set_session_id(user);
      request.mutable_context()->clear_recent_product_ids();
      for (ItemIdx item : recent) {
        request.mutable_context()->add_recent_product_ids(
            dataset.items[item].id);
      }
      const absl::Time start = absl::Now();
      absl::StatusOr<v1::RecommendProductsResponse> response =
          client.Recommend(request, options.timeout);
      recommend_ms[worker].push_back(MillisecondsSince(start));
      if (!response.ok()) {
        error.Set(absl::Status(response.status().code(),
                               absl::StrCat("case ", c, ": RecommendProducts: ",
                                            response.status().message())));
        return false;
      }
      std::vector<ItemIdx>& list = result.lists[c];
      list.reserve(response->items_size());
      for (const v1::RecommendedItem& item : response->items()) {
        const auto it = item_of.find(item.product_id());
        const ItemIdx idx = it == item_of.end() ? kNoItem : it->second;
        if (idx == kNoItem) {
          ++checks[worker].unknown_items;
        } else if (std::find(list.begin(), list.end(), idx) != list.end()) {
          ++checks[worker].duplicate_items;
        }
        list.push_back(idx);
      }
      if (response->items_size() < options.count) ++checks[worker].short_lists;
      progress->Add(1);
      return true;
    };

    for (;;) {
      const size_t u = next.fetch_add(1);
      if (u >= units.size() || error.failed()) return;
      const std::vector<size_t>& unit = units[u];
      if (!streaming) {
        const size_t c = unit.front();
        const std::vector<ItemIdx>& prefix = cases[c].prefix;
        const size_t recent =
            std::min(prefix.size(), limits::kMaxRecentProducts);
        if (!recommend(c, absl::StrCat("te-", c),
                       absl::MakeConstSpan(prefix).last(recent))) {
          return;
        }
        continue;
      }
      // A session: log each click once, just before the first case that may
      // see it; after the last case, its label too (later sessions may know
      // it, as in production).
      const std::string user =
          absl::StrCat("ts-", *std::min_element(unit.begin(), unit.end()));
      for (const ReplayStep& step : SessionReplaySteps(cases, unit)) {
        const bool ok = step.kind == ReplayStep::Kind::kLogClicks
                            ? log_clicks(step.test_case, user, step.clicks)
                            : recommend(step.test_case, user, {});
        if (!ok) return;
      }
    }
  });
  if (error.failed()) return error.status();

  for (int w = 0; w < options.concurrency; ++w) {
    result.recommend_ms.insert(result.recommend_ms.end(),
                               recommend_ms[w].begin(), recommend_ms[w].end());
    result.log_event_ms.insert(result.log_event_ms.end(), log_ms[w].begin(),
                               log_ms[w].end());
    result.checks.unknown_items += checks[w].unknown_items;
    result.checks.duplicate_items += checks[w].duplicate_items;
    result.checks.short_lists += checks[w].short_lists;
  }
  return result;
}

}  // namespace ranker::eval
