#!/usr/bin/env bash
# Fuzzes the certificate verification pipeline and the signed trust list's opening:
# scripts/fuzz.sh [seconds each] (default 60). Needs the nightly toolchain; installs cargo-fuzz
# when missing. Seeds the corpora with the published vectors. Findings land in fuzz/artifacts/.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2
fi

mkdir -p corpus/verify corpus/trust_list
python3 - "$root/tests/vectors" corpus <<'PY'
import json, pathlib, sys, hashlib
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("*.json")):
    for v in json.loads(f.read_text()):
        if "qr" in v:
            data, target = v["qr"].encode(), "verify"
        else:
            data, target = bytes.fromhex(v["list"]), "trust_list"
        (dst / target / hashlib.sha1(data).hexdigest()).write_bytes(data)
PY

cargo +nightly fuzz run verify corpus/verify -- -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=1024
cargo +nightly fuzz run trust_list corpus/trust_list -- -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=1024
