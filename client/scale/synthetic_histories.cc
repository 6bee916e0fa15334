#include "client/scale/synthetic_histories.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/scale/seeded_random.h"

namespace ranker::scale {
namespace {

constexpr double kInterestShare = 0.8;  // events on the user's categories
constexpr int64_t kMsBetweenEvents = 20'000;

// A Zipf(1) rank in [0, n) from u in [0, 1): the inverse of the continuous
// distribution, table-free for the many category sizes.
int ZipfRank(int n, double u) {
  return std::min(n - 1, static_cast<int>(std::pow(n, u)) - 1);
}

// A stride coprime with n: rank k of the catalog-wide popularity is product
// (k * stride) mod n, a bijection that spreads the popular products over
// the catalog instead of making them its first ids.
int64_t CoprimeStride(int n) {
  int64_t stride = 2'654'435'761LL % n;
  while (n > 1 && (stride == 0 || std::gcd<int64_t>(stride, n) != 1)) {
    stride = (stride + 1) % n;
  }
  return stride;
}

}  // namespace

EventType SyntheticHistories::EventTypeAt(double u) {
  struct Step {
    double below;
    EventType type;
  };
  static constexpr Step kFunnel[] = {
      {0.55, EventType::kImpression}, {0.75, EventType::kClick},
      {0.85, EventType::kDwell},      {0.90, EventType::kLike},
      {0.94, EventType::kAddToCart},  {0.96, EventType::kFavorite},
      {0.975, EventType::kPurchase},  {0.99, EventType::kNotInterested}};
  for (const Step& step : kFunnel) {
    if (u < step.below) return step.type;
  }
  return EventType::kShare;
}

SyntheticHistories::SyntheticHistories(const SyntheticCatalog& catalog,
                                       const SyntheticHistoryOptions& options)
    : catalog_(catalog),
      options_(options),
      popular_(std::max(catalog.size(), 1), 1.0),
      stride_(CoprimeStride(std::max(catalog.size(), 1))) {}

std::string SyntheticHistories::UserId(int user) const {
  return absl::StrCat("load-u", user);
}

std::vector<Event> SyntheticHistories::UserEvents(int user) const {
  SeededRandom random(options_.seed, 4, user);
  std::uniform_real_distribution<double> unit(0, 1);
  const auto& by_leaf = catalog_.ProductsByLeaf();
  const int n_events = std::max(
      1, static_cast<int>(std::lround(std::exponential_distribution<double>(
             1.0 / options_.events_per_user)(random))));
  // Interests: categories drawn as a product would be, so big categories
  // have more fans.
  std::vector<int> leaves;
  const int n_leaves = std::uniform_int_distribution<int>(1, 3)(random);
  for (int i = 0; i < n_leaves; ++i) {
    const int product =
        std::uniform_int_distribution<int>(0, catalog_.size() - 1)(random);
    leaves.push_back(catalog_.LeafCategoryOf(product));
  }

  const std::string user_id = UserId(user);
  const int64_t span_ms = int64_t{options_.history_days} * 24 * 3600 * 1000;
  std::vector<Event> events;
  events.reserve(n_events);
  int session = 0;
  int64_t t = 0;
  int left_in_session = 0;
  // Session start times, drawn then sorted so the history runs forward.
  std::vector<int64_t> starts;
  for (int i = 0; i < n_events; i += 3) {
    starts.push_back(options_.now_ms - span_ms +
                     static_cast<int64_t>(unit(random) * (span_ms - 3600'000)));
  }
  std::sort(starts.begin(), starts.end());
  for (int i = 0; i < n_events; ++i) {
    if (left_in_session == 0) {
      // A session starts at its drawn time, or after the previous one if
      // they would overlap.
      t = std::max(t, starts[std::min<size_t>(session, starts.size() - 1)]);
      ++session;
      left_in_session = std::uniform_int_distribution<int>(3, 12)(random);
    }
    --left_in_session;
    t += kMsBetweenEvents;

    int product;
    if (unit(random) < kInterestShare) {
      const std::vector<int>& pool =
          by_leaf[leaves[std::uniform_int_distribution<size_t>(
              0, leaves.size() - 1)(random)]];
      product = pool[ZipfRank(static_cast<int>(pool.size()), unit(random))];
    } else {
      product = static_cast<int>(
          (static_cast<int64_t>(popular_(random)) * stride_) % catalog_.size());
    }
    Event event;
    event.user_id = user_id;
    event.session_id = absl::StrCat(user_id, "-", session);
    event.product_id = catalog_.ProductId(product);
    event.type = EventTypeAt(unit(random));
    event.timestamp_ms = std::min(t, options_.now_ms);
    if (event.type == EventType::kDwell) {
      event.dwell_ms =
          std::uniform_int_distribution<int64_t>(1000, 60000)(random);
    }
    const double form = unit(random);
    event.content_form = form < 0.6    ? ContentForm::kShortVideo
                         : form < 0.75 ? ContentForm::kLiveStream
                                       : ContentForm::kProductCard;
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace ranker::scale
