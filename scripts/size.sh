#!/usr/bin/env bash
# Builds the release app and prints the size of its wasm and JS, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
source scripts/env.sh
trunk build --release >&2
budget=$((250 * 1024))
for f in dist/*.wasm dist/*.js; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '%-48s %8d bytes raw %8d bytes gzipped\n' "$(basename "$f")" "$raw" "$gz"
done
total=$(cat dist/*.wasm dist/*.js | gzip -9 -c | wc -c)
printf 'total wasm+js gzipped: %d bytes (budget %d, %s)\n' "$total" "$budget" "$([ "$total" -le "$budget" ] && echo within || echo OVER)"
