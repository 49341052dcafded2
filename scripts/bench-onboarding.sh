#!/usr/bin/env bash
# Onboarding benchmark (not part of `make test`): starts the release server with the demo data
# on a fresh data folder at a free loopback port, imports 500 enterprises, then prints the time
# of the enterprise list (API, first and a searched page; and the /admin/enterprises page in
# Chromium when the app is built in dist/) and of importing a CSV of 2,000 vehicles (new, then
# the same file again). Usage: bash scripts/bench-onboarding.sh
# CHARTERPASS_BIN names an already built release binary (then nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist=/nonexistent
[ -f dist/index.html ] && dist="$PWD/dist"
source scripts/bench-server.sh "$dist"
node scripts/bench-onboarding.mjs "$base" "$dist"
