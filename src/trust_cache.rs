//! The trust list cached in the browser's localStorage, so verification works offline.

use charterpass_core::certificate::TrustList;
use charterpass_core::cst;
use serde::{Deserialize, Serialize};

/// The localStorage key of the cached trust list.
pub const STORAGE_KEY: &str = "charterpass.trust_list.v1";

/// A trust list with the moment the browser fetched it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedTrustList {
    /// When it was fetched from the server, seconds since the Unix epoch.
    pub fetched_at: i64,
    /// The list as the server served it.
    pub list: TrustList,
}

impl CachedTrustList {
    /// Parses a stored entry; `None` for anything unreadable (then the cache counts as empty).
    pub fn parse(text: &str) -> Option<CachedTrustList> {
        serde_json::from_str(text).ok()
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// 信任列表更新于 …, in China Standard Time.
    pub fn updated_label(&self) -> String {
        format!("信任列表更新于 {}", cst::minutes(self.fetched_at))
    }
}

/// Now, seconds since the Unix epoch, from the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The cached trust list, if any.
pub fn load() -> Option<CachedTrustList> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    CachedTrustList::parse(&text)
}

/// Replaces the cached trust list; a full or disabled storage only loses the cache.
pub fn store(cached: &CachedTrustList) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, &cached.to_json());
    }
}
