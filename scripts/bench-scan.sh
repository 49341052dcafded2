#!/usr/bin/env bash
# Benchmarks the QR scan engine; prints figures, asserts nothing about time.
#  1. our decoder, native release build, on the camera-like frames: codes read, median, p90;
#  2. zxing-cpp (QR only) on the same frames in the same run, from a venv under .tools/;
#  3. our decoder compiled to wasm32 in headless Chromium, on generated 1280x720 frames of the
#     same conditions (the browser cannot read the frame folder), with the native figure beside it.
# Frames: $FRAMES_TESTDATA, default ../shared/testdata/frames from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

FRAMES="${FRAMES_TESTDATA:-$PWD/../shared/testdata/frames}"
ZXING_VERSION=2.3.0
VENV=.tools/venv-zxing
say() { echo "bench-scan: $*" >&2; }

if [ ! -f "$FRAMES/truth.tsv" ]; then
  say "skipped: no frames at $FRAMES (set FRAMES_TESTDATA)"
  exit 0
fi

echo "== frames: $FRAMES ($(($(wc -l < "$FRAMES/truth.tsv"))) frames)"

# 1. Ours, native.
cargo run --quiet --release -p charterpass-core --example scan_bench -- "$FRAMES" | tail -n 1

# 2. zxing-cpp, installed once into a venv at a pinned version.
if ! "$VENV/bin/python" -c "import zxingcpp, PIL, numpy, importlib.metadata as m; \
    assert m.version('zxing-cpp') == '$ZXING_VERSION'" 2>/dev/null; then
  say "installing zxing-cpp $ZXING_VERSION, pillow and numpy into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "zxing-cpp==$ZXING_VERSION" pillow numpy
fi
"$VENV/bin/python" scripts/bench-scan-zxing.py "$FRAMES"

# 3. Ours in headless Chromium (wasm32), and natively on the same generated frames.
# (No --quiet on cargo test: it would be passed on to wasm-bindgen-test-runner, which refuses it.)
wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
  say "installing wasm-bindgen-cli $wb (provides wasm-bindgen-test-runner)"
  cargo install wasm-bindgen-cli --version "$wb" # not --locked: its lock names a yanked crate
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
for _ in $(seq 60); do [ -x "$CHROMEDRIVER" ] && break; say "waiting for $CHROMEDRIVER"; sleep 10; done
if [ ! -x "$CHROMEDRIVER" ]; then
  say "skipped the browser figure: no $CHROMEDRIVER (apt-get install chromium-driver)"
  exit 0
fi
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test --release -p charterpass-core --target wasm32-unknown-unknown \
  --test scan_timing -- --nocapture 2>&1 | grep -E '^scan wasm32.*median'
cargo test --release -p charterpass-core --test scan_timing -- --nocapture 2>&1 |
  grep -E '^scan native.*median'
