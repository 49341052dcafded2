# The two commands of the README, and a few helpers.
.PHONY: run test size fuzz bench-scan bench-screen bench-phone bench-verify bench-load bench-onboarding setup

run:        ## build the app and start the server with demo accounts
	bash scripts/run.sh

test:       ## every test: native, wasm, browser journeys
	bash scripts/test.sh

setup:      ## install the tools only
	bash scripts/setup.sh

size:       ## wasm and JS size, raw and gzipped
	bash scripts/size.sh

fuzz:       ## fuzz the verifier for FUZZ_SECONDS (default 60)
	bash scripts/fuzz.sh $${FUZZ_SECONDS:-60}

bench-scan: ## scan engine against zxing-cpp on the shared frames
	bash scripts/bench-scan.sh

bench-screen: ## scan engine against zxing-cpp on generated screen-to-camera frames, by condition and QR version
	bash scripts/bench-screen.sh

bench-phone: ## /verify under phone conditions: first verdict cold and warm, camera-loop frames per second
	bash scripts/bench-phone.sh

bench-verify: ## certificate verification against WebCrypto's ES256 in headless Chromium, per stage
	bash scripts/bench-verify.sh

bench-load: ## API throughput and p50/p99 at increasing concurrency (release build, loopback)
	bash scripts/bench-load.sh

bench-onboarding: ## enterprise list with 500 enterprises, import of 2,000 vehicles (release build)
	bash scripts/bench-onboarding.sh
