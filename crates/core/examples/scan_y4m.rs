//! Writes a Y4M video of a phone screen showing a QR code, for Chromium's fake camera
//! (`--use-file-for-fake-video-capture`) in the scanner's end-to-end test.
//!
//! `cargo run -p charterpass-core --example scan_y4m -- TEXT OUT.y4m [WIDTH HEIGHT]` (default
//! 640×480; the phone-conditions benchmark uses a phone camera's 1280×720).

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/scan_render/mod.rs"]
mod scan_render;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let (text, out, w, h) = match args.as_slice() {
        [text, out] => (text, out, 640, 480),
        [text, out, w, h] => match (w.parse::<usize>(), h.parse::<usize>()) {
            (Ok(w), Ok(h)) if w >= 400 && h >= 400 && w % 2 == 0 && h % 2 == 0 => (text, out, w, h),
            _ => usage(),
        },
        _ => usage(),
    };
    let half = scan_render::modules(text).0 as f64 / 2.0;
    // Slightly turned and soft, as a phone held up to another phone.
    let px = (400.0 / (2.0 * half)).min(6.0);
    let frame = scan_render::blur(
        &scan_render::render(
            text,
            w,
            h,
            35,
            225,
            scan_render::rotated(w as f64 / 2.0, h as f64 / 2.0, half, px, 6.0),
        ),
        w,
    );
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(out).expect("create the y4m file"));
    writeln!(file, "YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg").unwrap();
    let chroma = vec![128u8; (w / 2) * (h / 2)];
    for _ in 0..10 {
        file.write_all(b"FRAME\n").unwrap();
        file.write_all(&frame).unwrap();
        file.write_all(&chroma).unwrap();
        file.write_all(&chroma).unwrap();
    }
    file.flush().unwrap();
}

#[cfg(not(target_arch = "wasm32"))]
fn usage() -> ! {
    eprintln!("usage: scan_y4m TEXT OUT.y4m [WIDTH HEIGHT] (even, at least 400)");
    std::process::exit(2);
}
