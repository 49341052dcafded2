//! Decodes the camera-like test frames and prints codes read, median and p90 time per frame.
//!
//! `cargo run --release -p charterpass-core --example scan_bench [-- DIR] [--verbose] [--attempts]`;
//! `--attempts` also prints, per frame, which of the default attempts alone read it (for tuning);
//! the folder defaults to `$FRAMES_TESTDATA` or `../shared/testdata/frames` from the repo root.
//! Each frame is decoded once to warm up, then three times; its time is the median of the three.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/scan_support/mod.rs"]
mod scan_support;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use charterpass_core::scan::{Frame, Scanner};
    use std::time::Instant;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let attempts = args.iter().any(|a| a == "--attempts");
    let dir = match args.iter().find(|a| !a.starts_with("--")) {
        Some(d) => std::path::PathBuf::from(d),
        None => match scan_support::data_dir("FRAMES_TESTDATA", "../shared/testdata/frames") {
            Some(d) => d,
            None => std::process::exit(2),
        },
    };
    let mut scanner = Scanner::new();
    let (mut read, mut times) = (0, Vec::new());
    let truth = scan_support::truth(&dir);
    for t in &truth {
        let img = scan_support::load(&dir.join(&t.file)).expect("a readable frame");
        let frame = Frame::new(img.width, img.height, &img.pixels).expect("a whole frame");
        let mut result = scanner.scan(frame);
        let mut runs = [0f64; 3];
        for run in &mut runs {
            let start = Instant::now();
            result = scanner.scan(frame);
            *run = start.elapsed().as_secs_f64() * 1000.0;
        }
        runs.sort_by(f64::total_cmp);
        let ok = result.as_deref() == Ok(t.text.as_str());
        read += ok as usize;
        times.push(runs[1]);
        if verbose || !ok {
            let status = match &result {
                Ok(_) if ok => "ok".to_string(),
                Ok(_) => "WRONG TEXT".to_string(),
                Err(e) => format!("{e:?}"),
            };
            println!("{}\t{}\t{:.2} ms\t{status}", t.file, t.condition, runs[1]);
        }
        if attempts {
            let alone: Vec<String> = charterpass_core::scan::strategy::DEFAULT
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    Scanner::with_attempts(&[**a]).scan(frame).as_deref() == Ok(t.text.as_str())
                })
                .map(|(i, _)| i.to_string())
                .collect();
            println!("# {} read alone by attempts [{}]", t.file, alone.join(" "));
        }
    }
    times.sort_by(f64::total_cmp);
    let pick = |p: usize| {
        times
            .get(((times.len().max(1) - 1) * p + 50) / 100)
            .copied()
            .unwrap_or(f64::NAN)
    };
    println!(
        "charterpass scan (native, release): {read}/{} read, median {:.2} ms, p90 {:.2} ms",
        truth.len(),
        pick(50),
        pick(90)
    );
}
