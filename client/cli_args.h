// A first pass over the command line, before absl::ParseCommandLine: Abseil
// reports an unknown flag or a bad value by exiting with status 1, while
// ranker_cli promises a one-line message naming the flag and status 2. This
// pass finds those errors first, and records which flags were given so that
// each subcommand can refuse flags it does not use.
#ifndef RANKER_CLIENT_CLI_ARGS_H_
#define RANKER_CLIENT_CLI_ARGS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"

namespace ranker::cli {

struct ScannedArgs {
  // The arguments that are not flags (argv[0] excluded), in order.
  std::vector<std::string> positional;
  // The names of the flags given; "--noexplain" is recorded as "explain".
  // Flags read from a --flagfile are not seen here.
  absl::flat_hash_set<std::string> flags;
  // --help, -help or -h was given.
  bool help = false;
  // The command line rewritten for absl::ParseCommandLine: argv[0], every
  // flag as "--name=value", then "--" and the positional arguments. Passing
  // this instead of argv makes Abseil read exactly what was checked here, and
  // spares "--file -" its "did you really mean" warning.
  std::vector<std::string> normalized;
};

// Reads argv with Abseil's syntax: "--name=value", "--name value", "-name",
// "--name" / "--noname" for booleans, "--" ending the flags. Every flag must
// be defined (ABSL_FLAG) and its value must parse: the value is parsed by the
// flag itself, which also stores it (absl::ParseCommandLine stores it again).
// Errors read "--name: <problem>".
absl::StatusOr<ScannedArgs> ScanArgs(int argc, const char* const argv[]);

}  // namespace ranker::cli

#endif  // RANKER_CLIENT_CLI_ARGS_H_
