//! Local (adaptive) thresholding with an integral image: dark against the neighbourhood mean.

/// Parameters of one mean-threshold pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// Half-size of the neighbourhood window, in pixels.
    pub radius: usize,
    /// Half-size of the smoothing window around each pixel (0 = the pixel alone).
    pub smooth: usize,
    /// A pixel is dark when below the neighbourhood mean by this many percent.
    pub percent: u32,
    /// … and by at least this many grey levels, so flat noise stays white.
    pub min_contrast: u32,
}

/// Summed-area table of `width × height` pixels, `(width + 1) × (height + 1)` entries.
///
/// Sums wrap modulo 2³²; window sums are exact as long as one window sums below 2³².
pub fn integral(src: &[u8], width: usize, height: usize, out: &mut Vec<u32>) {
    let stride = width + 1;
    out.clear();
    out.resize(stride * (height + 1), 0);
    for y in 0..height {
        let mut row_sum = 0u32;
        let row = &src[y * width..(y + 1) * width];
        let (above, below) = out.split_at_mut((y + 1) * stride);
        let above = &above[y * stride..];
        for x in 0..width {
            row_sum = row_sum.wrapping_add(row[x] as u32);
            below[x + 1] = above[x + 1].wrapping_add(row_sum);
        }
    }
}

/// Sum and pixel count of the window `[x0, x1) × [y0, y1)` of an integral image.
#[inline]
fn window(table: &[u32], stride: usize, x0: usize, y0: usize, x1: usize, y1: usize) -> (u32, u32) {
    let sum = table[y1 * stride + x1]
        .wrapping_sub(table[y0 * stride + x1])
        .wrapping_sub(table[y1 * stride + x0])
        .wrapping_add(table[y0 * stride + x0]);
    (sum, ((x1 - x0) * (y1 - y0)) as u32)
}

/// Writes 1 for dark and 0 for light pixels into `out`, given the integral image of the source.
pub fn mean_threshold(table: &[u32], width: usize, height: usize, t: Threshold, out: &mut Vec<u8>) {
    out.clear();
    out.resize(width * height, 0);
    let stride = width + 1;
    let keep = 100 - t.percent.min(100) as u64;
    for y in 0..height {
        let (wy0, wy1) = (y.saturating_sub(t.radius), (y + t.radius + 1).min(height));
        let (sy0, sy1) = (y.saturating_sub(t.smooth), (y + t.smooth + 1).min(height));
        let row = &mut out[y * width..(y + 1) * width];
        for (x, o) in row.iter_mut().enumerate() {
            let (wx0, wx1) = (x.saturating_sub(t.radius), (x + t.radius + 1).min(width));
            let (sx0, sx1) = (x.saturating_sub(t.smooth), (x + t.smooth + 1).min(width));
            let (ws, wn) = window(table, stride, wx0, wy0, wx1, wy1);
            let (ps, pn) = window(table, stride, sx0, sy0, sx1, sy1);
            // pixel mean p = ps/pn, window mean m = ws/wn; dark when p < m·keep/100 and p + c < m.
            let p = ps as u64 * wn as u64;
            let m = ws as u64 * pn as u64;
            let c = t.min_contrast as u64 * pn as u64 * wn as u64;
            *o = (p * 100 < m * keep && p + c < m) as u8;
        }
    }
}

/// Side of the square blocks of [`block_threshold`], in pixels.
pub const BLOCK: usize = 8;

