//! Finder patterns (the three 1:1:3:1:1 squares) found by run lengths in a bitmap.

use super::sort::insertion_sort_by;

/// A finder-pattern centre with the module size measured across it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finder {
    /// Centre, in pixels.
    pub x: f32,
    /// Centre, in pixels.
    pub y: f32,
    /// Module size along the image axes, in pixels.
    pub module: f32,
    /// How many scan rows confirmed it.
    pub hits: u32,
}

/// At most this many distinct candidates are kept (noise can look like many small ones).
const MAX_CANDIDATES: usize = 48;

/// A bitmap where a non-zero byte is dark.
#[derive(Clone, Copy)]
pub struct Bitmap<'a> {
    /// `width × height` bytes.
    pub bits: &'a [u8],
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
}

impl Bitmap<'_> {
    /// Whether the pixel is dark; outside the image counts as light.
    #[inline]
    pub fn dark(&self, x: isize, y: isize) -> bool {
        x >= 0
            && y >= 0
            && (x as usize) < self.width
            && (y as usize) < self.height
            && self.bits[y as usize * self.width + x as usize] != 0
    }
}

/// Whether five run lengths look like 1:1:3:1:1.
fn ratio_ok(c: &[usize; 5]) -> bool {
    let total: usize = c.iter().sum();
    if total < 7 {
        return false;
    }
    let m = total as f32 / 7.0;
    let tol = m * 0.5 + 0.5;
    (c[0] as f32 - m).abs() < tol
        && (c[1] as f32 - m).abs() < tol
        && (c[2] as f32 - 3.0 * m).abs() < 3.0 * tol
        && (c[3] as f32 - m).abs() < tol
        && (c[4] as f32 - m).abs() < tol
}

/// Walks from `(x, y)` in direction `(dx, dy)` and back, measuring the 1:1:3:1:1 runs.
///
/// Returns the refined centre offset along the direction and the total length.
fn cross_check(
    img: &Bitmap,
    x: isize,
    y: isize,
    dx: isize,
    dy: isize,
    max: usize,
) -> Option<(f32, usize)> {
    if !img.dark(x, y) {
        return None;
    }
    let mut c = [0usize; 5];
    // Backwards: centre, light ring, outer dark ring.
    let mut i = 0isize;
    while img.dark(x - i * dx, y - i * dy) {
        c[2] += 1;
        i += 1;
        if c[2] > 3 * max {
            return None;
        }
    }
    for (slot, want_dark) in [(1usize, false), (0, true)] {
        while img.dark(x - i * dx, y - i * dy) == want_dark && c[slot] <= max {
            if !in_bounds(img, x - i * dx, y - i * dy) {
                return None;
            }
            c[slot] += 1;
            i += 1;
        }
        if c[slot] == 0 || c[slot] > max {
            return None;
        }
    }
    let mut j = 1isize;
    while img.dark(x + j * dx, y + j * dy) {
        c[2] += 1;
        j += 1;
        if c[2] > 3 * max {
            return None;
        }
    }
    for (slot, want_dark) in [(3usize, false), (4, true)] {
        while img.dark(x + j * dx, y + j * dy) == want_dark && c[slot] <= max {
            if !in_bounds(img, x + j * dx, y + j * dy) {
                return None;
            }
            c[slot] += 1;
            j += 1;
        }
        if c[slot] == 0 || c[slot] > max {
            return None;
        }
    }
    if !ratio_ok(&c) {
        return None;
    }
    let total = c.iter().sum();
    // j points one past the outer dark run; centre is in the middle of run 2.
    let centre = j as f32 - c[4] as f32 - c[3] as f32 - c[2] as f32 / 2.0;
    Some((centre, total))
}

fn in_bounds(img: &Bitmap, x: isize, y: isize) -> bool {
    x >= 0 && y >= 0 && (x as usize) < img.width && (y as usize) < img.height
}

