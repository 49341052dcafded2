//! Decodes the camera-like test frames and prints codes read, median and p90 time per frame.
//!
//! `cargo run --release -p charterpass-core --example scan_bench [-- DIR] [--verbose]`;
//! the directory defaults to `$FRAMES_TESTDATA` or `../shared/testdata/frames` from the repo root.

use std::path::{Path, PathBuf};
use std::time::Instant;

use charterpass_core::scan::{Frame, Scanner};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(default_dir);
    let truth = match std::fs::read_to_string(dir.join("truth.tsv")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("no frames at {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    let mut scanner = Scanner::new();
    let (mut read, mut total, mut times) = (0, 0, Vec::new());
    for line in truth.lines() {
        let mut cols = line.splitn(3, '\t');
        let (Some(file), Some(condition), Some(text)) = (cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let (w, h, pixels) = load_grey(&dir.join(file));
        // Warm caches once, then time the median of three runs so one hiccup does not count.
        let _ = scanner.scan(Frame::new(w, h, &pixels).unwrap());
        let mut runs = [0f64; 3];
        let mut result = None;
        for run in &mut runs {
            let start = Instant::now();
            result = Some(scanner.scan(Frame::new(w, h, &pixels).unwrap()));
            *run = start.elapsed().as_secs_f64() * 1000.0;
        }
        runs.sort_by(f64::total_cmp);
        let ok = matches!(&result, Some(Ok(t)) if t == text);
        total += 1;
        read += ok as usize;
        times.push(runs[1]);
        if verbose || !ok {
            let status = match &result {
                Some(Ok(t)) if t == text => "ok".to_string(),
                Some(Ok(_)) => "WRONG TEXT".to_string(),
                Some(Err(e)) => format!("{e:?}"),
                None => unreachable!(),
            };
            println!("{file}\t{condition}\t{:.2} ms\t{status}", runs[1]);
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "charterpass (rqrr + preparation, native): {read}/{total} read, median {:.2} ms, p90 {:.2} ms",
        percentile(&times, 50),
        percentile(&times, 90)
    );
}

fn default_dir() -> PathBuf {
    std::env::var_os("FRAMES_TESTDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/frames")
        })
}

fn percentile(sorted: &[f64], p: usize) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) * p + 50) / 100]
}

/// Decodes an 8-bit greyscale (or RGB, converted) PNG.
pub fn load_grey(path: &Path) -> (usize, usize, Vec<u8>) {
    let file = std::fs::File::open(path).expect("open frame");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let grey = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| match channels {
            1 | 2 => p[0],
            _ => ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8,
        })
        .collect();
    (w, h, grey)
}
