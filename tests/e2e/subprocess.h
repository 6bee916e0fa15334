// Runs a program of the project (ranker_cli, ranker_load) as a user does:
// a subprocess with its standard input fed and both outputs collected, for
// the end-to-end tests of the command-line tools.
#ifndef RANKER_TESTS_E2E_SUBPROCESS_H_
#define RANKER_TESTS_E2E_SUBPROCESS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace ranker::testing {

struct ProgramRun {
  int exit_code = -1;  // -1: killed by a signal, or not started
  std::string out;
  std::string err;
};

// Runs `binary` with `args`, writing `input` to its standard input, and
// collects both outputs and the exit code. Kills it (and fails the test)
// after `timeout`.
ProgramRun RunProgram(const std::string& binary,
                      const std::vector<std::string>& args,
                      const std::string& input, absl::Duration timeout);

// What a run printed, for failure messages.
std::string Describe(const ProgramRun& run);

}  // namespace ranker::testing

#endif  // RANKER_TESTS_E2E_SUBPROCESS_H_
