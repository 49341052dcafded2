//! Generated certificate-like QR frames, spoilt the ways a phone camera spoils them.
//! Pure Rust (the `qrcode` crate), so the same frames exist natively and in the browser.
#![allow(dead_code)]

use qrcode::{Color, EcLevel, QrCode};

/// A certificate-like text: `BC1:` and `len` Base45 characters from a seed.
pub fn certificate_text(seed: u32, len: usize) -> String {
    const B45: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let body: String = (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            B45[(state >> 16) as usize % B45.len()] as char
        })
        .collect();
    format!("BC1:{body}")
}

/// Modules of a level-M code, dark = true, with a 4-module quiet zone; returns (side, modules).
pub fn modules(text: &str) -> (usize, Vec<bool>) {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
    let (w, colors) = (code.width(), code.to_colors());
    let side = w + 8;
    let mut out = vec![false; side * side];
    for (i, c) in colors.iter().enumerate() {
        out[(i / w + 4) * side + i % w + 4] = *c == Color::Dark;
    }
    (side, out)
}

/// A `w × h` frame: mid-grey ground and the code drawn through `to_module`, a map from frame
/// pixels to module coordinates; `dark` and `light` are the grey levels of the screen.
pub fn render(
    text: &str,
    w: usize,
    h: usize,
    dark: u8,
    light: u8,
    to_module: impl Fn(f64, f64) -> (f64, f64),
) -> Vec<u8> {
    let (side, bits) = modules(text);
    let mut frame = vec![((dark as u16 + light as u16) / 2) as u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let (mx, my) = to_module(x as f64 + 0.5, y as f64 + 0.5);
            if mx >= 0.0 && my >= 0.0 && (mx as usize) < side && (my as usize) < side {
                frame[y * w + x] = if bits[my as usize * side + mx as usize] {
                    dark
                } else {
                    light
                };
            }
        }
    }
    frame
}

/// Centred at `(cx, cy)`, `px` pixels per module, rotated by `degrees`; `half` = half the side in modules.
pub fn rotated(
    cx: f64,
    cy: f64,
    half: f64,
    px: f64,
    degrees: f64,
) -> impl Fn(f64, f64) -> (f64, f64) {
    let (s, c) = degrees.to_radians().sin_cos();
    move |x, y| {
        let (dx, dy) = (x - cx, y - cy);
        (
            (c * dx + s * dy) / px + half,
            (-s * dx + c * dy) / px + half,
        )
    }
}

/// Seen at a slant (a true perspective): rows nearer the bottom larger by `slant` per pixel.
pub fn tilted(cx: f64, cy: f64, half: f64, px: f64, slant: f64) -> impl Fn(f64, f64) -> (f64, f64) {
    move |x, y| {
        let (dx, dy) = (x - cx, y - cy);
        // Screen plane (u, v) to image: x = u / (1 - s·v), y = v / (1 - s·v); inverted here.
        let v = dy / (1.0 + slant * dy);
        let u = dx * (1.0 - slant * v);
        (u / px + half, v / px + half)
    }
}

/// A 3×3 box blur, as from a lens slightly out of focus.
pub fn blur(frame: &[u8], w: usize) -> Vec<u8> {
    let h = frame.len() / w;
    let mut out = frame.to_vec();
    for y in 1..h.saturating_sub(1) {
        for x in 1..w - 1 {
            let sum: u32 = (0..9)
                .map(|k| frame[(y + k / 3 - 1) * w + x + k % 3 - 1] as u32)
                .sum();
            out[y * w + x] = (sum / 9) as u8;
        }
    }
    out
}

/// Horizontal refresh stripes of `depth` grey levels every `period` rows, plus seeded sensor noise.
pub fn stripes_and_noise(
    frame: &mut [u8],
    w: usize,
    period: usize,
    depth: i32,
    noise: i32,
    seed: u32,
) {
    let mut state = seed;
    for (i, p) in frame.iter_mut().enumerate() {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let n = ((state >> 24) as i32 - 128) * noise / 128;
        let s = if (i / w).is_multiple_of(period) {
            -depth
        } else {
            0
        };
        *p = (*p as i32 + s + n).clamp(0, 255) as u8;
    }
}

/// One generated test frame.
pub struct Sample {
    /// What the frame simulates.
    pub name: &'static str,
    /// The exact text in the code.
    pub text: String,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Greyscale pixels.
    pub pixels: Vec<u8>,
}

/// Eight 1280×720 frames of the frame set's conditions, for timing in the browser and natively.
pub fn camera_samples() -> Vec<Sample> {
    let (w, h) = (1280, 720);
    let text = |seed| certificate_text(seed, 300);
    let mut out = Vec::new();
    let mut add = |name, text: String, pixels| {
        out.push(Sample {
            name,
            text,
            width: w,
            height: h,
            pixels,
        })
    };
    let half = |t: &str| modules(t).0 as f64 / 2.0;
    let t = text(11);
    add(
        "clean",
        t.clone(),
        render(&t, w, h, 20, 235, rotated(500.0, 360.0, half(&t), 5.0, 0.0)),
    );
    let t = text(12);
    add(
        "small",
        t.clone(),
        render(
            &t,
            w,
            h,
            10,
            245,
            rotated(1000.0, 200.0, half(&t), 2.5, 0.0),
        ),
    );
    let t = text(13);
    add(
        "rotate",
        t.clone(),
        render(
            &t,
            w,
            h,
            25,
            225,
            rotated(640.0, 360.0, half(&t), 4.5, 37.0),
        ),
    );
    let t = text(14);
    add(
        "tilt",
        t.clone(),
        render(
            &t,
            w,
            h,
            25,
            230,
            tilted(640.0, 360.0, half(&t), 5.0, 1.0 / 1600.0),
        ),
    );
    let t = text(15);
    add(
        "blur",
        t.clone(),
        blur(
            &blur(
                &render(
                    &t,
                    w,
                    h,
                    30,
                    220,
                    rotated(700.0, 380.0, half(&t), 5.0, -8.0),
                ),
                w,
            ),
            w,
        ),
    );
    let t = text(16);
    add(
        "dim",
        t.clone(),
        render(&t, w, h, 70, 125, rotated(600.0, 330.0, half(&t), 5.0, 5.0)),
    );
    let t = text(17);
    let mut noisy = render(
        &t,
        w,
        h,
        30,
        210,
        rotated(620.0, 350.0, half(&t), 4.5, 12.0),
    );
    stripes_and_noise(&mut noisy, w, 4, 25, 30, 17);
    add("stripes+noise", t.clone(), noisy);
    let t = text(18);
    let combo = render(
        &t,
        w,
        h,
        60,
        150,
        tilted(660.0, 340.0, half(&t), 4.0, 1.0 / 2000.0),
    );
    add("combo", t.clone(), blur(&combo, w));
    out
}
