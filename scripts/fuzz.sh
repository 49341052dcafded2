#!/usr/bin/env bash
# Fuzzes the certificate verification pipeline: scripts/fuzz.sh [seconds] (default 60).
# Needs the nightly toolchain; installs cargo-fuzz when missing. Seeds the corpus with the
# published vectors. Findings land in fuzz/artifacts/verify/.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2
fi

corpus="corpus/verify"
mkdir -p "$corpus"
python3 - "$root/tests/vectors" "$corpus" <<'PY' || true
import json, pathlib, sys, hashlib
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("*.json")):
    for v in json.loads(f.read_text()):
        data = v["qr"].encode()
        (dst / hashlib.sha1(data).hexdigest()).write_bytes(data)
PY

cargo +nightly fuzz run verify "$corpus" -- -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=1024
