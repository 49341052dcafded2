//! Deterministic generation of the trust-list vectors from the test-only keys (feature `sign`).

use super::content::{ListContent, ListedKey, RemovedKey};
use super::fingerprint::Fingerprint;
use super::seal::{certify, seal};
use super::vector::{ListExpected, ListVector, Reader};
use super::{LIST_LIFETIME_SECONDS, NEXT_UPDATE_SECONDS};
use crate::certificate::kid::Kid;
use chrono::DateTime;
use p256::ecdsa::SigningKey;
use p256::pkcs8::DecodePrivateKey;

/// The test-only key files under `tests/keys/` that trust-list vectors use, in [`ListKeys`] order.
pub const LIST_KEY_FILES: [&str; 6] = [
    "test-only-53-root.pem",
    "test-only-53-list-signer.pem",
    "test-only-53-yunnan.pem",
    "test-only-51-root.pem",
    "test-only-51-list-signer.pem",
    "test-only-51-sichuan.pem",
];

/// The test-only keys of two provinces' three roles.
pub struct ListKeys {
    /// Yunnan's root.
    pub root53: SigningKey,
    /// Yunnan's list-signing key.
    pub signer53: SigningKey,
    /// Yunnan's document-signing key.
    pub doc53: SigningKey,
    /// Sichuan's root.
    pub root51: SigningKey,
    /// Sichuan's list-signing key.
    pub signer51: SigningKey,
    /// Sichuan's document-signing key.
    pub doc51: SigningKey,
}

impl ListKeys {
    /// Reads the keys from the PKCS#8 PEM texts of [`LIST_KEY_FILES`], in order.
    pub fn from_pems(pems: &[String; 6]) -> Result<ListKeys, String> {
        let key = |i: usize| {
            SigningKey::from_pkcs8_pem(&pems[i]).map_err(|e| format!("{}: {e}", LIST_KEY_FILES[i]))
        };
        Ok(ListKeys {
            root53: key(0)?,
            signer53: key(1)?,
            doc53: key(2)?,
            root51: key(3)?,
            signer51: key(4)?,
            doc51: key(5)?,
        })
    }
}

fn ts(rfc3339: &str) -> i64 {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.timestamp())
        .unwrap_or_default()
}

/// When the vectors' lists are issued.
pub const ISSUED: &str = "2024-06-01T08:00:00+08:00";
const DAY: i64 = 24 * 3600;

/// A list of `province` with one key and, optionally, one removal.
pub fn content(province: &str, sequence: u64, keys: Vec<ListedKey>) -> ListContent {
    let issued_at = ts(ISSUED);
    ListContent {
        province: province.into(),
        sequence,
        issued_at,
        expires_at: issued_at + LIST_LIFETIME_SECONDS,
        next_update: issued_at + NEXT_UPDATE_SECONDS,
        keys,
        removed: Vec::new(),
    }
}

/// A document-signing key's entry, usable 2024–2029.
pub fn listed(province: &str, name: &str, key: &SigningKey) -> ListedKey {
    ListedKey::new(
        province,
        name,
        *key.verifying_key(),
        [
            ts("2024-01-01T00:00:00Z"),
            ts("2029-06-30T23:59:59Z"),
            ts("2029-12-31T23:59:59Z"),
        ],
    )
}

/// The root's certification of a list signer for 2024–2034.
pub fn certification(root: &SigningKey, province: &str, signer: &SigningKey) -> Vec<u8> {
    certify(
        root,
        province,
        signer.verifying_key(),
        ts("2024-01-01T00:00:00Z"),
        ts("2034-01-01T00:00:00Z"),
    )
}

