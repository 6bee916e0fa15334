#!/usr/bin/env bash
# Builds and runs every test: unit tests, end-to-end tests against the real
# server (C++ and Python clients), then the same suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer. Installs missing Debian
# packages first. RANKER_SKIP_SANITIZERS=1 skips the second pass (local use).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install_deps.sh
ranker_install_deps

jobs="$(nproc)"

run_suite() {
  local build_dir="$1"
  shift
  cmake -S . -B "${build_dir}" "$@" >/dev/null
  cmake --build "${build_dir}" -j"${jobs}"
  ctest --test-dir "${build_dir}" -j"${jobs}" --timeout 300 --output-on-failure
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
if [[ "${RANKER_SKIP_SANITIZERS:-0}" != "1" ]]; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS="suppressions=${PWD}/tests/sanitizers/lsan_suppressions.txt" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DRANKER_SANITIZE=ON
fi
echo "all tests passed" >&2
