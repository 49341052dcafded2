//! The browser's trust-list cache: stored as received, checked against the pinned root on every
//! read, refusing forged and rolled-back lists, and saying how old the list is.

#![cfg(target_arch = "wasm32")]

use charterpass_app::trust_cache::{self, HeldList};
use charterpass_core::certificate::signed_list::vector::ListVector;
use charterpass_core::certificate::signed_list::{Fingerprint, ListError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("vectors/trust-lists.json");

/// The bytes and pin of a published vector, and its clock.
fn vector(name: &str) -> (Vec<u8>, Fingerprint, i64) {
    let vectors: Vec<ListVector> = serde_json::from_str(VECTORS).unwrap();
    let v = vectors.into_iter().find(|v| v.name == name).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(&v.at)
        .unwrap()
        .timestamp();
    (
        hex::decode(&v.list).unwrap(),
        Fingerprint::from_hex(&v.pin).unwrap(),
        at,
    )
}

fn held(name: &str) -> (HeldList, Fingerprint, i64) {
    let (bytes, pin, at) = vector(name);
    (
        trust_cache::accept(&bytes, &pin, at, None).unwrap(),
        pin,
        at,
    )
}

#[wasm_bindgen_test]
fn a_stored_list_round_trips_only_under_its_pinned_root() {
    let (bytes, pin, at) = vector("current_combined_list");
    let list = trust_cache::parse(&trust_cache::to_json(&bytes, at), &pin).unwrap();
    assert_eq!(list.sequence(), 8);
    assert_eq!(list.trust.issuers.len(), 2);
    assert_eq!(list.warning(at), None);
    // 2024-06-02 00:00 UTC is 08:00 in China Standard Time.
    assert_eq!(list.updated_label(), "信任列表更新于 2024-06-02 08:00");
    let (_, other_pin, _) = vector("neighbour_export_imported");
    assert_eq!(
        trust_cache::parse(&trust_cache::to_json(&bytes, at), &other_pin),
        None
    );
    assert_eq!(trust_cache::parse("garbage", &pin), None);
    assert_eq!(
        trust_cache::parse("{\"fetched_at\":1,\"list_hex\":\"00\"}", &pin),
        None
    );
}

#[wasm_bindgen_test]
fn forged_and_rolled_back_downloads_are_refused() {
    let (list, pin, at) = held("current_combined_list");
    let (forged, _, _) = vector("uncertified_signer");
    assert_eq!(
        trust_cache::accept(&forged, &pin, at, Some(&list)).err(),
        Some(ListError::SignerNotCertified)
    );
    let (older, _, _) = vector("neighbour_export_imported");
    assert_eq!(
        trust_cache::accept(&older, &pin, at, Some(&list)).err(),
        Some(ListError::RootNotPinned)
    );
    let (same, _, _) = vector("current_combined_list");
    assert!(trust_cache::accept(&same, &pin, at, Some(&list)).is_ok());
    let mut newer = list.clone();
    newer.opened.content.sequence = 9;
    assert_eq!(
        trust_cache::accept(&same, &pin, at, Some(&newer)).err(),
        Some(ListError::RolledBack)
    );
}

#[wasm_bindgen_test]
fn the_list_says_when_it_is_stale_and_when_it_can_no_longer_vouch() {
    let (list, _, at) = held("current_combined_list");
    let day = 86_400;
    let stale = list
        .warning(list.opened.content.expires_at + 2 * day)
        .unwrap();
    assert!(stale.starts_with("信任列表已过期 3 天"), "{stale}");
    assert!(list.freshness(at + 10 * day).is_ok());
    assert_eq!(list.freshness(at + 31 * day), Err(ListError::TooOld));
    assert_eq!(
        list.warning(at + 31 * day).unwrap(),
        ListError::TooOld.message()
    );
}

#[wasm_bindgen_test]
fn the_list_survives_in_local_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let (bytes, pin, at) = vector("current_combined_list");
    storage
        .set_item(trust_cache::STORAGE_KEY, "garbage")
        .unwrap();
    assert_eq!(trust_cache::load(&pin), None);
    trust_cache::store(&bytes, at);
    assert_eq!(trust_cache::load(&pin).map(|l| l.sequence()), Some(8));
    storage.remove_item(trust_cache::STORAGE_KEY).unwrap();
}
