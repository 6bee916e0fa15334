// The metrics read off the server's state when Prometheus scrapes, not
// counted as things happen: catalog size, profiles, sessions, events
// applied, snapshot age and the log's counters (with --state_dir), the
// calls in flight and refused per lane, the process's memory and start
// time. Reading them costs one Engine::Counts() (no walk over products or
// users) per scrape and nothing on the request path. Every metric is listed
// in docs/operations/metrics.md.
#ifndef RANKER_SERVER_STATE_METRICS_H_
#define RANKER_SERVER_STATE_METRICS_H_

#include <functional>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/engine.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"
#include "server/admission_control.h"
#include "server/durable_state.h"

namespace ranker {

// What the figures are read from. Each pointer must outlive the
// collectable's registration with the metrics endpoint.
struct StateMetricsSources {
  const Engine* engine = nullptr;
  // Null without --state_dir: no snapshot or log metrics then.
  const DurableState* durable = nullptr;
  // The read and write lanes' caps (server/admission_control.h); null: no
  // lane metrics.
  const AdmissionControl* read_admission = nullptr;
  const AdmissionControl* write_admission = nullptr;
  // The process's start (process_start_time_seconds).
  absl::Time started = absl::Now();
  // What snapshot ages are read against; absl::Now in production.
  std::function<absl::Time()> clock = absl::Now;
};

class StateMetrics : public prometheus::Collectable {
 public:
  explicit StateMetrics(StateMetricsSources sources);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const StateMetricsSources sources_;
};

}  // namespace ranker

#endif  // RANKER_SERVER_STATE_METRICS_H_
