#!/usr/bin/env bash
# The long mode of the kill -9 crash test (tests/e2e/crash_recovery_e2e_test.cc):
# builds ranker_server and the test in build/ and runs TRIALS trials of
# "load events at full speed, SIGKILL the server at a random moment, restart
# it on the same --state_dir, check every user's and product's exact counts
# through the API" on one state directory.
#
#   scripts/crash_test.sh [trials] [always|interval|none]   (default 25 always)
#
# Environment: RANKER_CRASH_SEED repeats a run's kill times and events,
# RANKER_CRASH_THREADS (8) client threads, RANKER_CRASH_LOAD_MS (1500) the
# longest load before a kill, RANKER_CRASH_REPORT a file the results table is
# appended to (default build/crash_test_report.md). Exit status 0 when no
# acknowledged event was lost and none invented. docs/operations/durability.md
# ("Crash test") explains the method and records results.
set -euo pipefail
cd "$(dirname "$0")/.."

trials="${1:-25}"
fsync="${2:-always}"
case "${trials}" in
  -h | --help)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *[!0-9]* | '' | 0)
    echo "crash_test.sh: trials must be a positive number, got '${trials}'" >&2
    exit 2
    ;;
esac
case "${fsync}" in
  always | interval | none) ;;
  *)
    echo "crash_test.sh: fsync policy must be always, interval or none, got '${fsync}'" >&2
    exit 2
    ;;
esac

if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build build --target ranker_server e2e_crash_test -j"$(nproc)"

export RANKER_CRASH_TRIALS="${trials}"
export RANKER_CRASH_FSYNC="${fsync}"
export RANKER_CRASH_REPORT="${RANKER_CRASH_REPORT:-build/crash_test_report.md}"
echo "crash_test.sh: ${trials} trials, --wal_fsync=${fsync}; table appended to ${RANKER_CRASH_REPORT}"
exec build/tests/e2e/e2e_crash_test \
  --gtest_filter='KillNineTest.EveryAcknowledgedEventSurvivesEveryCrash'
