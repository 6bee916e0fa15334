// The connections a load run spreads its calls over. One HTTP/2 connection
// serialises frames through one socket and one poller, so a single channel
// can cap the client before the server; --channels opens several, each a
// connection of its own.
#ifndef RANKER_CLIENT_LOAD_LOAD_CHANNELS_H_
#define RANKER_CLIENT_LOAD_LOAD_CHANNELS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/connection_options.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/channel.h"
#include "ranker/v1/ranker.grpc.pb.h"

namespace ranker::load {

struct LoadChannels {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  // One of each stub per channel.
  std::vector<std::unique_ptr<v1::Ranker::Stub>> ranker;
  std::vector<std::unique_ptr<grpc::health::v1::Health::Stub>> health;
  // "Bearer <token>", or empty: sent as call metadata, as RankerClient
  // does, so that it also works over plaintext.
  std::string authorization;
};

// Opens `count` channels to `target` and waits until each is connected.
// UNAVAILABLE naming the target when one is not ready after `wait` (server
// down, wrong port, failed TLS handshake).
absl::StatusOr<LoadChannels> ConnectLoadChannels(
    const std::string& target, const ConnectionOptions& options, int count,
    absl::Duration wait);

}  // namespace ranker::load

#endif  // RANKER_CLIENT_LOAD_LOAD_CHANNELS_H_
