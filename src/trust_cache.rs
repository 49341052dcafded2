//! The signed trust list kept in the browser's localStorage, so verification works offline.
//!
//! The list is stored as received and checked again, against the root fingerprint the page
//! pins, every time it is read: an edited cache is as powerless as a forged download.

use charterpass_core::certificate::signed_list::{
    accept_for_inspector, open, Fingerprint, Freshness, ListError, OpenedList,
};
use charterpass_core::certificate::TrustList;
use charterpass_core::cst;

/// The localStorage key of the stored list.
pub const STORAGE_KEY: &str = "charterpass.trust_list.v2";

/// How a stored entry begins: `{"fetched_at":<seconds>,"list_hex":"<hex>"}`, the JSON object
/// earlier versions wrote with serde. Written and read by hand: the page carries no JSON
/// deserialiser for it.
const STORED_HEAD: &str = "{\"fetched_at\":";
/// Between the two fields of a stored entry.
const STORED_MIDDLE: &str = ",\"list_hex\":\"";
/// How a stored entry ends.
const STORED_TAIL: &str = "\"}";

/// A list that passed its signature chain to the pinned root.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldList {
    /// When the browser fetched it, seconds since the Unix epoch.
    pub fetched_at: i64,
    /// The opened list.
    pub opened: OpenedList,
    /// The keys the certificate verifier reads.
    pub trust: TrustList,
}

impl HeldList {
    fn new(fetched_at: i64, opened: OpenedList) -> HeldList {
        let trust = opened.trust_list();
        HeldList {
            fetched_at,
            opened,
            trust,
        }
    }

    /// Its sequence number.
    pub fn sequence(&self) -> u64 {
        self.opened.content.sequence
    }

    /// Whether it can vouch at `now`: current, stale (with a warning), or not at all.
    pub fn freshness(&self, now: i64) -> Result<Freshness, ListError> {
        self.opened.usable_at(now)
    }

    /// 信任列表更新于 …, in China Standard Time.
    pub fn updated_label(&self) -> String {
        format!("信任列表更新于 {}", cst::minutes(self.fetched_at))
    }

    /// What the list is: its number, issuer and issue time.
    pub fn details_label(&self) -> String {
        let c = &self.opened.content;
        format!(
            "第 {} 号，签发于 {}，有效至 {}",
            c.sequence,
            cst::minutes(c.issued_at),
            cst::minutes(c.expires_at)
        )
    }

    /// The warning an inspector must see at `now`, if any.
    pub fn warning(&self, now: i64) -> Option<String> {
        match self.freshness(now) {
            Ok(Freshness::Current) => None,
            Ok(Freshness::Stale) => Some(format!(
                "信任列表已过期 {} 天，请尽快联网更新；在更新前核验结果仍可参考",
                (now - self.opened.content.expires_at) / 86_400 + 1
            )),
            Err(error) => Some(error.message().to_owned()),
        }
    }
}

/// Checks a downloaded list against the pin and the list held; the list to keep from now on.
pub fn accept(
    bytes: &[u8],
    pin: &Fingerprint,
    now: i64,
    held: Option<&HeldList>,
) -> Result<HeldList, ListError> {
    let (opened, _) = accept_for_inspector(bytes, pin, now, held.map(HeldList::sequence))?;
    Ok(HeldList::new(now, opened))
}

/// Reads a stored entry and checks it against the pin; `None` for anything unreadable or forged.
pub fn parse(text: &str, pin: &Fingerprint) -> Option<HeldList> {
    let fields = text
        .trim()
        .strip_prefix(STORED_HEAD)?
        .strip_suffix(STORED_TAIL)?;
    let (fetched_at, list_hex) = fields.split_once(STORED_MIDDLE)?;
    let fetched_at: i64 = fetched_at.parse().ok()?;
    let bytes = hex::decode(list_hex).ok()?;
    let opened = open(&bytes, pin).ok()?;
    Some(HeldList::new(fetched_at, opened))
}

/// The stored form of a list fetched at `fetched_at`.
pub fn to_json(bytes: &[u8], fetched_at: i64) -> String {
    let list_hex = hex::encode(bytes);
    format!("{STORED_HEAD}{fetched_at}{STORED_MIDDLE}{list_hex}{STORED_TAIL}")
}

/// Now, seconds since the Unix epoch, from the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored list, if any passes its checks against `pin`.
pub fn load(pin: &Fingerprint) -> Option<HeldList> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    parse(&text, pin)
}

/// Replaces the stored list; a full or disabled storage only loses the cache.
pub fn store(bytes: &[u8], fetched_at: i64) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, &to_json(bytes, fetched_at));
    }
}
