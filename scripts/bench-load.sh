#!/usr/bin/env bash
# Load benchmark (not part of `make test`): starts the release server with the demo data on a
# fresh data folder at a free loopback port and prints throughput and p50/p99 latency of the
# public status look-up, filing creation and, as the ceiling, the health check, at increasing
# concurrency. Usage: bash scripts/bench-load.sh [levels, default 1,4,16,64]
# CHARTERPASS_BIN names an already built release binary (then nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${CHARTERPASS_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --locked --release -p charterpass-server >&2
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/charterpass"
fi
data=$(mktemp -d)
log=$(mktemp)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$data" "$log"; }
trap cleanup EXIT
# The request log goes to a file: writing it is part of the measured work, as in production.
"$bin" serve --demo --addr 127.0.0.1:0 --data-dir "$data" --dist /nonexistent >"$log" &
pid=$!
for _ in $(seq 100); do
  base=$(sed -n 's/^charterpass listening on //p' "$log")
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "bench-load: the server did not start" >&2; exit 1; }
echo "charterpass $(git describe --always --dirty 2>/dev/null) release build, $(nproc) cores, $base" >&2
node scripts/bench-load.mjs "$base" "${1:-1,4,16,64}"
