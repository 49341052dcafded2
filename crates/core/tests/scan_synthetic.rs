//! Generated codes, rendered and spoilt the ways a phone camera spoils them, then read back;
//! and inputs no camera sends, which must give a typed reason rather than a panic.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod scan_render;

use charterpass_core::scan::{scan, Frame, ScanError, Scanner};
use scan_render::{blur, certificate_text, render, rotated, tilted};

fn read(frame: &[u8]) -> Result<String, ScanError> {
    scan(640, 480, frame)
}

fn frame(seed: u32, dark: u8, light: u8, px: f64, degrees: f64) -> (String, Vec<u8>) {
    let text = certificate_text(seed, 300);
    let half = scan_render::modules(&text).0 as f64 / 2.0;
    let pixels = render(
        &text,
        640,
        480,
        dark,
        light,
        rotated(320.0, 240.0, half, px, degrees),
    );
    (text, pixels)
}

#[test]
fn reads_a_clean_generated_certificate_code() {
    let (text, pixels) = frame(1, 20, 235, 4.0, 0.0);
    assert_eq!(read(&pixels), Ok(text));
}

#[test]
fn reads_a_code_rotated_by_thirty_degrees() {
    let (text, pixels) = frame(2, 30, 220, 4.0, 30.0);
    assert_eq!(read(&pixels), Ok(text));
}

#[test]
fn reads_a_dim_blurred_code() {
    let (text, pixels) = frame(3, 70, 120, 5.0, -12.0);
    assert_eq!(read(&blur(&pixels, 640)), Ok(text));
}

#[test]
fn reads_a_code_seen_at_a_slant() {
    let text = certificate_text(4, 300);
    let half = scan_render::modules(&text).0 as f64 / 2.0;
    let pixels = render(
        &text,
        640,
        480,
        25,
        230,
        tilted(320.0, 240.0, half, 4.5, 1.0 / 1600.0),
    );
    assert_eq!(read(&pixels), Ok(text));
}

#[test]
fn a_frame_without_a_code_says_so() {
    let mut noise = vec![128u8; 640 * 480];
    scan_render::stripes_and_noise(&mut noise, 640, 1000, 0, 128, 7);
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
    let (_, pixels) = frame(5, 60, 140, 3.0, 20.0);
    let pixels = blur(&pixels, 640);
    let mut scanner = Scanner::new();
    let first = scanner.scan(Frame::new(640, 480, &pixels).unwrap());
    for _ in 0..3 {
        assert_eq!(scanner.scan(Frame::new(640, 480, &pixels).unwrap()), first);
    }
    assert_eq!(scan(640, 480, &pixels), first);
}

#[test]
fn reads_every_generated_camera_condition() {
    let mut scanner = Scanner::new();
    for s in scan_render::camera_samples() {
        let got = scanner.scan(Frame::new(s.width, s.height, &s.pixels).unwrap());
        assert_eq!(got.as_deref(), Ok(s.text.as_str()), "{}", s.name);
    }
}

#[test]
fn blocky_random_frames_never_panic_and_answer_the_same_twice() {
    // Random blocks of random sizes make finder-like runs and degenerate corner triples.
    let mut state = 0x2545_f491u32;
    let mut next = move |n: u32| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state % n.max(1)
    };
    let mut scanner = Scanner::new();
    for _ in 0..60 {
        let (w, h) = (next(260) as usize + 1, next(200) as usize + 1);
        let block = next(9) as usize + 1;
        let levels = [0u8, 255, 90, 160];
        let palette = next(3) as usize + 2;
        let tiles: Vec<u8> = (0..(w / block + 1) * (h / block + 1))
            .map(|_| levels[next(palette as u32) as usize])
            .collect();
        let pixels: Vec<u8> = (0..w * h)
            .map(|i| tiles[(i / w / block) * (w / block + 1) + i % w / block])
            .collect();
        let first = scanner.scan(Frame::new(w, h, &pixels).unwrap());
        assert_eq!(scanner.scan(Frame::new(w, h, &pixels).unwrap()), first);
    }
}
