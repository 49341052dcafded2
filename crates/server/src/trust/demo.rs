//! The demo's trust set-up (`serve --demo`): a demo root for this data folder when none has
//! certified its list signer, and Chongqing's and Sichuan's demo issuers as what they would
//! really be: separate data folders with their own keys, whose exported lists are imported here
//! like any neighbour's. A real import for the same province replaces a demo one.

use std::path::Path;

use charterpass_core::certificate::signed_list::Fingerprint;
use chrono::Utc;

use super::exchange::import_list;
use super::publish;
use super::signer::{certify_signer, init_root, ListSigner};
use super::store;
use crate::db::Db;
use crate::keys::KeyStore;

/// The provinces whose demo issuers a demo server recognises (itself excepted).
pub const DEMO_NEIGHBOURS: [&str; 2] = ["50", "51"];

/// Prepares the demo's keys and neighbours; idempotent.
pub fn prepare(data_dir: &Path, province: &str) -> Result<(), Box<dyn std::error::Error>> {
    let root = ensure_certified(data_dir, province)?;
    if let Some(root) = root {
        println!(
            "演示：本省根密钥 {}（正式部署时根密钥须离线保存），根指纹 {root}",
            data_dir.join("demo-root.pem").display()
        );
    }
    let db = Db::open(data_dir)?;
    for neighbour in DEMO_NEIGHBOURS.iter().filter(|p| **p != province) {
        if db.with(|conn| store::neighbour(conn, neighbour))?.is_some() {
            continue;
        }
        let dir = data_dir.join("demo-provinces").join(neighbour);
        ensure_certified(&dir, neighbour)?;
        let their_db = Db::open(&dir)?;
        let keys = KeyStore::open(&dir, neighbour)?;
        let Some(signer) = ListSigner::load(&dir, neighbour)? else {
            continue;
        };
        let now = Utc::now().timestamp();
        let export = their_db.with(|conn| publish::export(conn, &keys, &signer, now))?;
        let pin: Fingerprint = signer.root();
        db.with(|conn| import_list(conn, province, &export.list, &pin, now, false, true))?;
    }
    Ok(())
}

/// Certifies `data_dir`'s list signer with a demo root in the folder when none is certified yet;
/// returns the new root's fingerprint.
fn ensure_certified(
    data_dir: &Path,
    province: &str,
) -> Result<Option<Fingerprint>, Box<dyn std::error::Error>> {
    if ListSigner::load(data_dir, province)?.is_some() {
        return Ok(None);
    }
    crate::db::create_private_dir(data_dir)?;
    let root = data_dir.join("demo-root.pem");
    if !root.exists() {
        init_root(&root)?;
    }
    let (fingerprint, _) = certify_signer(&root, data_dir, province, 5)?;
    Ok(Some(fingerprint))
}
