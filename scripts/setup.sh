#!/usr/bin/env bash
# Installs, idempotently, every tool the build and the tests need; skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14
say() { echo "setup: $*"; }

# The wasm target of the pinned toolchain.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# Chromium, its WebDriver and a CJK font, from Debian; sqlite3 for the browser journeys, which move
# a filed trip's window in the database as time would; python3 for the onboarding journey, which
# encodes its CSV files as GBK the way Excel in China saves them (node has no GBK encoder).
packages=()
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || packages+=(fonts-wqy-microhei)
command -v sqlite3 >/dev/null || packages+=(sqlite3)
command -v python3 >/dev/null || packages+=(python3)
if ((${#packages[@]})); then
  say "installing ${packages[*]} from Debian"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# Trunk, pinned (0.22 needs a newer rustc).
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen CLI and test runner at exactly the version in Cargo.lock.
wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
grep -q "wasm_bindgen = \"$wb\"" Trunk.toml || { echo "setup: Trunk.toml must pin wasm_bindgen = \"$wb\" as Cargo.lock does" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
  say "installing wasm-bindgen-cli $wb"
  # Not --locked: its lock file names a yanked crate.
  cargo install wasm-bindgen-cli --version "$wb"
fi

# Node tools from the committed lock file: wasm-opt (binaryen), playwright-core and axe-core.
stamp=node_modules/.charterpass-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing node packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
