//! From finder patterns to a sampled module grid, decoded by rqrr.

use super::finder::{Bitmap, Finder};
use super::geometry::{Homography, Pt};
use super::reader::Miss;
use super::sort::insertion_sort_by;

/// At most this many finder candidates take part in forming triples.
const MAX_FINDERS: usize = 10;
/// At most this many plausible triples are sampled per bitmap.
const MAX_TRIPLES: usize = 6;

/// The module grid handed to rqrr's decoder.
struct Modules<'a> {
    size: usize,
    bits: &'a [bool],
}

impl rqrr::BitGrid for Modules<'_> {
    fn size(&self) -> usize {
        self.size
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        self.bits[y * self.size + x]
    }
}

/// Three finders in code order: top-left, top-right, bottom-left.
#[derive(Debug, Clone, Copy)]
struct Triple {
    tl: Finder,
    tr: Finder,
    bl: Finder,
    /// Lower is more square-like.
    badness: f64,
}

fn pt(f: &Finder) -> Pt {
    Pt::new(f.x as f64, f.y as f64)
}

/// Orders three finders and rates how much they look like the corners of one code.
fn triple(a: Finder, b: Finder, c: Finder) -> Option<Triple> {
    let (lo, hi) = [a.module, b.module, c.module]
        .iter()
        .fold((f32::MAX, 0f32), |(lo, hi), &m| (lo.min(m), hi.max(m)));
    if hi > 2.0 * lo {
        return None;
    }
    let (ab, bc, ca) = (
        pt(&a).dist(pt(&b)),
        pt(&b).dist(pt(&c)),
        pt(&c).dist(pt(&a)),
    );
    // The corner opposite the longest side is top-left.
    let (tl, p, q, hyp, s1, s2) = if bc >= ab && bc >= ca {
        (a, b, c, bc, ab, ca)
    } else if ca >= ab && ca >= bc {
        (b, c, a, ca, ab, bc)
    } else {
        (c, a, b, ab, bc, ca)
    };
    let module = (lo + hi) as f64 / 2.0;
    if s1.min(s2) < 8.0 * module || s1.max(s2) > 1.8 * s1.min(s2) {
        return None;
    }
    let right = (hyp * hyp - (s1 * s1 + s2 * s2)).abs() / (s1 * s1 + s2 * s2);
    if right > 0.5 {
        return None;
    }
    let (o, pp, qq) = (pt(&tl), pt(&p), pt(&q));
    let cross = (pp.x - o.x) * (qq.y - o.y) - (pp.y - o.y) * (qq.x - o.x);
    let (tr, bl) = if cross > 0.0 { (p, q) } else { (q, p) };
    let badness = right + (s1.max(s2) / s1.min(s2) - 1.0) + (hi / lo - 1.0) as f64;
    Some(Triple {
        tl,
        tr,
        bl,
        badness,
    })
}

/// Estimated side in modules, rounded to a valid QR size (17 + 4·version).
fn estimate_size(t: &Triple) -> Option<usize> {
    let (o, r, b) = (pt(&t.tl), pt(&t.tr), pt(&t.bl));
    // Runs were measured along the image axes; undo the stretch from the code's rotation.
    let fold = |d: Pt| d.x.abs().max(d.y.abs()) / d.x.hypot(d.y);
    let (dr, db) = (Pt::new(r.x - o.x, r.y - o.y), Pt::new(b.x - o.x, b.y - o.y));
    let module =
        (t.tl.module + t.tr.module + t.bl.module) as f64 / 3.0 * (fold(dr) + fold(db)) / 2.0;
    if module <= 0.0 {
        return None;
    }
    let span = (o.dist(r) + o.dist(b)) / 2.0 / module + 7.0;
    let version = ((span - 17.0) / 4.0).round();
    (1.0..=40.0)
        .contains(&version)
        .then(|| 17 + 4 * version as usize)
}

/// Rounds down to an integer pixel index without a libm call (NaN and overflow saturate).
#[inline]
fn floor(v: f64) -> isize {
    let i = v as isize;
    i - ((i as f64) > v) as isize
}

/// Scores an alignment pattern (dark centre, light ring, dark ring) at `c` with module axes.
fn alignment_score(img: &Bitmap, c: Pt, ex: Pt, ey: Pt) -> u32 {
    let mut score = 0;
    for j in -2i32..=2 {
        for i in -2i32..=2 {
            let ring = i.abs().max(j.abs());
            let x = c.x + i as f64 * ex.x + j as f64 * ey.x;
            let y = c.y + i as f64 * ex.y + j as f64 * ey.y;
            let dark = img.dark(floor(x), floor(y));
            score += (dark == (ring != 1)) as u32;
        }
    }
    score
}

