//! The browser's trust-list cache: stored form, parsing of bad entries, CST labels.

#![cfg(target_arch = "wasm32")]

use charterpass_app::trust_cache::{self, CachedTrustList};
use charterpass_core::certificate::TrustList;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const LIST: &str = r#"{"version":3,"issued_at":"2024-05-20T01:00:00Z","issuers":[{"province":"50","name":"重庆市交通运输委员会","kid":"657bbedfa2930281","public_key_pem":"x","not_before":"2024-01-01T00:00:00Z","not_after":"2029-12-31T23:59:59Z"}]}"#;

fn cached() -> CachedTrustList {
    CachedTrustList {
        fetched_at: 1_716_166_800,
        list: TrustList::from_json(LIST).unwrap(),
    }
}

#[wasm_bindgen_test]
fn a_cached_list_round_trips_and_says_its_age_in_cst() {
    let entry = cached();
    assert_eq!(
        CachedTrustList::parse(&entry.to_json()),
        Some(entry.clone())
    );
    // 2024-05-20T01:00:00Z is 09:00 in China Standard Time.
    assert_eq!(entry.updated_label(), "信任列表更新于 2024-05-20 09:00");
    assert_eq!(charterpass_core::cst::minutes(0), "1970-01-01 08:00");
}

#[wasm_bindgen_test]
fn an_unreadable_entry_counts_as_no_cache() {
    assert_eq!(CachedTrustList::parse(""), None);
    assert_eq!(CachedTrustList::parse("{\"fetched_at\":1}"), None);
    assert_eq!(
        CachedTrustList::parse(LIST),
        None,
        "a bare list lacks its fetch time"
    );
}

#[wasm_bindgen_test]
fn the_cache_survives_in_local_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item(trust_cache::STORAGE_KEY, "garbage")
        .unwrap();
    assert_eq!(trust_cache::load(), None);
    trust_cache::store(&cached());
    assert_eq!(trust_cache::load(), Some(cached()));
    storage.remove_item(trust_cache::STORAGE_KEY).unwrap();
}
