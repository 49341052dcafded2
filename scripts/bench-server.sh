# Sourced by the benchmarks (bench-load.sh, bench-onboarding.sh): starts the release server with
# the demo data on a fresh data folder at a free loopback port, serving the app in $1 (or none),
# and sets `base` to its address; the folder and the server go when the script exits.
# CHARTERPASS_BIN names an already built release binary (then nothing is built).
bench_bin="${CHARTERPASS_BIN:-}"
if [ -z "$bench_bin" ]; then
  cargo build --locked --release -p charterpass-server >&2
  bench_bin="${CARGO_TARGET_DIR:-$PWD/target}/release/charterpass"
fi
bench_data=$(mktemp -d)
bench_log=$(mktemp)
bench_cleanup() {
  [ -n "${bench_pid:-}" ] && kill "$bench_pid" 2>/dev/null && wait "$bench_pid" 2>/dev/null
  rm -rf "$bench_data" "$bench_log"
}
trap bench_cleanup EXIT
# The request log goes to a file: writing it is part of the measured work, as in production.
"$bench_bin" serve --demo --addr 127.0.0.1:0 --data-dir "$bench_data" --dist "${1:-/nonexistent}" >"$bench_log" &
bench_pid=$!
base=
for _ in $(seq 100); do
  base=$(sed -n 's/^charterpass listening on //p' "$bench_log")
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "$(basename "$0"): the server did not start" >&2; exit 1; }
echo "charterpass $(git describe --always --dirty 2>/dev/null) release build, $(nproc) cores, $base, app: ${1:-none}" >&2
