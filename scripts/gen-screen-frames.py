#!/usr/bin/env python3
"""Screen-to-camera frames: certificate QR codes as an inspector's phone camera sees them on the
driver's phone screen. Seeded: the same arguments write the same frames.

  gen-screen-frames.py OUT [--per-condition N] [--seed S] [--version V]

Writes OUT/NNN-<condition>.png (grey, 1280x720) and OUT/truth.tsv (file, condition, text), the
layout of ../shared/testdata/frames, so scan_bench and the zxing-cpp script read both alike.
Texts are the real certificates of tests/vectors/valid.json; with --version V each is cut short
or lengthened (Base45 characters) to fill a level-M code of exactly that version, for measuring
how the code's density changes the decode rate.

The model, in linear light: the driver's phone screen (portrait, an RGB-stripe pixel grid whose
subpixels light one third of each pixel each, with dark gaps between pixels) shows the certificate
page (white ground, text lines, the code); the screen sits in a dark bezel in front of a blurred
scene, and its glass adds a reflection of the surroundings and, for some conditions, a glare spot.
A pinhole camera (f = 1000 px) sees it through a rotation and tilt (a homography); each sensor pixel
averages a few point samples of the screen (so the pixel grid aliases into moire, as on a real
sensor), then lens blur, optional motion blur, auto-exposure with saturation, shot and read noise,
gamma, 8-bit quantisation and, for some conditions, JPEG compression.

Requires numpy, Pillow and segno (scripts/bench-screen.sh installs them in its venv)."""
import argparse
import io
import json
import math
from pathlib import Path

import numpy as np
import segno
from PIL import Image

W, H = 1280, 720
FOCAL = 1000.0
B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
LUMA = np.array([0.299, 0.587, 0.114])

# Each condition stresses one thing a phone camera does to another phone's screen; every frame
# also has the pixel grid, lens blur, a little reflection and sensor noise.
CONDITIONS = [
    "screen",       # the baseline: code at 28-38% of the frame width, slight turn and tilt
    "moire",        # a low-resolution screen whose pixel pitch is near the sensor's: strong moire
    "glare",        # a saturating glare spot and a strong reflection on the glass
    "dim",          # screen brightness low against a bright scene: auto-exposure darkens the code
    "small",        # the code at 20-24% of the frame width
    "motion",       # motion blur of 5-11 px at any angle
    "rotate",       # turned by 20-180 degrees
    "perspective",  # tilted by 30-42 degrees about one axis
    "noise",        # high sensor gain
    "jpeg",         # heavy JPEG compression (quality 25-45)
    "combo",        # small, dim, tilted, a little motion, noise and JPEG at once
]


def capacity(version: int) -> int:
    """Most alphanumeric characters a level-M code of `version` holds."""
    lo, hi = 1, 4000
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            segno.make("A" * mid, error="m", version=version, boost_error=False, micro=False)
            lo = mid
        except segno.DataOverflowError:
            hi = mid - 1
    return lo


def fit_to_version(text: str, version: int, rng: np.random.Generator) -> str:
    """`text` cut or lengthened with Base45 characters to two short of the version's capacity."""
    want = capacity(version) - 2
    if len(text) >= want:
        return text[:want]
    return text + "".join(B45[i] for i in rng.integers(0, len(B45), want - len(text)))


def modules(text: str) -> np.ndarray:
    """The code's modules without quiet zone, True = dark (level M, as the certificate page)."""
    code = segno.make(text, error="m", boost_error=False, micro=False)
    return np.array(code.matrix, dtype=bool)