/// Every trust-list vector.
pub fn generate(k: &ListKeys) -> Vec<ListVector> {
    let pin53 = Fingerprint::of(k.root53.verifying_key()).to_hex();
    let pin51 = Fingerprint::of(k.root51.verifying_key()).to_hex();
    let cert53 = certification(&k.root53, "53", &k.signer53);
    let cert51 = certification(&k.root51, "51", &k.signer51);
    let yunnan = || vec![listed("53", "云南省交通运输厅", &k.doc53)];
    let sichuan = || vec![listed("51", "四川省交通运输厅", &k.doc51)];
    let combined = || [yunnan(), sichuan()].concat();
    let good = seal(&k.signer53, &cert53, &content("53", 8, combined()));
    let export51 = seal(&k.signer51, &cert51, &content("51", 3, sichuan()));
    let mut removal = content("51", 4, Vec::new());
    removal.removed.push(RemovedKey {
        kid: Kid::from_spki_der(&super::fingerprint::spki_der(k.doc51.verifying_key())),
        province: "51".into(),
        removed_at: ts(ISSUED),
        reason: "密钥泄露".into(),
    });
    let mut tampered = good.clone();
    // The last payload byte sits just before the 64-byte signature and its 2-byte header.
    let at = tampered.len() - 67;
    tampered[at] ^= 0x01;
    let forged_cert = {
        // Claims Yunnan's root key in its header but is signed by Sichuan's root.
        let mut c = certification(&k.root51, "53", &k.signer53);
        let real = certification(&k.root53, "53", &k.signer53);
        let sig = c.len() - 64;
        c[..sig].copy_from_slice(&real[..sig]);
        c
    };
    let mut foreign = sichuan();
    foreign.extend(yunnan());
    let mut late = content("53", 9, yunnan());
    late.issued_at = ts("2034-06-01T00:00:00Z");
    late.expires_at = late.issued_at + LIST_LIFETIME_SECONDS;

    let soon = "2024-06-02T08:00:00+08:00";
    let v = |name: &str, list: &[u8], pin: &str, at: &str, held: Option<u64>, reader, expected| {
        ListVector {
            name: name.into(),
            list: hex::encode(list),
            pin: pin.into(),
            at: at.into(),
            held_sequence: held,
            reader,
            expected,
        }
    };
    let ok = |freshness: Option<&str>| ListExpected {
        accepted: true,
        error: None,
        freshness: freshness.map(Into::into),
    };
    let refused = |code: &str| ListExpected {
        accepted: false,
        error: Some(code.into()),
        freshness: None,
    };
    use Reader::{Import, Inspector};
    let issued_plus = |days: i64| {
        DateTime::from_timestamp(ts(ISSUED) + days * DAY, 0)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    };
    vec![
        v(
            "current_combined_list",
            &good,
            &pin53,
            soon,
            Some(7),
            Inspector,
            ok(Some("current")),
        ),
        v(
            "same_sequence_is_kept",
            &good,
            &pin53,
            soon,
            Some(8),
            Inspector,
            ok(Some("current")),
        ),
        v(
            "stale_list_warns",
            &good,
            &pin53,
            &issued_plus(10),
            None,
            Inspector,
            ok(Some("stale")),
        ),
        v(
            "past_hard_limit",
            &good,
            &pin53,
            &issued_plus(31),
            None,
            Inspector,
            refused("too_old"),
        ),
        v(
            "rolled_back",
            &good,
            &pin53,
            soon,
            Some(9),
            Inspector,
            refused("rolled_back"),
        ),
        v(
            "issued_in_the_future",
            &good,
            &pin53,
            "2024-05-31T08:00:00+08:00",
            None,
            Inspector,
            refused("not_yet_valid"),
        ),
        v(
            "wrong_root_not_pinned",
            &export51,
            &pin53,
            soon,
            None,
            Inspector,
            refused("root_not_pinned"),
        ),
        v(
            "forged_certification",
            &seal(&k.signer53, &forged_cert, &content("53", 8, yunnan())),
            &pin53,
            soon,
            None,
            Inspector,
            refused("certification_signature_invalid"),
        ),
        v(
            "uncertified_signer",
            &seal(&k.doc53, &cert53, &content("53", 8, yunnan())),
            &pin53,
            soon,
            None,
            Inspector,
            refused("signer_not_certified"),
        ),
        v(
            "tampered_payload",
            &tampered,
            &pin53,
            soon,
            None,
            Inspector,
            refused("signature_invalid"),
        ),
        v(
            "truncated",
            &good[..good.len() / 2],
            &pin53,
            soon,
            None,
            Inspector,
            refused("malformed"),
        ),
        v(
            "no_certification",
            &seal(&k.signer53, &[], &content("53", 8, yunnan()))[..],
            &pin53,
            soon,
            None,
            Inspector,
            refused("certification_invalid"),
        ),
        v(
            "province_mismatch",
            &seal(&k.signer53, &cert53, &content("51", 8, sichuan())),
            &pin53,
            soon,
            None,
            Inspector,
            refused("province_mismatch"),
        ),
        v(
            "signer_expired",
            &seal(&k.signer53, &cert53, &late),
            &pin53,
            "2034-06-02T00:00:00Z",
            None,
            Inspector,
            refused("signer_expired"),
        ),
        v(
            "neighbour_export_imported",
            &export51,
            &pin51,
            soon,
            Some(2),
            Import,
            ok(None),
        ),
        v(
            "neighbour_removal_imported",
            &seal(&k.signer51, &cert51, &removal),
            &pin51,
            soon,
            Some(3),
            Import,
            ok(None),
        ),
        v(
            "import_same_sequence",
            &export51,
            &pin51,
            soon,
            Some(3),
            Import,
            refused("rolled_back"),
        ),
        v(
            "import_rolled_back",
            &export51,
            &pin51,
            soon,
            Some(5),
            Import,
            refused("rolled_back"),
        ),
        v(
            "import_expired",
            &export51,
            &pin51,
            &issued_plus(8),
            Some(2),
            Import,
            refused("expired"),
        ),
        v(
            "import_unpinned",
            &export51,
            &pin53,
            soon,
            None,
            Import,
            refused("root_not_pinned"),
        ),
        v(
            "import_foreign_key",
            &seal(&k.signer51, &cert51, &content("51", 5, foreign)),
            &pin51,
            soon,
            Some(3),
            Import,
            refused("foreign_key"),
        ),
    ]
}
