//! Fuzzes the whole verification pipeline: raw text, and bytes wrapped to reach the deeper layers.
#![no_main]

use charterpass_core::certificate::{text, verify, zlib, TrustList, Vector, PREFIX};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The trust list of the published vectors (Yunnan, Chongqing, Sichuan test-only keys).
fn trust() -> &'static TrustList {
    static TRUST: OnceLock<TrustList> = OnceLock::new();
    TRUST.get_or_init(|| {
        let vectors: Vec<Vector> =
            serde_json::from_str(include_str!("../../tests/vectors/valid.json")).expect("valid.json");
        TrustList::from_issuers(vectors[0].trust.clone())
    })
}

const AT: i64 = 1_717_300_800;

fuzz_target!(|data: &[u8]| {
    let trust = trust();
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = verify(s, trust, AT);
    }
    let _ = verify(&text::encode(PREFIX, data), trust, AT);
    let _ = verify(&text::encode(PREFIX, &zlib::deflate(data)), trust, AT);
});
