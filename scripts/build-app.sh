#!/usr/bin/env bash
# Builds the app's bundles (crates/core/src/bundle.rs) in release mode into dist/: the start
# bundle first (index.html), because Trunk replaces its whole dist folder, then each other bundle
# from its own page at the root (enterprise.html …) into dist/bundles/<name>, served from there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release
for page in *.html; do
  bundle="${page%.html}"
  [ "$bundle" = index ] && continue
  trunk build "$page" --release --dist "dist/bundles/$bundle" --public-url "/bundles/$bundle/"
done
# Gzipped copies beside the large files; the server sends them to browsers that accept gzip.
find dist \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -exec gzip -9 -k -f {} +
