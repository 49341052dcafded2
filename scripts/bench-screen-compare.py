"""The screen-to-camera table of scripts/bench-screen.sh: our engine (scan_bench --verbose output,
one line per frame) beside zxing-cpp (QR only, timed here by scan_bench's rule: one warm-up, then
the median of three runs per frame), by condition, on the frames of one folder.

  bench-screen-compare.py FOLDER OURS.txt [LABEL]"""
import importlib.metadata
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image


def ours(path: Path) -> dict:
    """file -> (ok, ms) from scan_bench --verbose lines `file<TAB>condition<TAB>x ms<TAB>status`."""
    out = {}
    for line in path.read_text().splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[2].endswith(" ms"):
            out[parts[0]] = (parts[3] == "ok", float(parts[2][:-3]))
    return out


def zxing(grey: np.ndarray, text: str) -> tuple:
    """(read, median ms of three) for one frame."""
    fmt = zxingcpp.BarcodeFormat.QRCode
    zxingcpp.read_barcodes(grey, formats=fmt)
    runs, found = [], []
    for _ in range(3):
        start = time.perf_counter()
        found = zxingcpp.read_barcodes(grey, formats=fmt)
        runs.append((time.perf_counter() - start) * 1000)
    return any(b.text == text for b in found), sorted(runs)[1]


def main() -> None:
    folder, ours_file = Path(sys.argv[1]), Path(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else folder.name
    rows = [l.split("\t", 2) for l in (folder / "truth.tsv").read_text().splitlines() if l.strip()]
    mine = ours(ours_file)
    by = defaultdict(lambda: {"n": 0, "us": 0, "zx": 0, "us_ms": [], "zx_ms": []})
    only_zxing, only_ours = [], []
    for name, cond, text in rows:
        grey = np.asarray(Image.open(folder / name).convert("L"))
        zx_ok, zx_ms = zxing(grey, text)
        us_ok, us_ms = mine.get(name, (False, float("nan")))
        for key in (cond, "all"):
            b = by[key]
            b["n"] += 1
            b["us"] += us_ok
            b["zx"] += zx_ok
            b["us_ms"].append(us_ms)
            b["zx_ms"].append(zx_ms)
        if zx_ok and not us_ok:
            only_zxing.append(name)
        if us_ok and not zx_ok:
            only_ours.append(name)
    version = importlib.metadata.version("zxing-cpp")
    print(f"== {label}: charterpass scan (native release) vs zxing-cpp {version} (QR only)")
    print("| condition | frames | ours read | zxing-cpp read | ours median ms | zxing-cpp median ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for cond, b in list((k, v) for k, v in by.items() if k != "all") + [("all", by["all"])]:
        print(f"| {cond} | {b['n']} | {b['us']} | {b['zx']} | "
              f"{statistics.median(b['us_ms']):.2f} | {statistics.median(b['zx_ms']):.2f} |")
    print(f"read by zxing-cpp only: {' '.join(only_zxing) or '-'}")
    print(f"read by ours only: {' '.join(only_ours) or '-'}")


if __name__ == "__main__":
    main()
