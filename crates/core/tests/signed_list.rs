//! The signed trust list: every published vector of `tests/vectors/trust-lists.json` gives its
//! expected answer, natively and in the browser, and a sealed list opens to what was sealed.

use charterpass_core::certificate::signed_list::test_vectors::{certification, content, listed};
use charterpass_core::certificate::signed_list::vector::ListVector;
use charterpass_core::certificate::signed_list::{open, seal::seal, Fingerprint, ListError};
use p256::ecdsa::SigningKey;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("../../../tests/vectors/trust-lists.json");

fn key(byte: u8) -> SigningKey {
    SigningKey::from_slice(&[byte; 32]).unwrap()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_trust_list_vector_gives_its_expected_answer() {
    let vectors: Vec<ListVector> = serde_json::from_str(VECTORS).unwrap();
    assert!(vectors.len() >= 15, "only {} vectors", vectors.len());
    for v in &vectors {
        assert_eq!(v.run().as_ref(), Some(&v.expected), "vector {}", v.name);
    }
    for required in [
        "wrong_root_not_pinned",
        "rolled_back",
        "past_hard_limit",
        "import_expired",
    ] {
        assert!(
            vectors.iter().any(|v| v.name == required),
            "missing {required}"
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_sealed_list_opens_to_its_content_and_trust_list() {
    let (root, signer, doc) = (key(1), key(2), key(3));
    let sealed_content = content("53", 1, vec![listed("53", "云南省交通运输厅", &doc)]);
    let bytes = seal(
        &signer,
        &certification(&root, "53", &signer),
        &sealed_content,
    );
    let pin = Fingerprint::of(root.verifying_key());
    let opened = open(&bytes, &pin).unwrap();
    assert_eq!(opened.content, sealed_content);
    let trust = opened.trust_list();
    assert_eq!(trust.issuers.len(), 1);
    assert_eq!(
        trust.issuers[0].verifying_key().unwrap(),
        *doc.verifying_key()
    );
    assert_eq!(
        open(&bytes, &Fingerprint::of(signer.verifying_key())).err(),
        Some(ListError::RootNotPinned)
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn garbage_oversize_and_every_truncation_are_refused_without_panic() {
    let (root, signer, doc) = (key(1), key(2), key(3));
    let bytes = seal(
        &signer,
        &certification(&root, "53", &signer),
        &content("53", 1, vec![listed("53", "云南", &doc)]),
    );
    let pin = Fingerprint::of(root.verifying_key());
    for cut in 0..bytes.len() {
        assert!(open(&bytes[..cut], &pin).is_err(), "truncated at {cut}");
    }
    assert_eq!(
        open(&vec![0u8; 300 * 1024], &pin).err(),
        Some(ListError::TooLarge)
    );
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn size_of_a_combined_list_of_six_provinces_with_three_keys_each() {
    let (root, signer) = (key(1), key(2));
    let provinces = ["53", "50", "51", "52", "45", "54"];
    let keys = provinces
        .iter()
        .enumerate()
        .flat_map(|(p, province)| {
            (0..3u8).map(move |k| {
                let name = charterpass_core::scope::authority(province).unwrap();
                listed(province, name, &key(10 + p as u8 * 3 + k))
            })
        })
        .collect();
    let bytes = seal(
        &signer,
        &certification(&root, "53", &signer),
        &content("53", 1, keys),
    );
    println!(
        "signed trust list, 6 provinces x 3 keys: {} bytes",
        bytes.len()
    );
    assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
}
