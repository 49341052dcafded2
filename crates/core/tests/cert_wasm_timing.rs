//! Times the verification pipeline in the browser: prints the mean, asserts only correctness.
//! Run: `cargo test -p charterpass-core --target wasm32-unknown-unknown --release --test cert_wasm_timing`
//! with wasm-bindgen-test-runner and headless Chromium.
#![cfg(target_arch = "wasm32")]

use charterpass_core::certificate::{verify, TrustList, Vector};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Fewer runs unoptimised, so the debug test suite stays quick.
const RUNS: u32 = if cfg!(debug_assertions) { 20 } else { 200 };

#[wasm_bindgen_test]
fn cert_verify_timing_in_browser() {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../../../tests/vectors/valid.json")).unwrap();
    let v = vectors
        .into_iter()
        .find(|v| v.name == "valid_yunnan_53")
        .unwrap();
    let at = v.clock().unwrap();
    let trust = TrustList::from_issuers(v.trust);
    assert!(verify(&v.qr, &trust, at).is_valid());
    let start = js_sys::Date::now();
    let mut valid = 0;
    for _ in 0..RUNS {
        valid += u32::from(verify(&v.qr, &trust, at).is_valid());
    }
    let mean_ms = (js_sys::Date::now() - start) / f64::from(RUNS);
    assert_eq!(valid, RUNS);
    console_log!("cert verify in browser: {RUNS} runs, mean {mean_ms:.3} ms per verification");
}
