#!/usr/bin/env bash
# Builds the release app and prints, per bundle, the wasm and JS a browser loads for its page,
# raw and gzipped, against the budget; then all bundles together.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
bash scripts/build-app.sh >&2
budget=$((250 * 1024))
gz() { cat "$@" | gzip -9 -c | wc -c; }
for dir in dist dist/bundles/*; do
  files=("$dir"/*.wasm "$dir"/*.js)
  echo "bundle $([ "$dir" = dist ] && echo start || basename "$dir") ($dir):"
  for f in "${files[@]}"; do
    printf '  %-46s %9d bytes raw %8d bytes gzipped\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gz "$f")"
  done
  total=0
  for f in "${files[@]}"; do total=$((total + $(gz "$f"))); done
  printf '  page load, wasm+js gzipped: %d bytes (budget %d, %s)\n' "$total" "$budget" \
    "$([ "$total" -le "$budget" ] && echo within || echo OVER)"
done
all=0
for f in dist/*.wasm dist/*.js dist/bundles/*/*.wasm dist/bundles/*/*.js; do all=$((all + $(gz "$f"))); done
printf 'all bundles together, wasm+js gzipped: %d bytes\n' "$all"
