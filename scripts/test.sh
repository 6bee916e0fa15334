#!/usr/bin/env bash
# Builds and runs every test, in three passes:
#
#   1. build/        RelWithDebInfo, g++: the whole suite (unit, end-to-end
#                    against the real server, Python client, fuzz corpora).
#   2. build-asan/   clang, AddressSanitizer + UndefinedBehaviorSanitizer +
#                    libFuzzer coverage: the whole suite again, then each
#                    libFuzzer target of tests/fuzz runs for
#                    RANKER_FUZZ_SECONDS (default 20) over its corpus. One
#                    build serves both, so fuzzing costs no second build.
#   3. build-tsan/   ThreadSanitizer: the test executables that start threads
#                    (target concurrency_tests, tests/unit/CMakeLists.txt),
#                    with the absl::Mutex shim of tests/sanitizers/.
#
# Installs missing Debian packages first. For local use:
#   RANKER_SKIP_SANITIZERS=1  pass 1 only
#   RANKER_SKIP_TSAN=1        no pass 3
#   RANKER_SKIP_FUZZ=1        pass 2 without the fuzzing (corpora still replay)
# Compile flags chosen for build time (measured, docs/operations/ci.md):
# line tables only (-g1) in the sanitizer passes, which is all a symbolized
# report needs; -O0 under ASan (-O1 doubles its compile time), -O1 under TSan
# (affordable there, and TSan runs much faster optimized). On CI (CI=true)
# pass 1 also uses -g1: nobody attaches a debugger to a CI build, and full
# -g costs a third more compile time. CI (.ci/run) runs all three passes on
# a clean clone.
# Set CMAKE_CXX_COMPILER_LAUNCHER=ccache in the environment to cache objects
# (with CCACHE_SLOPPINESS=pch_defines,time_macros, or ccache will not cache
# the test files, which are compiled with a precompiled header).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install_deps.sh
ranker_install_deps

jobs="$(nproc)"
timings=()

# run_pass <name> <build dir> <build target> <ctest args> -- <cmake args>...
run_pass() {
  local name="$1" build_dir="$2" target="$3" ctest_args="$4"
  # Under the sanitizers most of the test time is end-to-end tests waiting
  # on a server starting up or on fixed-length load phases, so twice as many
  # run at once as there are cores.
  local test_jobs="${jobs}"
  [[ "${name}" != "RelWithDebInfo" ]] && test_jobs=$((jobs * 2))
  shift 5
  local start="${SECONDS}"
  # Ninja when it is installed: one build graph for the whole tree keeps both
  # cores busy where recursive make waits at directory boundaries. Only for
  # a new build directory: CMake cannot switch the generator of an existing
  # one, so a build/ configured by hand with Makefiles stays as it is.
  local generator=()
  if [[ ! -f "${build_dir}/CMakeCache.txt" ]] && command -v ninja >/dev/null; then
    generator=(-G Ninja)
  fi
  cmake -S . -B "${build_dir}" "${generator[@]}" "$@" >/dev/null
  cmake --build "${build_dir}" -j"${jobs}" --target "${target}"
  local built="${SECONDS}"
  # shellcheck disable=SC2086  # ctest_args holds several arguments
  ctest --test-dir "${build_dir}" -j"${test_jobs}" --timeout 300 \
    --output-on-failure ${ctest_args}
  timings+=("${name}: build $((built - start)) s, tests $((SECONDS - built)) s")
}

release_flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ "${CI:-}" == "true" ]]; then
  release_flags+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
fi
run_pass "RelWithDebInfo" build all "" -- "${release_flags[@]}"

if [[ "${RANKER_SKIP_SANITIZERS:-0}" != "1" ]]; then
  ranker_install_fuzz_deps  # clang and its sanitizer runtimes
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS="suppressions=${PWD}/tests/sanitizers/lsan_suppressions.txt" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_pass "ASan+UBSan" build-asan all "" -- -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -g1" -DCMAKE_CXX_COMPILER=clang++ \
    -DRANKER_FUZZ=ON
  if [[ "${RANKER_SKIP_FUZZ:-0}" != "1" ]]; then
    start="${SECONDS}"
    # -entropic=0: at -O0 every input touches tens of thousands of coverage
    # features, and libFuzzer's entropic schedule then spends ~90 % of the
    # time updating their frequencies (measured: 78 against 698 executions
    # per second for fuzz_wal_record).
    LSAN_OPTIONS="suppressions=${PWD}/tests/sanitizers/lsan_suppressions.txt" \
    RANKER_FUZZ_FLAGS="${RANKER_FUZZ_FLAGS:--entropic=0}" \
      scripts/fuzz.sh --build-dir build-asan --jobs "${jobs}" \
      "${RANKER_FUZZ_SECONDS:-20}"
    timings+=("fuzzing: $((SECONDS - start)) s")
  fi

  if [[ "${RANKER_SKIP_TSAN:-0}" != "1" ]]; then
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=${PWD}/tests/sanitizers/tsan_suppressions.txt" \
      run_pass "TSan" build-tsan concurrency_tests "-L concurrency" -- \
      -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" \
      -DRANKER_TSAN=ON
  fi
fi
printf '%s\n' "${timings[@]}" "total: ${SECONDS} s" >&2
echo "all tests passed" >&2
