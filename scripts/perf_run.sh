#!/usr/bin/env bash
# The scale run behind docs/performance.md, for one catalog size:
#   1. a synthetic catalog of PRODUCTS products (ranker_scale catalog; kept
#      in DATA_DIR and reused);
#   2. ranker_server on CPU 0 (taskset), in memory, no in-flight caps (the
#      run measures speed, not admission); its start-up line says how long
#      the catalog took to load and the resident memory;
#   3. USERS users' histories (20 events each on average) loaded through
#      LogEvent, 1000 events per call, from CPU 1: the batched ingestion
#      rate and the memory per user;
#   4. RUNS closed-loop runs of ranker_load --floor on CPU 1 (health check,
#      then RecommendProducts alone, then one-event LogEvent alone, each
#      CONCURRENCY in flight for DURATION), each RPC's throughput as a ratio
#      of the floor measured in the same run;
#   5. an open-loop run of RecommendProducts at half the median peak: the
#      latency when the server is not saturated.
# Prints one summary line per figure and writes the raw JSON reports to
# OUT_DIR (default /tmp/ranker-perf/<PRODUCTS>).
# Every RecommendProducts overrides the retrieval quotas with WEIGHTS (the
# micro-benchmarks' BenchRankingConfig by default), so that an active user's
# request scores over 1,000 candidates as issue 6's targets state; WEIGHTS=
# (empty) measures the default configuration instead.
# Usage: PRODUCTS=100000 USERS=100000 [RUNS=3] [DURATION=10s]
#        [CONCURRENCY=16] [WEIGHTS=name=value,...] scripts/perf_run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PRODUCTS="${PRODUCTS:-100000}"
USERS="${USERS:-100000}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
CONCURRENCY="${CONCURRENCY:-16}"
DATA_DIR="${DATA_DIR:-/tmp/ranker-perf}"
OUT_DIR="${OUT_DIR:-${DATA_DIR}/${PRODUCTS}}"
BUILD="${BUILD:-build}"
WEIGHTS="${WEIGHTS-instant_interest_quota=500,long_term_interest_quota=500,context_tags_quota=400,session_neighbors_quota=300,co_engagement_quota=300,live_now_quota=100,exploration_quota=200}"
mkdir -p "${DATA_DIR}" "${OUT_DIR}"

cmake --build "${BUILD}" -j"$(nproc)" \
  --target ranker_server ranker_scale ranker_load >/dev/null
SCALE="${BUILD}/client/scale/ranker_scale"
LOAD="${BUILD}/client/load/ranker_load"
SERVER="${BUILD}/server/ranker_server"

catalog="${DATA_DIR}/catalog-${PRODUCTS}.jsonl"
if [[ ! -s "${catalog}" ]]; then
  "${SCALE}" catalog --products="${PRODUCTS}" --out="${catalog}"
fi

port_file="${OUT_DIR}/port"
rm -f "${port_file}"
taskset -c 0 "${SERVER}" --catalog="${catalog}" --listen=127.0.0.1:0 \
  --port_file="${port_file}" --max_reads_in_flight=0 \
  --max_writes_in_flight=0 >"${OUT_DIR}/server.log" 2>&1 &
server=$!
trap 'kill "${server}" 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  [[ -s "${port_file}" ]] && break
  kill -0 "${server}" 2>/dev/null || { cat "${OUT_DIR}/server.log"; exit 1; }
  sleep 0.5
done
target="127.0.0.1:$(cat "${port_file}")"
grep -o 'state loaded.*' "${OUT_DIR}/server.log"

taskset -c 1 "${SCALE}" histories --target="${target}" \
  --products="${PRODUCTS}" --users="${USERS}" --in_flight=4 \
  2>/dev/null | tee "${OUT_DIR}/histories.txt"

common=(--target="${target}" --product_ids_file="${catalog}"
  --users="${USERS}" --duration="${DURATION}" --warmup=2s --json
  --weight="${WEIGHTS}")
for run in $(seq "${RUNS}"); do
  taskset -c 1 "${LOAD}" "${common[@]}" --floor --mix=recommend:1,log:1 \
    --concurrency="${CONCURRENCY}" 2>/dev/null >"${OUT_DIR}/floor-${run}.json"
done

# Half the median Recommend peak, offered open loop.
half=$(python3 - "${OUT_DIR}" "${RUNS}" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
peaks = [json.load(open(f"{out}/floor-{i}.json"))["floor"]["ratios"]
         ["recommend"]["ok_per_second"] for i in range(1, runs + 1)]
print(max(1, int(statistics.median(peaks) / 2)))
PY
)
taskset -c 1 "${LOAD}" "${common[@]}" --mode=open --rate="${half}" \
  --mix=recommend:1 2>/dev/null >"${OUT_DIR}/open-half.json"

python3 - "${OUT_DIR}" "${RUNS}" "${half}" <<'PY'
import json, statistics, sys
out, runs, half = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
floors, rec, log, rec_ratio, log_ratio, rec_p50, rec_p99 = ([] for _ in range(7))
for i in range(1, runs + 1):
    r = json.load(open(f"{out}/floor-{i}.json"))
    floors.append(r["floor"]["health_ok_per_second"])
    rec.append(r["floor"]["ratios"]["recommend"]["ok_per_second"])
    log.append(r["floor"]["ratios"]["log"]["ok_per_second"])
    rec_ratio.append(r["floor"]["ratios"]["recommend"]["ratio"])
    log_ratio.append(r["floor"]["ratios"]["log"]["ratio"])
    phase = next(p for p in r["phases"] if p["name"] == "recommend")
    rec_p50.append(phase["rpcs"]["recommend"]["latency_ms"]["p50"])
    rec_p99.append(phase["rpcs"]["recommend"]["latency_ms"]["p99"])
m = statistics.median
print(f"floor (health) ok/s, median of {runs}: {m(floors):.0f}  (runs: "
      + ", ".join(f"{x:.0f}" for x in floors) + ")")
print(f"recommend ok/s: {m(rec):.0f}, {m(rec_ratio):.3f} x floor; closed-loop "
      f"p50 {m(rec_p50):.2f} ms, p99 {m(rec_p99):.2f} ms  (ratios: "
      + ", ".join(f"{x:.3f}" for x in rec_ratio) + ")")
print(f"log (1 event) ok/s: {m(log):.0f}, {m(log_ratio):.3f} x floor  "
      "(ratios: " + ", ".join(f"{x:.3f}" for x in log_ratio) + ")")
o = json.load(open(f"{out}/open-half.json"))["phases"][0]["rpcs"]["recommend"]
lat = o["latency_ms"]
print(f"recommend open loop at {half}/s (half the peak): ok/s "
      f"{o['ok_per_second']:.0f}, p50 {lat['p50']:.2f} ms, p99 "
      f"{lat['p99']:.2f} ms, p99.9 {lat['p99.9']:.2f} ms, errors {o['errors']}")
PY
