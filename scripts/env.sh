# Sourced by the scripts: where the tools are, and the settings shared by build and tests.
export PATH="$PWD/node_modules/binaryen/bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export DGC_TESTDATA="${DGC_TESTDATA:-$PWD/../shared/testdata/dgc}"
export FRAMES_TESTDATA="${FRAMES_TESTDATA:-$PWD/../shared/testdata/frames}"
