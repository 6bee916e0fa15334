// Write paths: the first byte chooses the request the rest of the input is
// parsed as (LogEventRequest, UpsertProductsRequest or UpsertShopsRequest);
// FromProto converts it and the engine applies it. A Recommend afterwards
// makes sure whatever the write accepted can still be ranked.
//
// Every input starts from the fixture engine as MakeFuzzEngine() builds it, so
// a crashing input reproduces on its own and memory stays bounded however
// long the run: after an accepted write the engine is rebuilt. A rejected
// write changes nothing (the engine's writes are all or nothing), so the
// engine is kept, which saves most of the rebuilds.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "ranker/v1/ranker.pb.h"
#include "server/proto_convert.h"
#include "tests/fuzz/fuzz_engine.h"

namespace {

using ranker::Engine;

template <typename Proto>
bool Parse(const uint8_t* data, size_t size, Proto* proto) {
  if (size > static_cast<size_t>(std::numeric_limits<int>::max())) return false;
  return proto->ParseFromArray(data, static_cast<int>(size));
}

// Returns whether the engine accepted the write.
bool ApplyLog(Engine& engine, const uint8_t* data, size_t size,
              ranker::RecommendRequest* probe) {
  ranker::v1::LogEventRequest proto;
  if (!Parse(data, size, &proto)) return false;
  auto events = ranker::FromProto(proto);
  if (!events.ok()) return false;
  if (!engine.Log(*events).ok()) return false;
  probe->user_id = events->front().user_id;
  probe->session_id = events->front().session_id;
  return true;
}

bool ApplyProducts(Engine& engine, const uint8_t* data, size_t size,
                   ranker::RecommendRequest* probe) {
  ranker::v1::UpsertProductsRequest proto;
  if (!Parse(data, size, &proto)) return false;
  auto products = ranker::FromProto(proto);
  if (!products.ok()) return false;
  if (!engine.UpsertProducts(*products).ok()) return false;
  if (!products->empty()) {
    probe->scene = ranker::Scene::kStorefront;
    probe->shop_id = products->front().shop_id;
  }
  return true;
}

bool ApplyShops(Engine& engine, const uint8_t* data, size_t size,
                ranker::RecommendRequest* probe) {
  ranker::v1::UpsertShopsRequest proto;
  if (!Parse(data, size, &proto)) return false;
  auto shops = ranker::FromProto(proto);
  if (!shops.ok()) return false;
  if (!engine.UpsertShops(*shops).ok()) return false;
  if (!shops->empty()) {
    probe->scene = ranker::Scene::kStorefront;
    probe->shop_id = shops->front().id;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Protobuf logs every string field with invalid UTF-8; fuzzing makes
  // plenty, and printing them would slow the run down.
  [[maybe_unused]] static const bool quiet =
      ranker::fuzz::SilenceProtobufLogs();
  const uint8_t selector = data[0] % 3;
  ++data;
  --size;
  static std::unique_ptr<Engine> engine;
  if (engine == nullptr) engine = ranker::fuzz::MakeFuzzEngine();
  ranker::RecommendRequest probe;
  probe.user_id = "u0";
  probe.debug = true;
  bool applied = false;
  switch (selector) {
    case 0:
      applied = ApplyLog(*engine, data, size, &probe);
      break;
    case 1:
      applied = ApplyProducts(*engine, data, size, &probe);
      break;
    default:
      applied = ApplyShops(*engine, data, size, &probe);
      break;
  }
  // The probe may itself be invalid (an empty user id, say); that is fine.
  if (applied) {
    (void)engine->Recommend(probe);
    engine.reset();
  }
  return 0;
}
