#!/usr/bin/env bash
# The overload run (docs/operations/overload.md): finds the closed-loop peak
# (PEAK_CONCURRENCY=8 in flight, below the server's caps so that nothing is
# refused; 80% RecommendProducts / 20% LogEvent, a million Zipf users), then
# offers 3x that rate open-loop for 20 s; prints the admitted calls'
# latency, the refusals by status code, and the server's RSS every 3 s.
# The server runs on CPU 0 and ranker_load on CPU 1 (taskset), the server
# with --state_dir (fsync always), --max_users=50000 and its default caps
# (one usable core: 1 read worker, 8 reads and 64 writes in flight).
# Usage: [EXTRA="--max_queue_wait=5ms"] [PEAK_CONCURRENCY=8] scripts/overload_run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cat > /tmp/summ.py <<'PY'
import json,sys
r=json.load(sys.stdin)
for ph in r["phases"]:
  for k,v in ph["rpcs"].items():
    l=v["latency_ms"]
    print("%s[%s]: ok/s=%.0f p50=%.2f p99=%.2f errors=%s" % (k, ph["name"], v["ok_per_second"], l["p50"], l["p99"], v["errors"]))
PY
L=build/client/load/ranker_load; S=build/server/ranker_server
EXTRA="${EXTRA:-}"
d=$(mktemp -d); rm -f /tmp/port
taskset -c 0 $S --listen=127.0.0.1:0 --port_file=/tmp/port --state_dir=$d --max_users=50000 --log_level=warn $EXTRA &
pid=$!; for i in $(seq 50); do [ -s /tmp/port ] && break; sleep 0.1; done
T=127.0.0.1:$(cat /tmp/port)
rss() { awk '/VmRSS/{print $2" kB"}' /proc/$pid/status; }
echo "rss at start: $(rss)"
COMMON="--target=$T --product_ids_file=deploy/demo/catalog.jsonl --mix=recommend:0.8,log:0.2 --users=1000000"
peak=$(taskset -c 1 $L $COMMON --mode=closed --concurrency=${PEAK_CONCURRENCY:-8} --duration=10s --warmup=2s --json 2>/dev/null | tee /tmp/peak.json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(int(sum(v["ok_per_second"] for v in r["phases"][0]["rpcs"].values())))')
python3 /tmp/summ.py < /tmp/peak.json
echo "closed-loop peak (${PEAK_CONCURRENCY:-8} in flight): $peak calls/s; rss $(rss)"
rate=$((peak*3))
( for i in $(seq 8); do sleep 3; echo "  t=$((i*3))s rss $(rss)"; done ) &
sampler=$!
taskset -c 1 $L $COMMON --mode=open --rate=$rate --duration=20s --warmup=2s --json 2>/dev/null > /tmp/over.json
kill $sampler 2>/dev/null || true
echo "open loop at 3x peak = $rate calls/s:"; python3 /tmp/summ.py < /tmp/over.json
python3 -c 'import json; r=json.load(open("/tmp/over.json")); print({k:v for k,v in r["phases"][0].items() if k not in ("rpcs",)})'
echo "rss after: $(rss)"
kill -TERM $pid; wait $pid; echo "server exit $?"; rm -rf $d
