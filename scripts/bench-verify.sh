#!/usr/bin/env bash
# Benchmarks certificate verification in headless Chromium; prints figures, asserts nothing
# about time. One page (wasm-bindgen-test-runner, Debian's Chromium) times, in alternating
# batches, core's `verify` (what the inspector's page runs, release build) and WebCrypto's
# `crypto.subtle.verify` ES256 on the same key and message, prints median and p90 of each and
# their ratio, then the time of each stage of the pipeline alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
source scripts/env.sh
# (No --quiet on cargo test: it would be passed on to wasm-bindgen-test-runner, which refuses it.)
# The runner gives a test 20 s by default; on a busy machine the benchmark takes longer.
WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --locked --release -p charterpass-core --target wasm32-unknown-unknown \
  --test cert_wasm_timing -- --nocapture 2>&1 | grep -E '^verify bench' | sed 's/^verify bench: //'
