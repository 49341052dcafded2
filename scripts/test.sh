#!/usr/bin/env bash
# Runs every test: native, wasm in headless Chromium, and browser journeys against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
# A test run builds everything once; incremental caches would only add gigabytes to the disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

echo "== native tests (core rules and format, API over HTTP against the real binary)"
cargo test --workspace --locked

echo "== wasm tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown -p charterpass-core -p charterpass-scan -p charterpass-app --lib --tests

echo "== release build of the app (its three bundles)"
bash scripts/build-app.sh

echo "== browser journeys (Playwright, Debian's Chromium, real server)"
cargo build --locked -p charterpass-server
CHARTERPASS_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/charterpass" node --test --test-concurrency=1 tests/e2e/
