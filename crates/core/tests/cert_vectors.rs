//! Every published vector of `tests/vectors/` gives its expected verdict, natively and in the browser.

use charterpass_core::certificate::{verify, TrustList, Vector, Verdict};
use charterpass_core::conclusion::Conclusion;
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
        "valid_yunnan_53_with_drivers",
        "drivers_not_text",
    ];
    for name in required {
        assert!(names.iter().any(|n| n == name), "missing vector {name}");
    }
}

/// The vector called `name`, verified at its own clock, with the conclusion in words.
fn conclusion_of(name: &str) -> (Verdict, Conclusion) {
    let v = all_vectors().into_iter().find(|v| v.name == name).unwrap();
    let at = v.clock().unwrap();
    let mut trust = TrustList::from_issuers(v.trust.clone());
    trust.removed = v.removed.clone();
    let verdict = verify(&v.qr, &trust, at);
    let conclusion = Conclusion::of(&verdict, at);
    (verdict, conclusion)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_genuine_certificate_out_of_its_window_or_scope_keeps_what_it_says() {
    let (verdict, conclusion) = conclusion_of("expired");
    assert_eq!(verdict.certificate().unwrap().charter.plate, "云A12345");
    assert!(matches!(conclusion, Conclusion::Expired { ended_ago } if ended_ago > 0));
    assert_eq!(conclusion.headline(), "真实，但已过期");

    let (verdict, conclusion) = conclusion_of("not_yet_valid");
    assert!(verdict.certificate().is_some());
    assert!(matches!(conclusion, Conclusion::NotYetValid { starts_in } if starts_in > 0));

    let (verdict, conclusion) = conclusion_of("waypoint_out_of_scope_hunan");
    assert!(verdict.certificate().is_some());
    assert_eq!(conclusion, Conclusion::OutOfScope);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_certificate_not_proven_genuine_says_nothing_it_claims() {
    for name in [
        "tampered_signature",
        "unknown_kid",
        "key_removed",
        "issuer_key_expired",
    ] {
        let (verdict, conclusion) = conclusion_of(name);
        assert!(verdict.certificate().is_none(), "{name}");
        assert_eq!(conclusion.headline(), "不能确认真伪", "{name}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn drivers_are_read_and_a_certificate_without_them_still_verifies() {
    let (verdict, _) = conclusion_of("valid_yunnan_53_with_drivers");
    assert_eq!(
        verdict.certificate().unwrap().charter.drivers,
        ["张三", "李四"]
    );
    let (verdict, conclusion) = conclusion_of("valid_yunnan_53");
    assert!(verdict.certificate().unwrap().charter.drivers.is_empty());
    assert_eq!(conclusion, Conclusion::Valid);
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
