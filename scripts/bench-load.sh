#!/usr/bin/env bash
# Load benchmark (not part of `make test`): starts the release server with the demo data on a
# fresh data folder at a free loopback port and prints throughput and p50/p99 latency of the
# public status look-up, filing creation and, as the ceiling, the health check, at increasing
# concurrency. Usage: bash scripts/bench-load.sh [levels, default 1,4,16,64]
# CHARTERPASS_BIN names an already built release binary (then nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-server.sh /nonexistent
node scripts/bench-load.mjs "$base" "${1:-1,4,16,64}"
