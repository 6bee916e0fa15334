#!/usr/bin/env bash
# The cost of each --wal_fsync policy through the whole service: for each
# policy and client concurrency, starts ranker_server on a fresh --state_dir
# (demo catalog, loopback, free port) and drives it with ranker_load, LogEvent
# only, one event per call. Prints one line per run: calls/s, p50, p99.
# Usage: scripts/fsync_cost.sh [seconds per run, default 8] [build dir]
# Numbers depend on the disk's flush latency: measure on the target machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-8}"
build="${2:-build}"
server="${build}/server/ranker_server"
load="${build}/client/load/ranker_load"
for binary in "${server}" "${load}"; do
  [[ -x "${binary}" ]] || { echo "missing ${binary}: build first" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

printf '%-9s %-12s %-7s %12s %9s %9s\n' policy concurrency events calls/s p50_ms p99_ms
for policy in always interval none; do
  for concurrency in 1 32; do
    for events in 1 100; do
      state="${work}/state-${policy}-${concurrency}-${events}"
      rm -f "${work}/port"
      "${server}" --listen=127.0.0.1:0 --port_file="${work}/port" \
        --state_dir="${state}" --wal_fsync="${policy}" --log_level=warn &
      pid=$!
      for _ in $(seq 100); do [[ -s "${work}/port" ]] && break; sleep 0.1; done
      "${load}" --target="127.0.0.1:$(cat "${work}/port")" \
        --product_ids_file=deploy/demo/catalog.jsonl --mix=log:1 \
        --events_per_log="${events}" --mode=closed \
        --concurrency="${concurrency}" --warmup=1s \
        --duration="${seconds}s" --json 2>/dev/null >"${work}/report.json"
      kill -TERM "${pid}"
      wait "${pid}"
      python3 - "${policy}" "${concurrency}" "${events}" "${work}/report.json" <<'PY'
import json, sys
policy, concurrency, events, path = sys.argv[1:5]
log = json.load(open(path))["phases"][0]["rpcs"]["log"]
errors = sum(log["errors"].values())
print("%-9s %-12s %-7s %12.0f %9.2f %9.2f%s" % (
    policy, concurrency, events, log["ok_per_second"],
    log["latency_ms"]["p50"], log["latency_ms"]["p99"],
    "  (%d errors: %s)" % (errors, log["errors"]) if errors else ""))
PY
    done
  done
done
