#include "client/load/workload.h"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/str_cat.h"

namespace ranker::load {
namespace {

struct Share {
  v1::EventType type;
  double share;
};

// What a feed's event stream looks like: every click follows impressions,
// and each step down the funnel (cart, purchase) is rarer.
constexpr std::array<Share, 9> kEventFunnel = {{
    {v1::EVENT_TYPE_IMPRESSION, 0.55},
    {v1::EVENT_TYPE_CLICK, 0.20},
    {v1::EVENT_TYPE_DWELL, 0.10},
    {v1::EVENT_TYPE_LIKE, 0.05},
    {v1::EVENT_TYPE_ADD_TO_CART, 0.04},
    {v1::EVENT_TYPE_FAVORITE, 0.02},
    {v1::EVENT_TYPE_PURCHASE, 0.015},
    {v1::EVENT_TYPE_NOT_INTERESTED, 0.015},
    {v1::EVENT_TYPE_SHARE, 0.01},
}};

double Uniform(Workload::Random& random) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

int UniformInt(Workload::Random& random, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(random);
}

v1::ContentForm PickForm(double u) {
  if (u < 0.60) return v1::CONTENT_FORM_SHORT_VIDEO;
  if (u < 0.85) return v1::CONTENT_FORM_LIVE_STREAM;
  return v1::CONTENT_FORM_PRODUCT_CARD;
}

}  // namespace

Workload::Workload(CatalogIds catalog, const WorkloadOptions& options)
    : options_(options),
      product_ids_(std::move(catalog.product_ids)),
      tags_(std::move(catalog.tags)),
      user_sampler_(std::max(options.users, 1), options.zipf_s),
      product_sampler_(product_ids_.size(), options.zipf_s),
      tag_sampler_(std::max<size_t>(tags_.size(), 1), options.zipf_s) {
  Random shuffle(options.seed ^ 0x5eedf00dULL);
  std::shuffle(product_ids_.begin(), product_ids_.end(), shuffle);
}

v1::EventType Workload::EventTypeAt(double u) {
  double cumulative = 0;
  for (const Share& step : kEventFunnel) {
    cumulative += step.share;
    if (u < cumulative) return step.type;
  }
  return kEventFunnel.back().type;  // u at 1 - epsilon after rounding
}

std::string Workload::User(Random& random) const {
  return absl::StrCat("load-u", user_sampler_(random));
}

const std::string& Workload::Product(Random& random) const {
  return product_ids_[product_sampler_(random)];
}

void Workload::AddContentTags(
    Random& random, int max,
    google::protobuf::RepeatedPtrField<std::string>* out) const {
  if (tags_.empty()) return;
  const int n = UniformInt(random, 0, max);
  for (int i = 0; i < n; ++i) {
    const std::string& tag = tags_[tag_sampler_(random)];
    // The API takes a tag list; a repeat would only be noise.
    if (std::find(out->begin(), out->end(), tag) == out->end()) {
      *out->Add() = tag;
    }
  }
}

v1::RecommendProductsRequest Workload::Recommend(Random& random) const {
  v1::RecommendProductsRequest request;
  request.set_user_id(User(random));
  request.set_scene(v1::SCENE_FEED);
  request.set_count(options_.count);
  for (const auto& [name, value] : options_.weight_overrides) {
    (*request.mutable_weight_overrides())[name] = value;
  }
  // Most feed requests come while some content is on screen; some users
  // have just looked at products.
  if (Uniform(random) < 0.7) {
    AddContentTags(random, 3,
                   request.mutable_context()->mutable_content_tags());
  }
  if (Uniform(random) < 0.5) {
    const int n = UniformInt(random, 1, 2);
    for (int i = 0; i < n; ++i) {
      *request.mutable_context()->add_recent_product_ids() = Product(random);
    }
  }
  return request;
}

v1::LogEventRequest Workload::LogEvents(Random& random) const {
  v1::LogEventRequest request;
  const std::string user = User(random);
  const std::string session = absl::StrCat(user, "-s");
  for (int i = 0; i < options_.events_per_log; ++i) {
    v1::Event& event = *request.add_events();
    event.set_user_id(user);
    event.set_session_id(session);
    event.set_product_id(Product(random));
    event.set_type(EventTypeAt(Uniform(random)));
    if (event.type() == v1::EVENT_TYPE_DWELL) {
      event.set_dwell_ms(UniformInt(random, 1000, 60000));
    }
    event.set_content_form(PickForm(Uniform(random)));
    AddContentTags(random, 3, event.mutable_content_tags());
  }
  return request;
}

}  // namespace ranker::load
