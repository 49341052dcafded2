//! Composing and signing our lists: the combined list our inspectors download, and the export of
//! our own keys for neighbours. Sequence numbers come from one counter, so they only increase.

use charterpass_core::certificate::signed_list::seal::seal;
use charterpass_core::certificate::signed_list::{
    open, Fingerprint, ListContent, ListedKey, RemovedKey, LIST_LIFETIME_SECONDS,
    NEXT_UPDATE_SECONDS,
};
use chrono::Months;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::signer::ListSigner;
use super::store::{self, Published};
use super::TrustError;
use crate::keys::{issuer_name, KeyStore};

/// Which list: for our inspectors, or for our neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Our keys and every imported neighbour's, with every removal: what our inspectors verify with.
    Combined,
    /// Our own keys and removals only: what a neighbour imports.
    Export,
}

impl ListKind {
    fn as_str(self) -> &'static str {
        match self {
            ListKind::Combined => "combined",
            ListKind::Export => "export",
        }
    }
}

/// How long a document-signing key signs after its creation, in months (it is accepted a year longer).
const KEY_USE_MONTHS: u32 = 5 * 12;

/// The combined list as of `now`: the stored one while its content is unchanged and it is not
/// due, else a newly signed one with the next sequence number.
pub fn combined(
    conn: &mut Connection,
    keys: &KeyStore,
    signer: &ListSigner,
    now: i64,
) -> Result<Published, TrustError> {
    publish(conn, keys, signer, ListKind::Combined, now)
}

/// A newly signed export of our own keys.
pub fn export(
    conn: &mut Connection,
    keys: &KeyStore,
    signer: &ListSigner,
    now: i64,
) -> Result<Published, TrustError> {
    publish(conn, keys, signer, ListKind::Export, now)
}

/// Composes a list of `kind`; the stored combined list is reused while nothing changed and it is
/// not due, an export is always signed anew.
fn publish(
    conn: &mut Connection,
    keys: &KeyStore,
    signer: &ListSigner,
    kind: ListKind,
    now: i64,
) -> Result<Published, TrustError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let content = compose(&tx, keys, &signer.certified.province, kind)?;
    let hash = content_hash(&content);
    if kind == ListKind::Combined {
        if let Some(latest) = store::latest(&tx, kind.as_str())? {
            if latest.content_sha256 == hash && now < latest.next_update {
                return Ok(latest);
            }
        }
    }
    let published = sign_new(&tx, signer, content, hash, kind, now)?;
    tx.commit()?;
    Ok(published)
}

fn sign_new(
    conn: &Connection,
    signer: &ListSigner,
    mut content: ListContent,
    hash: String,
    kind: ListKind,
    now: i64,
) -> Result<Published, TrustError> {
    content.sequence = store::next_sequence(conn)?;
    content.issued_at = now;
    content.expires_at = now + LIST_LIFETIME_SECONDS;
    content.next_update = now + NEXT_UPDATE_SECONDS;
    let published = Published {
        sequence: content.sequence,
        next_update: content.next_update,
        content_sha256: hash,
        list: seal(&signer.key, &signer.certification, &content),
    };
    store::publish(conn, kind.as_str(), now, &published)?;
    Ok(published)
}

/// The keys and removals of a list of `kind`, without sequence and times.
fn compose(
    conn: &Connection,
    keys: &KeyStore,
    province: &str,
    kind: ListKind,
) -> Result<ListContent, TrustError> {
    let mut removed = store::removed(conn)?;
    if kind == ListKind::Export {
        removed.retain(|r| r.province == province);
    }
    let mut listed: Vec<ListedKey> = keys.all().iter().map(own_key).collect();
    if kind == ListKind::Combined {
        for neighbour in store::neighbours(conn)? {
            let Some(pin) = Fingerprint::from_hex(&neighbour.root_fingerprint) else {
                continue;
            };
            // Stored only after passing the import's checks; opened again so nothing unchecked
            // reaches our inspectors even if the table were edited by hand.
            let Ok(list) = open(&neighbour.list, &pin) else {
                continue;
            };
            if list.only_own_keys().is_err() || list.content.province != neighbour.province {
                continue;
            }
            listed.extend(list.content.keys);
            for r in list.content.removed {
                if !removed.iter().any(|m| m.kid == r.kid) {
                    removed.push(r);
                }
            }
        }
    }
    listed.retain(|k| !removed.iter().any(|r: &RemovedKey| r.kid == k.kid));
    Ok(ListContent {
        province: province.into(),
        sequence: 0,
        issued_at: 0,
        expires_at: 0,
        next_update: 0,
        keys: listed,
        removed,
    })
}

/// Our document-signing key's entry: it signs for five years and is accepted for six.
fn own_key(key: &crate::keys::IssuerKey) -> ListedKey {
    let entry = &key.entry;
    let use_until = entry.not_before + Months::new(KEY_USE_MONTHS);
    ListedKey::new(
        &entry.province,
        &issuer_name(&entry.province),
        *key.signing.verifying_key(),
        [
            entry.not_before.timestamp(),
            use_until.timestamp().min(entry.not_after.timestamp()),
            entry.not_after.timestamp(),
        ],
    )
}

/// SHA-256 of the content's CBOR with sequence and times zeroed: equal when nothing changed.
fn content_hash(content: &ListContent) -> String {
    hex::encode(Sha256::digest(content.to_cbor()))
}
