#!/usr/bin/env bash
# Builds the app's bundles (crates/core/src/bundle.rs) in release mode into dist/: the office
# bundle first, because Trunk replaces its whole dist folder, then each phone bundle into its own
# folder (dist/bundles/driver, dist/bundles/inspector), served from the same path.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release
for bundle in driver inspector; do
  trunk build "$bundle.html" --release --dist "dist/bundles/$bundle" --public-url "/bundles/$bundle/"
done
