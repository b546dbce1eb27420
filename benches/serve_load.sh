#!/usr/bin/env bash
# Load figures of `tkb serve` (BENCHMARKS.md): wrk (or oha) against a release build on 127.0.0.1, a free port,
# bounded runs that stop by themselves, the server stopped by its own PID at the end.
#
#   bash benches/serve_load.sh [TOTAL_REQUESTS]      # default 1000000, for the memory figure
#
# Prints the load generator's summaries and the server's resident memory as the requests go.
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-1000000}
cargo build --release --quiet --bin tkb
log=$(mktemp)
./target/release/tkb serve --port 0 >"$log" 2>/dev/null &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
base=$(sed -n 's/^listening on //p' "$log")
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }
# Runs DURATION of load at 64 connections against URL; prints the summary; the requests done go to $done.
load() {
  local out
  out=$(wrk -t2 -c64 -d"$1" --latency "$2")
  echo "$out" | grep -E "Latency  |50%|90%|99%|requests in|Requests/sec|Non-2xx"
  done=$(echo "$out" | awk '/requests in/ {print $1}')
}
point="$base/api/query?q=direct_flight(vn)%20@%202021-12-20"
derived="$base/api/query?q=idc_exempt(vn)%20@%202021-12-20"
echo "server $base (pid $server), load average $(cut -d' ' -f1-3 /proc/loadavg), rss at start $(rss)"
load 5s "$point" >/dev/null
echo "rss after warm-up: $(rss)"
for url in "$point" "$derived" ${CHECK:+"$base/api/check?$CHECK"}; do
  echo "== $url, 64 connections, 30 s"
  load 30s "$url"
done
echo "== memory over $total point queries (64 connections)"
sum=0
while [ "$sum" -lt "$total" ]; do
  load 60s "$point" >/dev/null
  sum=$((sum + done))
  echo "after $sum requests: rss $(rss), load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