/// Searches for the bottom-right alignment pattern near `guess`, with `ex` and `ey` the module
/// axes expected there.
fn find_alignment(img: &Bitmap, guess: Pt, ex: Pt, ey: Pt, size: usize) -> Option<Pt> {
    let reach = (size as i32 / 8).clamp(4, 10) * 2;
    let (mut best, mut at) = (0u32, guess);
    // Rings of growing half-module distance from the guess; stop after a ring with a perfect hit.
    for ring in 0..=reach {
        for j in -ring..=ring {
            let step = if j.abs() == ring { 1 } else { 2 * ring.max(1) };
            let mut i = -ring;
            while i <= ring {
                let c = Pt::new(
                    guess.x + (i as f64 * ex.x + j as f64 * ey.x) / 2.0,
                    guess.y + (i as f64 * ex.y + j as f64 * ey.y) / 2.0,
                );
                let s = alignment_score(img, c, ex, ey);
                if s > best {
                    (best, at) = (s, c);
                }
                i += step;
            }
        }
        if best == 25 {
            break;
        }
    }
    if best < 23 {
        return None;
    }
    // Centre of the best-scoring positions on a finer lattice around the winner.
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0.0);
    let mut top = 0;
    for j in -3i32..=3 {
        for i in -3i32..=3 {
            let c = Pt::new(
                at.x + (i as f64 * ex.x + j as f64 * ey.x) / 6.0,
                at.y + (i as f64 * ex.y + j as f64 * ey.y) / 6.0,
            );
            let s = alignment_score(img, c, ex, ey);
            if s > top {
                (top, sx, sy, n) = (s, 0.0, 0.0, 0.0);
            }
            if s == top {
                (sx, sy, n) = (sx + c.x, sy + c.y, n + 1.0);
            }
        }
    }
    Some(Pt::new(sx / n, sy / n))
}

/// Samples each module centre through `h`; `false` if too much of the grid falls off the image.
fn sample(img: &Bitmap, h: &Homography, size: usize, out: &mut Vec<bool>) -> bool {
    out.clear();
    let mut outside = 0;
    for row in 0..size {
        for col in 0..size {
            let Some(p) = h.map(Pt::new(col as f64 + 0.5, row as f64 + 0.5)) else {
                return false;
            };
            let (x, y) = (floor(p.x), floor(p.y));
            if x < 0 || y < 0 || x as usize >= img.width || y as usize >= img.height {
                outside += 1;
            }
            out.push(img.dark(x, y));
        }
    }
    outside * 10 < size * size
}

/// Whether the sampled finders and timing lines match the fixed patterns in 85 % of cells.
///
/// Random bits often pass rqrr's format check; this tells "a code we could not read" apart from
/// "noise that looked like finders".
fn fixed_patterns_agree(modules: &[bool], size: usize) -> bool {
    let (mut agree, mut total) = (0, 0);
    for (ox, oy) in [(0, 0), (size - 7, 0), (0, size - 7)] {
        for y in 0..7 {
            for x in 0..7 {
                let ring = (x as i32 - 3).abs().max((y as i32 - 3).abs());
                agree += (modules[(oy + y) * size + ox + x] == (ring != 2)) as usize;
                total += 1;
            }
        }
    }
    for i in 8..size - 8 {
        agree += (modules[6 * size + i] == (i % 2 == 0)) as usize;
        agree += (modules[i * size + 6] == (i % 2 == 0)) as usize;
        total += 2;
    }
    agree * 100 >= total * 85
}

/// Tries the likeliest finder triples; returns the first text rqrr decodes.
pub fn read(img: &Bitmap, finders: &[Finder], modules: &mut Vec<bool>) -> Result<String, Miss> {
    let n = finders.len().min(MAX_FINDERS);
    let mut triples = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            for k in j + 1..n {
                if let Some(t) = triple(finders[i], finders[j], finders[k]) {
                    triples.push(t);
                }
            }
        }
    }
    if triples.is_empty() {
        return Err(Miss::NoGrid);
    }
    insertion_sort_by(&mut triples, |a, b| a.badness.total_cmp(&b.badness).is_lt());
    let mut miss = Miss::NoGrid;
    for t in triples.iter().take(MAX_TRIPLES) {
        let Some(size) = estimate_size(t) else {
            continue;
        };
        for size in [size, size + 4, size.saturating_sub(4)] {
            if !(21..=177).contains(&size) {
                continue;
            }
            match read_at(img, t, size, modules) {
                Ok(text) => return Ok(text),
                Err(m) => miss = miss.max(m),
            }
        }
    }
    Err(miss)
}

