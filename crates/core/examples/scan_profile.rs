//! Decodes the frames named on the command line 50 times over, for a profiler (`perf record`).

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/scan_support/mod.rs"]
mod scan_support;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use charterpass_core::scan::{Frame, Scanner};
    let images: Vec<_> = std::env::args()
        .skip(1)
        .map(|f| scan_support::load(std::path::Path::new(&f)).expect("a readable image"))
        .collect();
    let mut scanner = Scanner::new();
    let mut read = 0;
    for _ in 0..50 {
        for img in &images {
            read += scanner
                .scan(Frame::new(img.width, img.height, &img.pixels).unwrap())
                .is_ok() as usize;
        }
    }
    println!("{read} reads");
}
