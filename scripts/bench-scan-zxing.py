"""Reference figures for scripts/bench-scan.sh: zxing-cpp on the same frames, QR codes only,
with the timing rule of scan_bench (one warm-up, then the median of three runs per frame)."""
import importlib.metadata
import sys
import time
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image


def main() -> None:
    folder = Path(sys.argv[1])
    rows = [l.split("\t", 2) for l in (folder / "truth.tsv").read_text().splitlines() if l.strip()]
    read, times = 0, []
    for name, _condition, text in rows:
        grey = np.asarray(Image.open(folder / name).convert("L"))
        zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
        runs, found = [], []
        for _ in range(3):
            start = time.perf_counter()
            found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
            runs.append((time.perf_counter() - start) * 1000)
        runs.sort()
        times.append(runs[1])
        read += any(b.text == text for b in found)
    times.sort()
    pick = lambda p: times[((len(times) - 1) * p + 50) // 100]
    version = importlib.metadata.version("zxing-cpp")
    print(f"zxing-cpp {version} (native, QR only): {read}/{len(rows)} read, "
          f"median {pick(50):.2f} ms, p90 {pick(90):.2f} ms")


if __name__ == "__main__":
    main()