/// Like [`mean_threshold`] but with one threshold per 8×8 block, from the mean of the
/// `(2·radius + 1)²` blocks around it: a few times faster, for the first attempt.
pub fn block_threshold(
    src: &[u8],
    width: usize,
    height: usize,
    t: Threshold,
    sums: &mut Vec<u32>,
    out: &mut Vec<u8>,
) {
    let (bw, bh) = (width.div_ceil(BLOCK), height.div_ceil(BLOCK));
    // Integral image over block sums and pixel counts (edge blocks may be partial).
    let stride = bw + 1;
    sums.clear();
    sums.resize(2 * stride * (bh + 1), 0);
    let (table, counts) = sums.split_at_mut(stride * (bh + 1));
    for by in 0..bh {
        let rows = by * BLOCK..((by + 1) * BLOCK).min(height);
        let mut row_sum = 0u32;
        let mut row_count = 0u32;
        for bx in 0..bw {
            let cols = bx * BLOCK..((bx + 1) * BLOCK).min(width);
            let mut s = 0u32;
            for y in rows.clone() {
                s += src[y * width + cols.start..y * width + cols.end]
                    .iter()
                    .map(|&p| p as u32)
                    .sum::<u32>();
            }
            row_sum = row_sum.wrapping_add(s);
            row_count += (rows.len() * cols.len()) as u32;
            let i = (by + 1) * stride + bx + 1;
            table[i] = table[i - stride].wrapping_add(row_sum);
            counts[i] = counts[i - stride] + row_count;
        }
    }
    let keep = 100 - t.percent.min(100);
    out.clear();
    out.resize(width * height, 0);
    for by in 0..bh {
        let (y0, y1) = (by.saturating_sub(t.radius), (by + t.radius + 1).min(bh));
        for bx in 0..bw {
            let (x0, x1) = (bx.saturating_sub(t.radius), (bx + t.radius + 1).min(bw));
            let (s, _) = window(table, stride, x0, y0, x1, y1);
            let (n, _) = window(counts, stride, x0, y0, x1, y1);
            let mean = s / n.max(1);
            // Dark below both limits: a percentage of the mean and a minimum contrast.
            let limit = (mean * keep / 100).min(mean.saturating_sub(t.min_contrast)) as u8;
            let cols = bx * BLOCK..((bx + 1) * BLOCK).min(width);
            for y in by * BLOCK..((by + 1) * BLOCK).min(height) {
                let (px, o) = (
                    &src[y * width..][cols.clone()],
                    &mut out[y * width..][cols.clone()],
                );
                for (o, &p) in o.iter_mut().zip(px) {
                    *o = (p < limit) as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const T: Threshold = Threshold {
        radius: 2,
        smooth: 0,
        percent: 5,
        min_contrast: 4,
    };

    #[test]
    fn integral_sums_the_whole_image() {
        let mut table = Vec::new();
        integral(&[1, 2, 3, 4, 5, 6], 3, 2, &mut table);
        assert_eq!(table[table.len() - 1], 21);
        assert_eq!(window(&table, 4, 1, 0, 3, 2), (16, 4));
    }

    #[test]
    fn dark_dot_on_light_ground_is_the_only_dark_pixel() {
        let mut src = [200u8; 25];
        src[12] = 40;
        let (mut table, mut out) = (Vec::new(), Vec::new());
        integral(&src, 5, 5, &mut table);
        mean_threshold(&table, 5, 5, T, &mut out);
        assert_eq!(out.iter().map(|&b| b as u32).sum::<u32>(), 1);
        assert_eq!(out[12], 1);
    }

    #[test]
    fn block_threshold_marks_a_dark_square_on_light_ground() {
        let mut src = vec![200u8; 32 * 32];
        for y in 8..16 {
            src[y * 32 + 8..y * 32 + 16].fill(30);
        }
        let (mut sums, mut out) = (Vec::new(), Vec::new());
        block_threshold(&src, 32, 32, T, &mut sums, &mut out);
        assert_eq!(out.iter().map(|&b| b as u32).sum::<u32>(), 64);
        assert_eq!(out[12 * 32 + 12], 1);
    }

    #[test]
    fn flat_noise_below_min_contrast_stays_light() {
        let src = [100, 102, 98, 101, 99, 100, 97, 103, 100];
        let (mut table, mut out) = (Vec::new(), Vec::new());
        integral(&src, 3, 3, &mut table);
        mean_threshold(&table, 3, 3, Threshold { percent: 0, ..T }, &mut out);
        assert!(out.iter().all(|&b| b == 0));
    }
}
