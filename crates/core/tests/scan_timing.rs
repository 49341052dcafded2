//! Prints the mean decode time per frame (median over frames) of the generated camera frames: in headless Chromium when built
//! for wasm32 (`run_in_browser`), natively otherwise. Asserts only that every frame is read.
//! Run by `scripts/bench-scan.sh`; timing is printed, never asserted.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::{
    console_log as say, wasm_bindgen_test as test, wasm_bindgen_test_configure,
};
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test_configure!(run_in_browser);
#[cfg(not(target_arch = "wasm32"))]
use std::println as say;

mod scan_render;

use charterpass_core::scan::{Frame, Scanner};

/// Milliseconds since an arbitrary origin.
fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1000.0
    }
}

#[test]
fn scan_timing_of_generated_camera_frames() {
    // Debug builds (the ordinary test run) only check the frames are read; time in release.
    const RUNS: usize = if cfg!(debug_assertions) { 2 } else { 25 };
    let where_ = if cfg!(target_arch = "wasm32") {
        "wasm32 in the browser"
    } else {
        "native"
    };
    let mut scanner = Scanner::new();
    let mut medians = Vec::new();
    for s in scan_render::camera_samples() {
        let frame = Frame::new(s.width, s.height, &s.pixels).unwrap();
        assert_eq!(
            scanner.scan(frame).as_deref(),
            Ok(s.text.as_str()),
            "{}",
            s.name
        );
        // The browser's clock ticks in whole milliseconds: time a batch, report the mean.
        let start = now_ms();
        for _ in 0..RUNS {
            let _ = scanner.scan(frame);
        }
        let mean = (now_ms() - start) / RUNS as f64;
        say!("scan {where_}: {:<14} {:>7.2} ms", s.name, mean);
        medians.push(mean);
    }
    medians.sort_by(f64::total_cmp);
    let median = (medians[medians.len() / 2 - 1] + medians[medians.len() / 2]) / 2.0;
    say!(
        "scan {where_}: {} generated 1280x720 frames read, median {median:.2} ms per frame",
        medians.len()
    );
}
