//! Decodes the frames named on the command line in a loop, for a profiler.

#[path = "scan_bench.rs"]
#[allow(dead_code)]
mod bench;

fn main() {
    let frames: Vec<_> = std::env::args().skip(1).map(|f| bench::load_grey(std::path::Path::new(&f))).collect();
    let mut scanner = charterpass_core::scan::Scanner::new();
    let mut ok = 0;
    for _ in 0..50 {
        for (w, h, px) in &frames {
            ok += scanner.scan(charterpass_core::scan::Frame::new(*w, *h, px).unwrap()).is_ok() as usize;
        }
    }
    println!("{ok}");
}
