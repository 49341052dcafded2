//! Writes a Y4M video of a phone screen showing a QR code, for Chromium's fake camera
//! (`--use-file-for-fake-video-capture`) in the scanner's end-to-end test.
//!
//! `cargo run -p charterpass-core --example scan_y4m -- TEXT [TEXT…] OUT.y4m`: each text is shown
//! for one second (ten frames), in turn; the fake camera loops the video.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/scan_render/mod.rs"]
mod scan_render;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, texts)) = args.split_last().filter(|(_, texts)| !texts.is_empty()) else {
        eprintln!("usage: scan_y4m TEXT [TEXT…] OUT.y4m");
        std::process::exit(2);
    };
    let (w, h) = (640, 480);
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(out).expect("create the y4m file"));
    writeln!(file, "YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg").unwrap();
    let chroma = vec![128u8; (w / 2) * (h / 2)];
    for text in texts {
        let frame = screen_frame(text, w, h);
        for _ in 0..10 {
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
            scan_render::rotated(320.0, 240.0, half, px, 6.0),
        ),
        w,
    )
}
