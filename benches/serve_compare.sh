#!/usr/bin/env bash
# The load figures of `tkb serve` (BENCHMARKS.md), side by side for two binaries or for one: oha at 64 connections
# against each setup on 127.0.0.1 and a free port, setups alternated within a round so that all see the same
# machine, the load average printed with each line. Every server is stopped by its own PID; every oha run is
# bounded (by time, or by a number of requests) and stops by itself.
#
#   bash benches/serve_compare.sh BEFORE_BINARY AFTER_BINARY [SECONDS] [ROUNDS]
#   bash benches/serve_compare.sh - AFTER_BINARY ...        # no "before": the one binary's figures
#
# Each round runs, for each setup, a point query repeated and spread over 28 countries x 336 days, and
# /api/check repeated (a US citizen on 2021-06-01) and spread over 28 citizenships x 2,016 days:
#   before             BEFORE_BINARY serve
#   after, cache off   AFTER_BINARY serve --cache 0   (every request evaluated: the engine's path)
#   after              AFTER_BINARY serve             (answers kept per kb: a repeated request from memory)
# Each line ends with the server's processor time per request (clock ticks of /proc/PID/task/*/stat over the run;
# tick = 1/100 s, so a figure is good to a few percent over thousands of requests). Then memory: AFTER_BINARY serve (cache on) answers MEMORY_REQUESTS point queries (default 1000000; 0: skip)
# spread over 28 countries x 2,016 days (56,448 different answers, enough to fill the 64 MiB cache and start it
# again), its resident set (VmRSS) sampled every 5 s and after the last request.
set -euo pipefail
before=$1 after=$2 secs=${3:-10} rounds=${4:-2}
memory_requests=${MEMORY_REQUESTS:-1000000}
countries="(vn|cn|ru|us|de|kr|jp|tr|ae|in|gb|fr|it|es|th|my|sg|id|ph|uz|kg|tj|az|am|ge|by|ua|eg)"
days="2021-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
years="20(1[7-9]|2[0-2])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
point="/api/query?q=direct_flight(vn)%20@%202021-12-20"
point_spread="/api/query\\?q=direct_flight\\(${countries}\\)%20@%20${days}"
check="/api/check?citizen=us&date=2021-06-01"
check_spread="/api/check\\?citizen=${countries}&date=${years}"
start() { # BINARY ARGS...: starts a server, sets $pid and $base
  local log bin=$1; log=$(mktemp); shift
  "$bin" serve --port 0 "$@" >"$log" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
  base=$(sed -n 's/^listening on //p' "$log"); rm -f "$log"
  [ -n "$base" ] || { echo "the server did not start: $bin $*" >&2; kill -TERM "$pid" 2>/dev/null; exit 1; }
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
trap '[ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null; true' EXIT
summary() { # oha's text output: requests/s, p50, p99, the share answered 200
  echo "$1" | awk '/Requests\/sec/ {r=$2} /50.00% in/ {p50=$3} /99.00% in/ {p99=$3} /Success rate/ {ok=$3}
    END {printf "%8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  success %s", r, p50, p99, ok}'
}
ticks() { # the server's processor time so far (clock ticks), on its workers and on all its threads
  for t in /proc/"$pid"/task/*; do echo "$(cat "$t/comm") $(cut -d' ' -f14,15 "$t/stat")"; done |
    awk '{all += $2 + $3} $1 ~ /^tkb-worker/ {w += $2 + $3} END {print w + 0, all + 0}'
}
line() { # LABEL WHAT OHA-ARGS...: one run of $secs seconds at 64 connections, one line: the load generator's
  # figures, then the server's processor time per request (all threads; the workers' part), a figure the other
  # programs on the machine do not change the way they change the wall-clock ones
  local label=$1 what=$2 out before after; shift 2
  before=$(ticks)
  out=$(oha -z "${secs}s" -c 64 --no-tui -u ms "$@")
  after=$(ticks)
  local cpu; cpu=$(echo "$before $after" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$secs" |
    awk '{n = $5 * $6; if (n > 0) printf "cpu %5.0f us/req (workers %5.0f)", ($4 - $2) * 1e6 / 100 / n, ($3 - $1) * 1e6 / 100 / n}')
  printf '%-18s %-16s %s  %s  load %s\n' "$label" "$what" "$(summary "$out")" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
}
run() { # LABEL: every measured request, on the server at $base
  line "$1" "point repeated" "$base$point"
  line "$1" "point spread" --rand-regex-url "$base$point_spread"
  line "$1" "check repeated" "$base$check"
  line "$1" "check spread" --rand-regex-url "$base$check_spread"
}
rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status"; }
for round in $(seq "$rounds"); do
  echo "== round $round"
  if [ "$before" != "-" ]; then start "$before"; run before; stop; fi
  start "$after" --cache 0; run "after, cache off"; stop
  start "$after"; run after; stop
done
if [ "$memory_requests" -gt 0 ]; then
  echo "== memory: $memory_requests point queries spread over 56,448 answers, cache on, 64 connections"
  start "$after"
  echo "rss at start $(rss), load $(cut -d' ' -f1 /proc/loadavg)"
  out=$(mktemp)
  oha -n "$memory_requests" -c 64 --no-tui -u ms \
    --rand-regex-url "$base/api/query\\?q=direct_flight\\(${countries}\\)%20@%20${years}" >"$out" &
  load=$! began=$SECONDS
  while kill -0 "$load" 2>/dev/null; do
    sleep 5
    kill -0 "$load" 2>/dev/null && echo "after $((SECONDS - began)) s: rss $(rss), load $(cut -d' ' -f1 /proc/loadavg)"
  done
  wait "$load"
  echo "after all $memory_requests: rss $(rss); $(summary "$(cat "$out")")"
  rm -f "$out"
  stop
fi
