//! Writes a Y4M video of a phone screen showing QR codes, for Chromium's fake camera
//! (`--use-file-for-fake-video-capture`) in the scanner's end-to-end test and the
//! phone-conditions benchmark.
//!
//! `cargo run -p charterpass-core --example scan_y4m -- TEXT [TEXT…] OUT.y4m [WIDTH HEIGHT [FPS]]`:
//! each text is shown for one second, in turn; the fake camera loops the video. The frame is
//! 640×480 at 10 frames a second by default; the phone-conditions benchmark uses a phone camera's
//! 1280×720 at 30 (the camera's rate bounds how many distinct frames the scanner can decode).

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/scan_render/mod.rs"]
mod scan_render;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;

    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // Trailing numbers: WIDTH HEIGHT, or WIDTH HEIGHT FPS.
    let numeric = args
        .iter()
        .rev()
        .take(3)
        .take_while(|a| a.parse::<usize>().is_ok())
        .count();
    let used = if numeric >= 2 { numeric } else { 0 };
    let numbers: Vec<usize> = args
        .split_off(args.len() - used)
        .iter()
        .map(|a| a.parse().unwrap_or(0))
        .collect();
    let (w, h, fps) = match numbers.as_slice() {
        [w, h, fps] => (*w, *h, *fps),
        [w, h] => (*w, *h, 10),
        _ => (640, 480, 10),
    };
    if w < 400 || h < 400 || w % 2 != 0 || h % 2 != 0 || !(1..=60).contains(&fps) {
        usage();
    }
    let Some((out, texts)) = args.split_last().filter(|(_, texts)| !texts.is_empty()) else {
        usage();
    };
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(out).expect("create the y4m file"));
    writeln!(file, "YUV4MPEG2 W{w} H{h} F{fps}:1 Ip A1:1 C420jpeg").unwrap();
    let chroma = vec![128u8; (w / 2) * (h / 2)];
    for text in texts {
        let frame = screen_frame(text, w, h);
        for _ in 0..fps {
            file.write_all(b"FRAME\n").unwrap();
            file.write_all(&frame).unwrap();
            file.write_all(&chroma).unwrap();
            file.write_all(&chroma).unwrap();
        }
    }
    file.flush().unwrap();
}

/// One grey frame of a phone screen showing `text`, slightly turned and soft.
#[cfg(not(target_arch = "wasm32"))]
fn screen_frame(text: &str, w: usize, h: usize) -> Vec<u8> {
    let half = scan_render::modules(text).0 as f64 / 2.0;
    // Slightly turned and soft, as a phone held up to another phone.
    let px = (400.0 / (2.0 * half)).min(6.0);
    scan_render::blur(
        &scan_render::render(
            text,
            w,
            h,
            35,
            225,
            scan_render::rotated(w as f64 / 2.0, h as f64 / 2.0, half, px, 6.0),
        ),
        w,
    )
}

#[cfg(not(target_arch = "wasm32"))]
fn usage() -> ! {
    eprintln!(
        "usage: scan_y4m TEXT [TEXT…] OUT.y4m [WIDTH HEIGHT [FPS]] (even, at least 400; FPS 1–60)"
    );
    std::process::exit(2);
}
