#!/usr/bin/env bash
# Load figures of `tkb serve` (BENCHMARKS.md): oha against a release build on 127.0.0.1, a free port, bounded
# request counts (the run stops by itself), the server stopped by its own PID at the end.
#
#   bash benches/serve_load.sh [REQUESTS_FOR_MEMORY]      # default 1000000
#
# Needs `oha` (cargo install oha). Prints oha's summaries and the server's resident memory as the requests go.
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
point="$base/api/query?q=direct_flight(vn)%20@%202021-12-20"
derived="$base/api/query?q=idc_exempt(vn)%20@%202021-12-20"
echo "server $base, pid $server, rss at start $(rss)"
oha -n 20000 -c 64 --no-tui "$point" >/dev/null          # warm-up
echo "rss after warm-up (20,000 requests): $(rss)"
for url in "$point" "$derived"; do
  echo "== $url: 200,000 requests, 64 connections"
  oha -n 200000 -c 64 --no-tui "$url"
  echo "rss: $(rss)"
done
if [ -n "${CHECK:-}" ]; then
  echo "== $base/api/check?$CHECK: 100,000 requests, 64 connections"
  oha -n 100000 -c 64 --no-tui "$base/api/check?$CHECK"
fi
echo "== memory over $total point queries (64 connections)"
done_so_far=0
step=$((total / 5))
while [ $done_so_far -lt "$total" ]; do
  oha -n $step -c 64 --no-tui "$point" >/dev/null
  done_so_far=$((done_so_far + step))
  echo "after $done_so_far more requests: rss $(rss)"
done
