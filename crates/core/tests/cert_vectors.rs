//! Every published vector of `tests/vectors/` gives its expected verdict, natively and in the browser.

use charterpass_core::certificate::Vector;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test_configure!(run_in_browser);

/// The vector files, embedded so the browser test needs no file system.
pub const VECTOR_FILES: [(&str, &str); 6] = [
    (
        "valid.json",
        include_str!("../../../tests/vectors/valid.json"),
    ),
    (
        "time.json",
        include_str!("../../../tests/vectors/time.json"),
    ),
    (
        "trust.json",
        include_str!("../../../tests/vectors/trust.json"),
    ),
    (
        "tamper.json",
        include_str!("../../../tests/vectors/tamper.json"),
    ),
    (
        "encoding.json",
        include_str!("../../../tests/vectors/encoding.json"),
    ),
    (
        "claims.json",
        include_str!("../../../tests/vectors/claims.json"),
    ),
];

fn all_vectors() -> Vec<Vector> {
    VECTOR_FILES
        .iter()
        .flat_map(|(file, json)| {
            serde_json::from_str::<Vec<Vector>>(json).unwrap_or_else(|e| panic!("{file}: {e}"))
        })
        .collect()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_vector_gives_its_expected_verdict() {
    let vectors = all_vectors();
    assert!(vectors.len() >= 20, "only {} vectors", vectors.len());
    for v in &vectors {
        assert_eq!(v.run().as_ref(), Some(&v.expected), "vector {}", v.name);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn vectors_cover_every_required_case() {
    let names: Vec<String> = all_vectors().into_iter().map(|v| v.name).collect();
    let required = [
        "valid_yunnan_53",
        "valid_chongqing_50",
        "valid_sichuan_51",
        "expired",
        "not_yet_valid",
        "unknown_kid",
        "issuer_not_in_trust_list",
        "tampered_payload",
        "tampered_signature",
        "wrong_prefix_hc1",
        "bad_base45_lowercase",
        "truncated_zlib",
        "oversized_inflation",
        "key_removed",
    ];
    for name in required {
        assert!(names.iter().any(|n| n == name), "missing vector {name}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_vector_file_is_embedded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "trust-lists.json" {
            continue; // the signed trust lists' vectors: tests/signed_list.rs
        }
        assert!(
            VECTOR_FILES.iter().any(|(f, _)| *f == name),
            "{name} is not in VECTOR_FILES"
        );
    }
}
