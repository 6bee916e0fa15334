#!/usr/bin/env bash
# Builds the micro-benchmarks (tests/bench, target ranker_bench) in the
# normal RelWithDebInfo build (build/, as scripts/test.sh's first pass) and
# runs them: every benchmark 3 times, reporting the aggregates only (mean,
# median, stddev, cv), pinned to CPU 0 with taskset when it is installed.
#
#   scripts/bench.sh [--large] [--no-pin] [--filter REGEX] [--min-time S]
#                    [out.json]
#
# out.json (default bench.json) gets Google Benchmark's JSON; the console
# gets its table, then the medians alone. --large adds the 1M-product world
# (RANKER_BENCH_LARGE=1: several minutes to build, a few GB of memory).
# --filter passes a --benchmark_filter regex (e.g. 'Recommend|EngineLog').
# --min-time is each repetition's minimum time of a benchmark, 0.2 s by
# default. How to read the results: tests/bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

out=bench.json
pin=1
filter=.
min_time=0.2
while (($#)); do
  case "$1" in
    --large) export RANKER_BENCH_LARGE=1 ;;
    --no-pin) pin=0 ;;
    --filter)
      filter="${2:?--filter needs a regex}"
      shift
      ;;
    --min-time)
      min_time="${2:?--min-time needs seconds}"
      shift
      ;;
    -h | --help)
      sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "bench.sh: unknown option '$1'" >&2
      exit 2
      ;;
    *) out="$1" ;;
  esac
  shift
done

source scripts/install_deps.sh
ranker_install_deps

generator=()
if [[ ! -f build/CMakeCache.txt ]] && command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  >/dev/null
cmake --build build -j"$(nproc)" --target ranker_bench

runner=()
if ((pin)) && command -v taskset >/dev/null; then
  runner=(taskset -c 0)
fi
"${runner[@]}" build/tests/bench/ranker_bench \
  --benchmark_filter="${filter}" \
  --benchmark_min_time="${min_time}" \
  --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="${out}" --benchmark_out_format=json

# The medians, one line per benchmark: wall and CPU time per iteration (for
# the stage benchmarks, the stage's own CPU time, counter stage_cpu) and the
# other counters.
python3 - "${out}" <<'PY'
import json, sys

SCALE = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}

def duration(seconds):
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"

with open(sys.argv[1]) as f:
    report = json.load(f)
skip = {"name", "run_name", "run_type", "repetitions", "repetition_index",
        "threads", "iterations", "real_time", "cpu_time", "time_unit",
        "aggregate_name", "aggregate_unit", "family_index",
        "per_family_instance_index", "error_occurred", "error_message",
        "stage_cpu"}
print(f"\nmedians of 3 ({sys.argv[1]}):")
print(f"{'benchmark':<64} {'time':>10} {'cpu':>10}  counters")
for b in report["benchmarks"]:
    if b.get("aggregate_name") != "median":
        continue
    scale = SCALE[b["time_unit"]]
    cpu = b.get("stage_cpu", b["cpu_time"] * scale)
    counters = " ".join(
        f"{k}={v:.4g}" for k, v in b.items()
        if k not in skip and isinstance(v, (int, float)))
    name = b["run_name"].replace("/manual_time", "")
    print(f"{name:<64} {duration(b['real_time'] * scale):>10}"
          f" {duration(cpu):>10}  {counters}")
PY
