#!/usr/bin/env bash
# Side-by-side load figures of two `tkb serve` binaries (BENCHMARKS.md): oha at 64 connections against each on
# 127.0.0.1 and a free port, runs alternated so that both see the same machine, the load average printed with each.
#
#   bash benches/serve_compare.sh BEFORE_BINARY AFTER_BINARY [SECONDS] [ROUNDS]
#
# Each round runs, for each setup, one point query repeated and one spread over 28 countries x 28 days:
#   before             BEFORE_BINARY serve
#   after, cache off   AFTER_BINARY serve --cache 0   (every request evaluated: the engine's path)
#   after              AFTER_BINARY serve             (answers kept per kb: repeated requests from memory)
set -euo pipefail
before=$1 after=$2 secs=${3:-10} rounds=${4:-2}
countries="(vn|cn|ru|us|de|kr|jp|tr|ae|in|gb|fr|it|es|th|my|sg|id|ph|uz|kg|tj|az|am|ge|by|ua|eg)"
days="2021-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
start() { # BINARY ARGS...: starts a server, sets $pid and $base
  local log; log=$(mktemp)
  "$@" serve --port 0 "${extra[@]}" >"$log" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
  base=$(sed -n 's/^listening on //p' "$log"); rm -f "$log"
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }
run() { # LABEL: one repeated point query and one spread, on the server at $base
  local out
  out=$(oha -z "${secs}s" -c 64 --no-tui -u ms "$base/api/query?q=direct_flight(vn)%20@%202021-12-20")
  printf '%-18s repeated  %s  load %s\n' "$1" "$(summary "$out")" "$(cut -d' ' -f1 /proc/loadavg)"
  out=$(oha -z "${secs}s" -c 64 --no-tui -u ms --rand-regex-url "$base/api/query\\?q=direct_flight\\(${countries}\\)%20@%20${days}")
  printf '%-18s spread    %s  load %s\n' "$1" "$(summary "$out")" "$(cut -d' ' -f1 /proc/loadavg)"
}
summary() { # oha's text output: requests/s, p50, p99, the share answered 200
  echo "$1" | awk '/Requests\/sec/ {r=$2} /50.00% in/ {p50=$3} /99.00% in/ {p99=$3} /Success rate/ {ok=$3}
    END {printf "%8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  success %s", r, p50, p99, ok}'
}
for round in $(seq "$rounds"); do
  echo "== round $round"
  extra=(); start "$before"; run before; stop
  extra=(--cache 0); start "$after"; run "after, cache off"; stop
  extra=(); start "$after"; run after; stop
done
