//! Box-filter downscaling by an integer factor.

/// Averages `factor × factor` blocks of `src` (`width × height`) into `out`; returns the new size.
///
/// Trailing rows and columns that do not fill a whole block are dropped. A factor of 0 or 1
/// copies the image.
pub fn downscale(
    src: &[u8],
    width: usize,
    height: usize,
    factor: usize,
    out: &mut Vec<u8>,
) -> (usize, usize) {
    out.clear();
    if factor <= 1 {
        out.extend_from_slice(&src[..width * height]);
        return (width, height);
    }
    let (w, h) = (width / factor, height / factor);
    if w == 0 || h == 0 {
        return (0, 0);
    }
    out.resize(w * h, 0);
    if factor == 2 {
        halve(src, width, w, out);
        return (w, h);
    }
    let area = (factor * factor) as u32;
    let mut sums = vec![0u32; w];
    for (oy, out_row) in out.chunks_exact_mut(w).enumerate() {
        sums.fill(0);
        for row in src[oy * factor * width..].chunks(width).take(factor) {
            for (sum, block) in sums.iter_mut().zip(row.chunks_exact(factor)) {
                *sum += block.iter().map(|&p| p as u32).sum::<u32>();
            }
        }
        for (o, &s) in out_row.iter_mut().zip(&sums) {
            *o = ((s + area / 2) / area) as u8;
        }
    }
    (w, h)
}

/// The common factor-2 case, two source rows at a time.
fn halve(src: &[u8], width: usize, w: usize, out: &mut [u8]) {
    for (oy, out_row) in out.chunks_exact_mut(w).enumerate() {
        let top = &src[2 * oy * width..][..2 * w];
        let bottom = &src[(2 * oy + 1) * width..][..2 * w];
        for ((o, t), b) in out_row
            .iter_mut()
            .zip(top.chunks_exact(2))
            .zip(bottom.chunks_exact(2))
        {
            *o = ((t[0] as u16 + t[1] as u16 + b[0] as u16 + b[1] as u16 + 2) >> 2) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn averages_blocks_and_drops_partial_ones() {
        let src = [0, 255, 9, 255, 0, 9, 9, 9, 9];
        let mut out = Vec::new();
        assert_eq!(downscale(&src, 3, 3, 2, &mut out), (1, 1));
        assert_eq!(out, [128]);
    }

    #[test]
    fn halving_matches_the_general_box_filter() {
        let src: Vec<u8> = (0..7 * 5).map(|i| (i * 37 % 251) as u8).collect();
        let (mut fast, mut slow) = (Vec::new(), vec![0u8; 6]);
        assert_eq!(downscale(&src, 7, 5, 2, &mut fast), (3, 2));
        for (i, o) in slow.iter_mut().enumerate() {
            let (x, y) = (i % 3 * 2, i / 3 * 2);
            let sum: u32 = [
                src[y * 7 + x],
                src[y * 7 + x + 1],
                src[y * 7 + 7 + x],
                src[y * 7 + 8 + x],
            ]
            .iter()
            .map(|&p| p as u32)
            .sum();
            *o = ((sum + 2) / 4) as u8;
        }
        assert_eq!(fast, slow);
    }

    #[test]
    fn too_small_for_one_block_is_empty() {
        let mut out = vec![1, 2];
        assert_eq!(downscale(&[5], 1, 1, 2, &mut out), (0, 0));
        assert!(out.is_empty());
    }
}
