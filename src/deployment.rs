//! What the serving deployment tells the page in `<meta>` tags: the province it issues for and
//! the root fingerprint that the inspector's page pins (set by the server, `crates/server/src/web.rs`).

use charterpass_core::certificate::signed_list::Fingerprint;

/// The content of `<meta name="…">`, if the page has it.
fn meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let tag = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    tag.get_attribute("content")
}

/// The province this deployment issues for, e.g. `53` (Yunnan when the page does not say).
pub fn province() -> String {
    meta("charterpass-province")
        .filter(|p| charterpass_core::scope::authority(p).is_some())
        .unwrap_or_else(|| "53".to_owned())
}

/// The root fingerprint the inspector's page pins; `None` until the deployment is certified.
pub fn pinned_root() -> Option<Fingerprint> {
    Fingerprint::from_hex(&meta("charterpass-root")?)
}
