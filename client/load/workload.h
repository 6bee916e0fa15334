// The requests of a load run: who asks, for which products, with which
// content on screen. Users, products and content tags follow Zipf's law (a
// few hot users and products, a long tail), event types a realistic funnel
// (mostly impressions and clicks, few carts and purchases). Immutable after
// construction: threads share one Workload, each with its own Random.
#ifndef RANKER_CLIENT_LOAD_WORKLOAD_H_
#define RANKER_CLIENT_LOAD_WORKLOAD_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "client/load/catalog_ids.h"
#include "client/load/zipf_sampler.h"
#include "ranker/v1/ranker.pb.h"

namespace ranker::load {

struct WorkloadOptions {
  int users = 100000;      // --users: distinct user ids, load-u0 ..
  double zipf_s = 1.0;     // --zipf_s: exponent for users, products, tags
  int count = 20;          // --count: products per RecommendProducts
  int events_per_log = 1;  // --events_per_log: events per LogEvent call
  uint64_t seed = 1;       // --seed: same seed, same request sequence
  // --weight: ranking knobs every RecommendProducts overrides (the request's
  // weight_overrides), e.g. larger retrieval quotas.
  std::map<std::string, double> weight_overrides;
};

class Workload {
 public:
  using Random = std::mt19937_64;

  // `catalog` must hold at least one product id.
  Workload(CatalogIds catalog, const WorkloadOptions& options);

  // A feed request for a Zipf-drawn user; most carry the content on screen
  // (content tags) and some recently viewed products, as a feed backend
  // would send.
  v1::RecommendProductsRequest Recommend(Random& random) const;
  // events_per_log events of one user's session, server-timestamped.
  v1::LogEventRequest LogEvents(Random& random) const;

  // The event type at `u` in [0, 1) of the funnel below: impression 55%,
  // click 20%, dwell 10%, like 5%, add_to_cart 4%, favorite 2%,
  // purchase 1.5%, not_interested 1.5%, share 1%.
  static v1::EventType EventTypeAt(double u);

  const std::vector<std::string>& product_ids() const { return product_ids_; }

 private:
  std::string User(Random& random) const;
  const std::string& Product(Random& random) const;
  // 0..max tags drawn from the tag Zipf (none when the catalog has no tags).
  void AddContentTags(
      Random& random, int max,
      google::protobuf::RepeatedPtrField<std::string>* out) const;

  WorkloadOptions options_;
  // Shuffled once with the seed: Zipf rank k is product_ids_[k], so the
  // popular products are spread over the catalog rather than being the
  // first lines of the file.
  std::vector<std::string> product_ids_;
  std::vector<std::string> tags_;
  ZipfSampler user_sampler_;
  ZipfSampler product_sampler_;
  ZipfSampler tag_sampler_;
};

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_WORKLOAD_H_
