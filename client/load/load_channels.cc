#include "client/load/load_channels.h"

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpc/grpc.h"
#include "grpcpp/create_channel.h"

namespace ranker::load {

absl::StatusOr<LoadChannels> ConnectLoadChannels(
    const std::string& target, const ConnectionOptions& options, int count,
    absl::Duration wait) {
  LoadChannels result;
  if (!options.token.empty()) {
    result.authorization = absl::StrCat("Bearer ", options.token);
  }
  const auto deadline = absl::ToChronoTime(absl::Now() + wait);
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments arguments = ChannelArgumentsFor(options);
    // Channels with equal arguments share subchannels, i.e. one TCP
    // connection, through gRPC's global pool; a local pool and a distinct
    // argument give each channel its own connection.
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    arguments.SetInt("ranker_load.channel_index", i);
    std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
        target, ChannelCredentialsFor(options), arguments);
    if (!channel->WaitForConnected(deadline)) {
      return absl::UnavailableError(absl::StrCat("cannot connect to ", target,
                                                 " within ",
                                                 absl::FormatDuration(wait)));
    }
    result.ranker.push_back(v1::Ranker::NewStub(channel));
    result.health.push_back(grpc::health::v1::Health::NewStub(channel));
    result.channels.push_back(std::move(channel));
  }
  return result;
}

}  // namespace ranker::load
