#!/usr/bin/env bash
# The load figures of `tkb serve` for this tree (BENCHMARKS.md): builds the release binary and runs every
# measurement of benches/serve_compare.sh on it alone (point queries and /api/check, repeated and spread, with
# and without the answer cache, then the resident set over a million requests).
#
#   bash benches/serve_load.sh [SECONDS] [ROUNDS]          # MEMORY_REQUESTS=0 skips the memory run
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin tkb
exec bash benches/serve_compare.sh - target/release/tkb "${1:-10}" "${2:-1}"
