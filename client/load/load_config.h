// Everything a load run needs besides the connection, as the flags give it,
// and the checks that turn a bad combination into a usage error before any
// call is made.
#ifndef RANKER_CLIENT_LOAD_LOAD_CONFIG_H_
#define RANKER_CLIENT_LOAD_LOAD_CONFIG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "client/load/workload.h"

namespace ranker::load {

struct LoadConfig {
  bool open_loop = false;                     // --mode=open
  int concurrency = 16;                       // --concurrency (closed loop)
  double rate = 1000;                         // --rate, requests/s (open loop)
  int max_in_flight = 10000;                  // --max_in_flight (open loop)
  std::string mix = "recommend:0.8,log:0.2";  // --mix
  absl::Duration duration = absl::Seconds(10);  // --duration (measured)
  absl::Duration warmup = absl::Seconds(2);     // --warmup (before it)
  absl::Duration timeout = absl::Seconds(5);    // --timeout, per call
  int channels = 2;                             // --channels
  int products = 2000;           // --products (without --product_ids_file)
  std::string product_ids_file;  // --product_ids_file
  bool floor = false;            // --floor
  WorkloadOptions workload;
};

// INVALID_ARGUMENT naming the flag: a non-positive duration, concurrency,
// rate, channel count or batch size, a negative warm-up, zipf_s < 0,
// --count outside 1..200, --events_per_log outside 1..10000 (the server's
// limits), or --floor with the open loop (whose throughput is the offered
// rate by construction, so a ratio of two rates says nothing).
absl::Status ValidateLoadConfig(const LoadConfig& config);

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_LOAD_CONFIG_H_
