#!/usr/bin/env bash
# Onboarding benchmark (not part of `make test`): starts the release server with the demo data
# on a fresh data folder at a free loopback port, imports 500 enterprises, then prints the time
# of the enterprise list (API, first and a searched page; and the /admin/enterprises page in
# Chromium when the app is built in dist/) and of importing a CSV of 2,000 vehicles (new, then
# the same file again). Usage: bash scripts/bench-onboarding.sh
# CHARTERPASS_BIN names an already built release binary (then nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bin="${CHARTERPASS_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --locked --release -p charterpass-server >&2
  bin="${CARGO_TARGET_DIR:-$PWD/target}/release/charterpass"
fi
data=$(mktemp -d)
log=$(mktemp)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$data" "$log"; }
trap cleanup EXIT
dist=/nonexistent
[ -f dist/index.html ] && dist="$PWD/dist"
"$bin" serve --demo --addr 127.0.0.1:0 --data-dir "$data" --dist "$dist" >"$log" &
pid=$!
for _ in $(seq 100); do
  base=$(sed -n 's/^charterpass listening on //p' "$log")
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "bench-onboarding: the server did not start" >&2; exit 1; }
echo "charterpass $(git describe --always --dirty 2>/dev/null) release build, $(nproc) cores, $base, app: $dist" >&2
node scripts/bench-onboarding.mjs "$base" "$dist"
