//! Generated codes, rendered and spoiled the ways a phone camera spoils them, then read back;
//! and inputs no camera sends, which must give a typed reason rather than a panic.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use charterpass_core::scan::{scan, Frame, ScanError, Scanner};
use qrcode::{Color, EcLevel, QrCode};

/// A certificate-like text: `BC1:` and about 300 Base45 characters.
fn certificate_text(seed: u32) -> String {
    const B45: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let body: String = (0..300)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            B45[(state >> 16) as usize % B45.len()] as char
        })
        .collect();
    format!("BC1:{body}")
}

/// Modules of a level-M code, dark = true, with a 4-module quiet zone.
fn modules(text: &str) -> (usize, Vec<bool>) {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).unwrap();
    let (w, colors) = (code.width(), code.to_colors());
    let side = w + 8;
    let mut out = vec![false; side * side];
    for (i, c) in colors.iter().enumerate() {
        out[(i / w + 4) * side + i % w + 4] = *c == Color::Dark;
    }
    (side, out)
}

/// A 640×480 frame: grey background, the code (with its quiet zone) drawn through a map from
/// frame pixels to module coordinates; `dark`/`light` are the grey levels.
fn render(text: &str, dark: u8, light: u8, to_module: impl Fn(f64, f64) -> (f64, f64)) -> Vec<u8> {
    let (side, bits) = modules(text);
    let (w, h) = (640, 480);
    let mut frame = vec![(dark as u16 + light as u16) as u8 / 2; w * h];
    for y in 0..h {
        for x in 0..w {
            let (mx, my) = to_module(x as f64 + 0.5, y as f64 + 0.5);
            if mx >= 0.0 && my >= 0.0 && (mx as usize) < side && (my as usize) < side {
                let dark_here = bits[my as usize * side + mx as usize];
                frame[y * w + x] = if dark_here { dark } else { light };
            }
        }
    }
    frame
}

/// Straight, centred, `px` pixels per module, rotated by `degrees` about the centre.
fn rotated(px: f64, degrees: f64) -> impl Fn(f64, f64) -> (f64, f64) {
    let (s, c) = degrees.to_radians().sin_cos();
    move |x, y| {
        let (dx, dy) = (x - 320.0, y - 240.0);
        let (u, v) = (c * dx + s * dy, -s * dx + c * dy);
        (u / px + 32.0, v / px + 32.0)
    }
}

/// A 3×3 box blur, as from a lens slightly out of focus.
fn blur(frame: &[u8], w: usize) -> Vec<u8> {
    let h = frame.len() / w;
    let mut out = frame.to_vec();
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let sum: u32 = (0..9)
                .map(|k| frame[(y + k / 3 - 1) * w + x + k % 3 - 1] as u32)
                .sum();
            out[y * w + x] = (sum / 9) as u8;
        }
    }
    out
}

fn read(frame: &[u8]) -> Result<String, ScanError> {
    scan(640, 480, frame)
}

#[test]
fn reads_a_clean_generated_certificate_code() {
    let text = certificate_text(1);
    assert_eq!(read(&render(&text, 20, 235, rotated(4.0, 0.0))), Ok(text));
}

#[test]
fn reads_a_code_rotated_by_thirty_degrees() {
    let text = certificate_text(2);
    assert_eq!(read(&render(&text, 30, 220, rotated(4.0, 30.0))), Ok(text));
}

#[test]
fn reads_a_dim_blurred_code() {
    let text = certificate_text(3);
    let frame = blur(&render(&text, 70, 120, rotated(5.0, -12.0)), 640);
    assert_eq!(read(&frame), Ok(text));
}

#[test]
fn reads_a_code_seen_at_a_slant() {
    let text = certificate_text(4);
    // Perspective: the top of the screen is farther away than the bottom.
    let tilt = |x: f64, y: f64| {
        let depth = 1.0 + (240.0 - y) / 900.0;
        let (dx, dy) = ((x - 320.0) * depth, (y - 240.0) * depth);
        (dx / 4.5 + 32.0, dy / 4.5 + 32.0)
    };
    assert_eq!(read(&render(&text, 25, 230, tilt)), Ok(text));
}

#[test]
fn a_frame_without_a_code_says_so() {
    let mut state = 7u32;
    let noise: Vec<u8> = (0..640 * 480)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect();
    assert_eq!(read(&noise), Err(ScanError::NoCode));
    assert_eq!(read(&vec![128; 640 * 480]), Err(ScanError::NoCode));
}

#[test]
fn impossible_frames_get_typed_reasons() {
    assert_eq!(scan(0, 10, &[]), Err(ScanError::EmptyFrame));
    assert_eq!(scan(10, 0, &[]), Err(ScanError::EmptyFrame));
    assert_eq!(
        scan(4, 4, &[0; 15]),
        Err(ScanError::ShortBuffer {
            expected: 16,
            actual: 15
        })
    );
    assert_eq!(scan(1 << 20, 1, &[]), Err(ScanError::FrameTooLarge));
    assert_eq!(scan(1, 1, &[0]), Err(ScanError::NoCode));
    assert_eq!(scan(3000, 1, &[0; 3000]), Err(ScanError::NoCode));
    assert!(ScanError::NoCode.message().contains("二维码"));
}

#[test]
fn the_same_frame_gives_the_same_answer_every_time() {
    let frame = blur(
        &render(&certificate_text(5), 60, 140, rotated(3.0, 20.0)),
        640,
    );
    let mut scanner = Scanner::new();
    let first = scanner.scan(Frame::new(640, 480, &frame).unwrap());
    for _ in 0..3 {
        assert_eq!(scanner.scan(Frame::new(640, 480, &frame).unwrap()), first);
    }
    assert_eq!(scan(640, 480, &frame), first);
}
