#!/usr/bin/env bash
# Builds the app in release mode and starts the server with the demo data set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build-app.sh
cargo build --release --locked -p charterpass-server
exec "${CARGO_TARGET_DIR:-target}/release/charterpass" serve --demo --dist dist "$@"
