#!/usr/bin/env bash
# Builds the app's bundles (crates/core/src/bundle.rs) in release mode into dist/: the start
# bundle first (index.html), because Trunk replaces its whole dist folder, then each role's bundle
# from its own page (enterprise.html …) into dist/bundles/<name>, served from the same path.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release
for bundle in enterprise plates review admin driver inspector; do
  trunk build "$bundle.html" --release --dist "dist/bundles/$bundle" --public-url "/bundles/$bundle/"
done
