//! Codes on a phone screen seen by another phone's camera, the kinds the benchmark's generator
//! (scripts/gen-screen-frames.py) makes, rendered here in a few lines so the test needs no files:
//! a screen's RGB-stripe pixel grid, seen through a pinhole camera at a steep angle.

use charterpass_scan::strategy::{self, Attempt, Method};
use charterpass_scan::{Frame, Scanner};
use qrcode::{Color, EcLevel, QrCode};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const W: usize = 1280;
const H: usize = 720;
const FOCAL: f64 = 1000.0;

/// A 408-character certificate-like text: a version-12 code at level M, as today's certificates.
fn certificate_text(seed: u32) -> String {
    const B45: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let body: String = (0..404)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            B45[(state >> 16) as usize % B45.len()] as char
        })
        .collect();
    format!("BC1:{body}")
}

/// A phone screen showing `text` as a level-M code `side` pixels wide at the frame's centre, its
/// pixel grid `grid` device pixels per module, seen by a camera turned `yaw` degrees about the
/// vertical axis and `pitch` about the horizontal one; 3×3 samples per sensor pixel.
fn screen_frame(text: &str, side: f64, grid: f64, yaw: f64, pitch: f64) -> Vec<u8> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
    let (n, colors) = (code.width(), code.to_colors());
    let (sy, cy) = yaw.to_radians().sin_cos();
    let (sp, cp) = pitch.to_radians().sin_cos();
    // Columns of the screen plane's rotation: its x and y axes and its normal, in camera space.
    let ex = [cy, 0.0, -sy];
    let ey = [sy * sp, cp, cy * sp];
    let normal = [sy * cp, -sp, cy * cp];
    let scale = side / n as f64; // plane units per module, at depth FOCAL
    let mut out = vec![0u8; W * H];
    for y in 0..H {
        for x in 0..W {
            let mut sum = 0.0f64;
            for k in 0..9 {
                let (ox, oy) = (
                    (k % 3) as f64 / 3.0 + 1.0 / 6.0,
                    (k / 3) as f64 / 3.0 + 1.0 / 6.0,
                );
                // The ray through the sample meets the screen plane through (0, 0, FOCAL).
                let d = [
                    (x as f64 + ox - W as f64 / 2.0) / FOCAL,
                    (y as f64 + oy - H as f64 / 2.0) / FOCAL,
                    1.0,
                ];
                let t =
                    FOCAL * normal[2] / (normal[0] * d[0] + normal[1] * d[1] + normal[2] * d[2]);
                let p = [t * d[0], t * d[1], t * d[2] - FOCAL];
                let u = (p[0] * ex[0] + p[1] * ex[1] + p[2] * ex[2]) / scale + n as f64 / 2.0;
                let v = (p[0] * ey[0] + p[1] * ey[1] + p[2] * ey[2]) / scale + n as f64 / 2.0;
                let white = 0.9;
                if u < -12.0 || v < -12.0 || u >= n as f64 + 12.0 || v >= n as f64 + 12.0 {
                    sum += 0.05; // the bezel and beyond
                    continue;
                }
                let content = if u < 0.0 || v < 0.0 || u >= n as f64 || v >= n as f64 {
                    white
                } else if colors[v as usize * n + u as usize] == Color::Dark {
                    0.03
                } else {
                    white
                };
                // The RGB stripe under the sample, weighted by its share of luminance.
                let (du, dv) = (u * grid, v * grid);
                let (fu, fv) = (du - du.floor(), dv - dv.floor());
                let channel = ((fu * 3.0) as usize).min(2);
                let lit = fu * 3.0 - (channel as f64) < 0.8 && fv < 0.85;
                let weight = [0.299, 0.587, 0.114][channel] * 3.0 / (0.8 * 0.85);
                sum += if lit { content * weight } else { 0.0 };
            }
            out[y * W + x] = ((sum / 9.0).min(1.0).powf(1.0 / 2.2) * 255.0) as u8;
        }
    }
    out
}

/// The attempts that locate the code by its finder patterns (the fast ones, before rqrr's).
fn finder_attempts() -> Vec<Attempt> {
    strategy::DEFAULT
        .iter()
        .copied()
        .filter(|a| matches!(a.method, Method::Finders(_) | Method::BlockFinders(_)))
        .collect()
}

#[test]
fn the_finder_path_reads_a_screen_seen_at_forty_degrees() {
    for (seed, yaw, pitch) in [(1, 40.0, 0.0), (2, -38.0, 5.0), (3, 4.0, 38.0)] {
        let text = certificate_text(seed);
        let frame = screen_frame(&text, 380.0, 9.3, yaw, pitch);
        let frame = Frame::new(W, H, &frame).unwrap();
        assert_eq!(
            Scanner::with_attempts(&finder_attempts())
                .scan(frame)
                .as_deref(),
            Ok(text.as_str()),
            "yaw {yaw}, pitch {pitch}"
        );
        assert_eq!(Scanner::new().scan(frame).as_deref(), Ok(text.as_str()));
    }
}

#[test]
fn reads_a_screen_whose_pixel_grid_beats_into_moire() {
    // About two device pixels per sensor pixel: the grid aliases into broad dark and light bands,
    // which the smoothed half-resolution attempt reads on its own.
    let smoothed_half = strategy::DEFAULT
        .iter()
        .copied()
        .find(|a| a.scale == 2 && matches!(a.method, Method::Finders(t) if t.smooth > 0))
        .expect("a smoothed half-resolution finder attempt");
    for (seed, side, grid) in [(4, 400.0, 11.7), (5, 430.0, 13.1)] {
        let text = certificate_text(seed);
        let frame = screen_frame(&text, side, grid, 6.0, -4.0);
        let frame = Frame::new(W, H, &frame).unwrap();
        assert_eq!(
            Scanner::with_attempts(&[smoothed_half])
                .scan(frame)
                .as_deref(),
            Ok(text.as_str()),
            "side {side}, grid {grid}"
        );
        assert_eq!(Scanner::new().scan(frame).as_deref(), Ok(text.as_str()));
    }
}

#[test]
fn a_default_scanner_reads_like_a_new_one() {
    let text = certificate_text(6);
    let frame = screen_frame(&text, 380.0, 9.3, 40.0, 0.0);
    let frame = Frame::new(W, H, &frame).unwrap();
    assert_eq!(Scanner::default().scan(frame).as_deref(), Ok(text.as_str()));
}