/// The exponent of the finders' module-size ratio that gives the perspective along each side:
/// along a side, the scale falls as 1/w² in its own direction and as 1/w across it, and a
/// finder's module is the mean of both.
const PERSPECTIVE_EXPONENT: f64 = 0.67;

/// Where the fourth corner (the point opposite the top-left finder's centre) lies.
///
/// `Affine` completes the parallelogram; `Perspective` also reads the finders' module sizes: a
/// side whose far finder looks smaller recedes. With `o`, `r`, `b` the finder centres and `kx`,
/// `ky` the projective weights of `r` and `b` relative to `o` (`√`-like functions of the size
/// ratios), the plane map from module to pixel coordinates sends the far corner to
/// `(kx·r + ky·b − o) / (kx + ky − 1)`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Corner {
    Affine,
    Perspective,
}

/// The map from module to pixel coordinates through the finder centres and a fourth corner.
fn frame(t: &Triple, size: usize, corner: Corner) -> Option<Homography> {
    let s = size as f64;
    let (o, r, b) = (pt(&t.tl), pt(&t.tr), pt(&t.bl));
    let (kx, ky) = match corner {
        Corner::Affine => (1.0, 1.0),
        Corner::Perspective => (
            ((t.tl.module / t.tr.module) as f64).powf(PERSPECTIVE_EXPONENT),
            ((t.tl.module / t.bl.module) as f64).powf(PERSPECTIVE_EXPONENT),
        ),
    };
    let w = kx + ky - 1.0;
    if w <= 0.1 {
        return None;
    }
    let far = Pt::new(
        (kx * r.x + ky * b.x - o.x) / w,
        (kx * r.y + ky * b.y - o.y) / w,
    );
    Homography::between(
        [
            Pt::new(3.5, 3.5),
            Pt::new(s - 3.5, 3.5),
            Pt::new(s - 3.5, s - 3.5),
            Pt::new(3.5, s - 3.5),
        ],
        [o, r, far, b],
    )
}

/// Whether the finders' sizes differ enough for the perspective corner to be worth a try.
fn receding(t: &Triple) -> bool {
    let off = |a: f32, b: f32| (a / b - 1.0).abs() > 0.06;
    off(t.tl.module, t.tr.module) || off(t.tl.module, t.bl.module)
}

/// Samples and decodes one triple at one assumed size: through the bottom-right alignment
/// pattern and through the fourth corner alone, first as a parallelogram, then, when the finders
/// look unequal in size, in perspective.
fn read_at(img: &Bitmap, t: &Triple, size: usize, modules: &mut Vec<bool>) -> Result<String, Miss> {
    let s = size as f64;
    let (o, r, b) = (pt(&t.tl), pt(&t.tr), pt(&t.bl));
    let mut miss = Miss::NoGrid;
    for corner in [Corner::Affine, Corner::Perspective] {
        if corner == Corner::Perspective && !receding(t) {
            break;
        }
        let Some(base) = frame(t, size, corner) else {
            continue;
        };
        let mut maps = Vec::with_capacity(2);
        if size > 21 {
            let at = |x: f64, y: f64| base.map(Pt::new(x, y));
            if let (Some(g), Some(gx), Some(gy)) = (
                at(s - 6.5, s - 6.5),
                at(s - 5.5, s - 6.5),
                at(s - 6.5, s - 5.5),
            ) {
                let (ex, ey) = (
                    Pt::new(gx.x - g.x, gx.y - g.y),
                    Pt::new(gy.x - g.x, gy.y - g.y),
                );
                if let Some(a) = find_alignment(img, g, ex, ey, size) {
                    let from = [
                        Pt::new(3.5, 3.5),
                        Pt::new(s - 3.5, 3.5),
                        Pt::new(s - 6.5, s - 6.5),
                        Pt::new(3.5, s - 3.5),
                    ];
                    maps.extend(Homography::between(from, [o, r, a, b]));
                }
            }
        }
        maps.push(base);
        for h in maps {
            if !sample(img, &h, size, modules) {
                continue;
            }
            let grid = rqrr::Grid::new(Modules {
                size,
                bits: modules,
            });
            match grid.decode() {
                Ok((_, text)) => return Ok(text),
                Err(e) if fixed_patterns_agree(modules, size) => {
                    miss = miss.max(super::reader::classify(e))
                }
                Err(_) => {}
            }
        }
    }
    Err(miss)
}
