//! Whatever bytes arrive as a trust list, opening them never panics: checked under the pin of the
//! published vectors, so mutations of genuine lists reach every step.
#![no_main]

use std::sync::OnceLock;

use charterpass_core::certificate::signed_list::vector::ListVector;
use charterpass_core::certificate::signed_list::{accept_for_inspector, accept_import, Fingerprint};
use libfuzzer_sys::fuzz_target;

fn pin() -> &'static Fingerprint {
    static PIN: OnceLock<Fingerprint> = OnceLock::new();
    PIN.get_or_init(|| {
        let vectors: Vec<ListVector> =
            serde_json::from_str(include_str!("../../tests/vectors/trust-lists.json")).unwrap();
        Fingerprint::from_hex(&vectors[0].pin).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = accept_for_inspector(data, pin(), 1_717_200_000, None);
    let _ = accept_import(data, pin(), 1_717_200_000, Some(3));
});
