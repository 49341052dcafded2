#!/usr/bin/env bash
# Phone-conditions benchmark of /verify (scripts/bench-phone.mjs): release server and release app,
# headless Chromium with 4x CPU throttling, slow 4G and a fake camera. Prints figures only.
# RUNS (default 5) runs; SKIP_BUILD=1 uses the dist/ and server binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
source scripts/env.sh
if [ -z "${SKIP_BUILD:-}" ]; then
  bash scripts/build-app.sh >&2
  cargo build --locked --release -p charterpass-server >&2
fi
CHARTERPASS_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/charterpass" node scripts/bench-phone.mjs "${RUNS:-5}"