def params(cond: str, rng: np.random.Generator) -> dict:
    """The scene of one frame: the baseline, then what the condition changes."""
    u = rng.uniform
    p = dict(
        frac=u(0.28, 0.38), roll=u(-10, 10), tilt_x=u(-10, 10), tilt_y=u(-10, 10),
        screen_w=1080, qr_screen=u(0.62, 0.78), fill=(0.85, 0.9), samples=3,
        brightness=u(0.7, 1.0), ambient=u(0.25, 0.5), reflection=u(0.01, 0.04), glare=0.0,
        lens=u(0.5, 0.9), motion=0.0, read_noise=0.006, shot_noise=0.012, jpeg=None,
        cx=W / 2 + u(-120, 120), cy=H / 2 + u(-60, 60),
    )
    if cond == "moire":
        # An HD+ screen (720 px wide) with OLED-like small emitters, seen at about one screen
        # pixel per sensor pixel, and point-like sampling.
        p.update(screen_w=720, fill=(0.55, 0.6), samples=2, frac=u(0.30, 0.40), lens=u(0.3, 0.5))
        p["qr_screen"] = p["frac"] * W / 720 / u(0.85, 1.15)
    elif cond == "glare":
        p.update(glare=u(0.8, 2.0), reflection=u(0.08, 0.16))
    elif cond == "dim":
        p.update(brightness=u(0.08, 0.18), ambient=u(0.5, 0.9), reflection=u(0.02, 0.05))
    elif cond == "small":
        p.update(frac=u(0.20, 0.24))
    elif cond == "motion":
        p.update(motion=u(5, 11))
    elif cond == "rotate":
        p.update(roll=u(20, 180) * rng.choice([-1, 1]))
    elif cond == "perspective":
        big = u(30, 42) * rng.choice([-1, 1])
        if rng.integers(2):
            p.update(tilt_x=big, tilt_y=u(-8, 8))
        else:
            p.update(tilt_y=big, tilt_x=u(-8, 8))
        p.update(frac=u(0.30, 0.38))
    elif cond == "noise":
        p.update(read_noise=u(0.03, 0.045), shot_noise=u(0.05, 0.07))
    elif cond == "jpeg":
        p.update(jpeg=int(u(25, 45)))
    elif cond == "combo":
        p.update(frac=u(0.22, 0.30), brightness=u(0.2, 0.35), ambient=u(0.4, 0.6),
                 tilt_x=u(-25, 25), roll=u(-40, 40), motion=u(2, 5), read_noise=0.02,
                 shot_noise=0.03, jpeg=int(u(50, 70)), reflection=u(0.04, 0.08))
    return p


def homography(p: dict, screen_w: float, screen_h: float, device_px: float) -> np.ndarray:
    """Camera pixel -> screen device pixel: the screen plane turned, tilted and placed at a depth
    where one device pixel at its centre spans `device_px` camera pixels."""
    rx, ry, rz = (math.radians(p[k]) for k in ("tilt_x", "tilt_y", "roll"))
    cx_, sx_ = math.cos(rx), math.sin(rx)
    cy_, sy_ = math.cos(ry), math.sin(ry)
    cz_, sz_ = math.cos(rz), math.sin(rz)
    rot_x = np.array([[1, 0, 0], [0, cx_, -sx_], [0, sx_, cx_]])
    rot_y = np.array([[cy_, 0, sy_], [0, 1, 0], [-sy_, 0, cy_]])
    rot_z = np.array([[cz_, -sz_, 0], [sz_, cz_, 0], [0, 0, 1]])
    r = rot_x @ rot_y @ rot_z
    k = np.array([[FOCAL, 0, p["cx"]], [0, FOCAL, p["cy"]], [0, 0, 1]])
    # Screen point (u, v) -> plane point device_px·(u - centre) in units where depth = FOCAL.
    a = np.array([[device_px, 0, -device_px * screen_w / 2],
                  [0, device_px, -device_px * p["qr_centre_v"]],
                  [0, 0, 1]])
    forward = k @ np.column_stack([r[:, 0], r[:, 1], np.array([0, 0, FOCAL])]) @ a
    return np.linalg.inv(forward)


def smooth_texture(rng: np.random.Generator, cells: tuple, lo: float, hi: float) -> np.ndarray:
    """A smooth random W x H field between lo and hi (a blurred scene)."""
    small = rng.uniform(lo, hi, cells).astype(np.float32)
    img = Image.fromarray(small, mode="F").resize((W, H), Image.BICUBIC)
    return np.asarray(img, dtype=np.float64)


