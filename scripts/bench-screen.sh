#!/usr/bin/env bash
# Screen-to-camera benchmark: prints figures, asserts nothing about time.
#  1. frames of the real certificates (tests/vectors/valid.json, a version-12 code) as a phone camera
#     sees them on another phone's screen (scripts/gen-screen-frames.py: pixel grid and moire, glare,
#     dim screen, small, motion, rotation, perspective, noise, JPEG), our engine beside zxing-cpp by
#     condition;
#  2. the same conditions with the texts cut or padded to fill QR versions $SCREEN_VERSIONS
#     (default 8 10 12 14 16): decode rate by version, ours and zxing-cpp.
# Frames are generated (seeded) into $SCREEN_FRAMES (default .tools/screen-frames, git-ignored) and
# kept while the generator and its arguments are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ZXING_VERSION=2.3.0
VENV=.tools/venv-zxing
OUT="${SCREEN_FRAMES:-$PWD/.tools/screen-frames}"
PER="${SCREEN_PER_CONDITION:-8}"
PER_VERSION="${SCREEN_PER_VERSION:-4}"
VERSIONS="${SCREEN_VERSIONS:-8 10 12 14 16}"
say() { echo "bench-screen: $*" >&2; }

if ! "$VENV/bin/python" -c "import zxingcpp, PIL, numpy, segno, importlib.metadata as m; \
    assert m.version('zxing-cpp') == '$ZXING_VERSION'" 2>/dev/null; then
  say "installing zxing-cpp $ZXING_VERSION, pillow, numpy and segno into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "zxing-cpp==$ZXING_VERSION" pillow numpy segno
fi

cargo build --quiet --release -p charterpass-core --example scan_bench
BENCH="${CARGO_TARGET_DIR:-$PWD/target}/release/examples/scan_bench"

# Generates frames into $1 with the generator's arguments $2..., unless already there.
frames() {
  local dir=$1; shift
  local stamp
  stamp=$(cat scripts/gen-screen-frames.py tests/vectors/valid.json | sha256sum | cut -c1-16)" $*"
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$dir"
    "$VENV/bin/python" scripts/gen-screen-frames.py "$dir" "$@" >&2
    echo "$stamp" > "$dir/.stamp"
  fi
}

# Our engine, then the table beside zxing-cpp.
compare() {
  local dir=$1 label=$2
  "$BENCH" "$dir" --verbose > "$dir/ours.txt"
  "$VENV/bin/python" scripts/bench-screen-compare.py "$dir" "$dir/ours.txt" "$label"
}

frames "$OUT/certificates" --per-condition "$PER"
compare "$OUT/certificates" "real certificates (version 12), $PER frames per condition"

summary=()
for v in $VERSIONS; do
  frames "$OUT/v$v" --per-condition "$PER_VERSION" --version "$v"
  table=$(compare "$OUT/v$v" "version $v, $PER_VERSION frames per condition")
  echo "$table"
  summary+=("| $v | $((17 + 4 * v)) | $(echo "$table" | awk -F' [|] ' '/^[|] all /{ print $3 "/" $2 " | " $4 "/" $2 }') |")
done
echo "== decode rate by QR version (level M, all conditions)"
echo "| version | modules | ours read | zxing-cpp read |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${summary[@]}"
