// The small engine the fuzz targets run against: a fixed, crafted catalog
// (every content form, a live window, campaigns, creators, an out-of-stock and
// a banned product, a banned and a low-quality shop) and a few users with
// history, so that requests reach every stage of the ranking pipeline. The
// seed corpus names the same ids (tests/fuzz/make_corpus.cc).
#ifndef RANKER_TESTS_FUZZ_FUZZ_ENGINE_H_
#define RANKER_TESTS_FUZZ_FUZZ_ENGINE_H_

#include <memory>

#include "core/engine.h"
#include "core/types.h"

namespace ranker::fuzz {

// The engine's clock: fixed, so that a crashing input reproduces.
inline constexpr TimeMs kFuzzNow = 1'700'000'000'000;

// Products "p0".."p11" in shops "s0".."s3", users "u0".."u3" with sessions
// "sess0".."sess3", creators "c0".."c3". Aborts if the fixture does not load:
// a fuzz run against an empty engine would prove nothing.
std::unique_ptr<Engine> MakeFuzzEngine();

// The same catalog and shops without the users' events: a third of the cost
// to build, for targets that rebuild the engine after most inputs
// (fuzz_wal_record replays whole logs into it).
std::unique_ptr<Engine> MakeFuzzCatalogEngine();

// Discards protobuf's log messages (invalid UTF-8 in string fields, which
// fuzzing produces by the thousand). Returns true, for a static initializer.
bool SilenceProtobufLogs();

}  // namespace ranker::fuzz

#endif  // RANKER_TESTS_FUZZ_FUZZ_ENGINE_H_