/// Confirms a horizontal hit vertically and again horizontally; adds or merges the candidate.
fn confirm(img: &Bitmap, c: &[usize; 5], end: usize, y: usize, out: &mut Vec<Finder>) {
    let total: usize = c.iter().sum();
    let cx = end as f32 - c[4] as f32 - c[3] as f32 - c[2] as f32 / 2.0;
    let max = c[2].max(2);
    let Some((oy, vtotal)) = cross_check(img, cx as isize, y as isize, 0, 1, max) else {
        return;
    };
    if 5 * vtotal.abs_diff(total) >= 3 * total {
        return;
    }
    let cy = y as f32 + oy;
    let Some((ox, htotal)) = cross_check(img, cx as isize, cy as isize, 1, 0, max) else {
        return;
    };
    let cx = cx.floor() + ox;
    let module = (htotal + vtotal) as f32 / 14.0;
    for f in out.iter_mut() {
        if (f.x - cx).abs() <= f.module.max(module) && (f.y - cy).abs() <= f.module.max(module) {
            let n = f.hits as f32;
            f.x = (f.x * n + cx) / (n + 1.0);
            f.y = (f.y * n + cy) / (n + 1.0);
            f.module = (f.module * n + module) / (n + 1.0);
            f.hits += 1;
            return;
        }
    }
    if out.len() < MAX_CANDIDATES {
        out.push(Finder {
            x: cx,
            y: cy,
            module,
            hits: 1,
        });
    }
}

/// Scans every row for finder patterns; candidates go to `out`, most confirmed first.
pub fn find(img: &Bitmap, out: &mut Vec<Finder>) {
    out.clear();
    for y in 0..img.height {
        let row = &img.bits[y * img.width..(y + 1) * img.width];
        let mut c = [0usize; 5];
        let mut state = 0usize;
        for (x, &p) in row.iter().enumerate() {
            let dark = p != 0;
            if dark {
                if state % 2 == 1 {
                    state += 1;
                }
                c[state] += 1;
                continue;
            }
            if state % 2 == 1 {
                c[state] += 1;
                continue;
            }
            if c[0] == 0 {
                continue; // leading light pixels
            }
            if state < 4 {
                state += 1;
                c[state] += 1;
                continue;
            }
            if ratio_ok(&c) {
                confirm(img, &c, x, y, out);
            }
            c = [c[2], c[3], c[4], 1, 0];
            state = 3;
        }
        if state == 4 && ratio_ok(&c) {
            confirm(img, &c, img.width, y, out);
        }
    }
    insertion_sort_by(out, |a, b| a.hits > b.hits);
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A 7×7 finder drawn with 3-pixel modules inside a light margin.
    fn finder_bitmap() -> (Vec<u8>, usize) {
        let size = 7 * 3 + 12;
        let mut bits = vec![0u8; size * size];
        for my in 0..7 {
            for mx in 0..7 {
                let ring = (mx as i32 - 3).abs().max((my as i32 - 3).abs());
                if ring != 2 {
                    for py in 0..3 {
                        for px in 0..3 {
                            bits[(6 + my * 3 + py) * size + 6 + mx * 3 + px] = 1;
                        }
                    }
                }
            }
        }
        (bits, size)
    }

    #[test]
    fn finds_the_centre_and_module_of_a_drawn_finder() {
        let (bits, size) = finder_bitmap();
        let mut out = Vec::new();
        find(
            &Bitmap {
                bits: &bits,
                width: size,
                height: size,
            },
            &mut out,
        );
        assert_eq!(out.len(), 1, "{out:?}");
        let f = out[0];
        assert!(
            (f.x - 16.5).abs() < 1.0 && (f.y - 16.5).abs() < 1.0,
            "{f:?}"
        );
        assert!((f.module - 3.0).abs() < 0.5, "{f:?}");
    }

    #[test]
    fn blank_bitmap_has_no_finder() {
        let bits = vec![0u8; 100];
        let mut out = Vec::new();
        find(
            &Bitmap {
                bits: &bits,
                width: 10,
                height: 10,
            },
            &mut out,
        );
        assert!(out.is_empty());
    }
}