def blur(img: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur (edges clamped)."""
    if sigma <= 0.05:
        return img
    r = max(1, int(math.ceil(3 * sigma)))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (r, r)
        padded = np.pad(img, pad, mode="edge")
        n = img.shape[axis]
        img = sum(w * np.take(padded, range(i, i + n), axis=axis) for i, w in enumerate(k))
    return img


def shift(img: np.ndarray, dx: float, dy: float) -> np.ndarray:
    """`img` moved by a fraction of a pixel (bilinear), edges wrapping (far from the code)."""
    ix, iy = math.floor(dx), math.floor(dy)
    fx, fy = dx - ix, dy - iy
    out = 0.0
    for ox, wx in ((ix, 1 - fx), (ix + 1, fx)):
        for oy, wy in ((iy, 1 - fy), (iy + 1, fy)):
            if wx * wy > 0:
                out = out + wx * wy * np.roll(np.roll(img, oy, axis=0), ox, axis=1)
    return out


def motion_blur(img: np.ndarray, length: float, angle: float) -> np.ndarray:
    """A straight camera movement of `length` pixels during the exposure."""
    if length < 1:
        return img
    steps = int(math.ceil(length)) + 1
    dx, dy = math.cos(angle), math.sin(angle)
    ts = np.linspace(-length / 2, length / 2, steps)
    return sum(shift(img, t * dx, t * dy) for t in ts) / steps


def render(text: str, cond: str, rng: np.random.Generator) -> np.ndarray:
    """One grey frame (uint8, H x W) of `text` under `cond`."""
    p = params(cond, rng)
    bits = modules(text)
    n = bits.shape[0]
    screen_w = p["screen_w"]
    screen_h = screen_w * 2.2
    qr_w = p["qr_screen"] * screen_w            # device pixels, the code without quiet zone
    qr_x0 = (screen_w - qr_w) / 2
    qr_y0 = screen_h * 0.42 - qr_w / 2
    p["qr_centre_v"] = qr_y0 + qr_w / 2
    device_px = p["frac"] * W / qr_w            # camera pixels per device pixel
    hinv = homography(p, screen_w, screen_h, device_px)
    bezel = 0.035 * screen_w

    # Page furniture beside the code: a header bar and lines of text above and below it, as a
    # per-row span of dark device pixels.
    rows = int(screen_h) + 1
    line_left = np.full(rows + 2, np.inf)
    line_right = np.full(rows + 2, -np.inf)
    line_left[: int(0.08 * screen_w)] = -np.inf                   # the header bar
    line_right[: int(0.08 * screen_w)] = np.inf
    for band_top, band_bottom in ((qr_y0 - 0.45 * screen_w, qr_y0 - 0.08 * screen_w),
                                  (qr_y0 + qr_w + 0.08 * screen_w, qr_y0 + qr_w + 0.5 * screen_w)):
        y = band_top
        while y < band_bottom:
            width = rng.uniform(0.3, 0.85) * screen_w
            top, bottom = max(0, int(y)), max(0, int(y + 0.03 * screen_w))
            line_left[top:bottom] = 0.08 * screen_w
            line_right[top:bottom] = 0.08 * screen_w + width
            y += 0.06 * screen_w
    header_rows = int(0.08 * screen_w)

    scene = smooth_texture(rng, (6, 10), 0.15, 1.0) * p["ambient"]
    reflect = smooth_texture(rng, (3, 5), 0.0, 1.0) * p["reflection"]
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float64)
    # Only the pixels that may see the glass are sampled (its corners' bounding box).
    forward = np.linalg.inv(hinv)
    corners = np.array([[u, v, 1.0] for u in (-bezel, screen_w + bezel)
                        for v in (-bezel, screen_h + bezel)]).T
    projected = forward @ corners
    if np.all(projected[2] > 0):
        px_, py_ = projected[0] / projected[2], projected[1] / projected[2]
        x0, x1 = int(np.clip(px_.min() - 2, 0, W)), int(np.clip(px_.max() + 3, 0, W))
        y0, y1 = int(np.clip(py_.min() - 2, 0, H)), int(np.clip(py_.max() + 3, 0, H))
    else:
        x0, x1, y0, y1 = 0, W, 0, H
    box = (slice(y0, y1), slice(x0, x1))
    s = p["samples"]
    offsets = [((i + 0.5) / s, (j + 0.5) / s) for i in range(s) for j in range(s)]
    screen_light = np.zeros((H, W))
    on_glass = np.zeros((H, W))
    weights = LUMA * 3
    fill_u, fill_v = p["fill"]
    for ox, oy in offsets:
        x, y = xs[box] + ox, ys[box] + oy
        den = hinv[2, 0] * x + hinv[2, 1] * y + hinv[2, 2]
        u = (hinv[0, 0] * x + hinv[0, 1] * y + hinv[0, 2]) / den
        v = (hinv[1, 0] * x + hinv[1, 1] * y + hinv[1, 2]) / den
        inside = (u >= 0) & (u < screen_w) & (v >= 0) & (v < screen_h) & (den > 0)
        glass = (u >= -bezel) & (u < screen_w + bezel) & (v >= -bezel) & (v < screen_h + bezel)
        # What each device pixel shows (decided at its centre, as a browser draws crisp edges).
        pu, pv = np.floor(u), np.floor(v)
        row = np.clip(pv, 0, rows).astype(np.int64)
        dark_line = (pu >= line_left[row]) & (pu < line_right[row])
        content = np.where(dark_line, np.where(pv < header_rows, 0.35, 0.12), 0.93)
        mx = np.floor((pu + 0.5 - qr_x0) / qr_w * n).astype(np.int64)
        my = np.floor((pv + 0.5 - qr_y0) / qr_w * n).astype(np.int64)
        in_code = (mx >= 0) & (mx < n) & (my >= 0) & (my < n)
        content[in_code] = np.where(bits[my[in_code], mx[in_code]], 0.02, 0.93)
        quiet = ~in_code & (mx >= -4) & (mx < n + 4) & (my >= -4) & (my < n + 4)
        content[quiet] = 0.93
        # The subpixel stripe under the sample, weighted by its share of luminance.
        fu, fv = u - pu, v - pv
        channel = np.minimum((fu * 3).astype(np.int64), 2)
        lit = ((fu * 3 - channel) < fill_u) & (fv < fill_v)
        emission = content * lit * weights[channel] / (fill_u * fill_v) * p["brightness"]
        screen_light[box] += np.where(inside, emission, 0.0)
        on_glass[box] += glass
    screen_light /= len(offsets)
    glass_share = on_glass / len(offsets)

    # The glass: a dark bezel and panel, the reflected surroundings, a glare spot.
    light = scene * (1 - glass_share) + glass_share * (0.01 + reflect) + screen_light
    if p["glare"] > 0:
        gx = p["cx"] + rng.uniform(-0.15, 0.15) * W
        gy = p["cy"] + rng.uniform(-0.15, 0.15) * H
        rx, ry = rng.uniform(0.05, 0.12) * W, rng.uniform(0.04, 0.1) * W
        spot = np.exp(-0.5 * (((xs - gx) / rx) ** 2 + ((ys - gy) / ry) ** 2))
        light = light + glass_share * p["glare"] * spot

    light = blur(light, p["lens"])
    light = motion_blur(light, p["motion"], rng.uniform(0, math.pi))

    # Auto-exposure on the frame's mean, then sensor noise growing with the gain it needed.
    gain = 0.22 / max(light.mean(), 1e-3)
    signal = np.clip(light * gain, 0, None)
    noise_gain = max(1.0, gain / 0.6)
    noisy = signal + rng.standard_normal(signal.shape) * (
        p["read_noise"] * noise_gain + p["shot_noise"] * np.sqrt(signal * noise_gain) * 0.5)
    grey = np.clip(np.clip(noisy, 0, 1) ** (1 / 2.2) * 255 + 0.5, 0, 255).astype(np.uint8)

    if p["jpeg"] is not None:
        buf = io.BytesIO()
        Image.fromarray(grey, mode="L").save(buf, format="JPEG", quality=p["jpeg"])
        grey = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("L"))
    return grey


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--per-condition", type=int, default=8)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--version", type=int, help="pad or cut every text to fill this QR version")
    ap.add_argument("--conditions", default=",".join(CONDITIONS))
    ap.add_argument("--vectors", type=Path,
                    default=Path(__file__).resolve().parent.parent / "tests/vectors/valid.json")
    args = ap.parse_args()

    texts = [v["qr"] for v in json.loads(args.vectors.read_text()) if "qr" in v]
    conditions = args.conditions.split(",")
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    index = 0
    for cond in conditions:
        for k in range(args.per_condition):
            rng = np.random.default_rng([args.seed, CONDITIONS.index(cond), k])
            text = texts[(index * 3 + k) % len(texts)]
            if args.version:
                text = fit_to_version(text, args.version, rng)
            name = f"{index:03d}-{cond}.png"
            Image.fromarray(render(text, cond, rng), mode="L").save(args.out / name)
            rows.append(f"{name}\t{cond}\t{text}\n")
            index += 1
    (args.out / "truth.tsv").write_text("".join(rows))
    print(f"gen-screen-frames: {len(rows)} frames in {args.out}")


if __name__ == "__main__":
    main()
