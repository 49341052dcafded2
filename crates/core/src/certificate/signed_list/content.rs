//! The payload of a signed trust list: which keys are recognised, which were removed, and when.

use super::error::ListError;
use super::fingerprint::{point, spki_der};
use crate::certificate::cbor;
use crate::certificate::cose::check_cbor;
use crate::certificate::kid::Kid;
use crate::certificate::signature::key_from_point;
use ciborium::Value;
use p256::ecdsa::VerifyingKey;
use serde::Serialize;

/// The payload format version this code writes and reads.
pub const FORMAT_VERSION: i64 = 1;

/// Longest text value (province, name, reason) accepted in a list, in bytes.
const MAX_TEXT: usize = 512;

/// Most keys or removed keys accepted in one list.
const MAX_ENTRIES: usize = 1024;

/// What a trust list says, signed by its province's list-signing key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListContent {
    /// The issuing province's 2-digit code.
    pub province: String,
    /// Increases with every list the province signs.
    pub sequence: u64,
    /// Issued at, seconds since the Unix epoch.
    pub issued_at: i64,
    /// After this moment the list is out of date.
    pub expires_at: i64,
    /// When the next list is due.
    pub next_update: i64,
    /// The recognised document-signing keys.
    pub keys: Vec<ListedKey>,
    /// The keys withdrawn before their time.
    pub removed: Vec<RemovedKey>,
}

/// One document-signing key of a recognised province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedKey {
    /// First 8 bytes of SHA-256 over the key's DER SubjectPublicKeyInfo.
    pub kid: Kid,
    /// The province whose certificates the key signs.
    pub province: String,
    /// The issuing authority's name.
    pub name: String,
    /// The P-256 public key.
    #[serde(serialize_with = "serialize_key")]
    pub key: VerifyingKey,
    /// The key signs certificates from this moment on.
    pub use_from: i64,
    /// The key signs no certificate issued after this moment.
    pub use_until: i64,
    /// Certificates under the key are accepted until this moment.
    pub accept_until: i64,
}

/// A key withdrawn from the list (撤销密钥): certificates under it are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RemovedKey {
    /// The withdrawn key's kid.
    pub kid: Kid,
    /// The province the key belonged to.
    pub province: String,
    /// When it was withdrawn, seconds since the Unix epoch.
    pub removed_at: i64,
    /// Why, in the operator's words.
    pub reason: String,
}

fn serialize_key<S: serde::Serializer>(key: &VerifyingKey, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(point(key)))
}

impl ListedKey {
    /// An entry for `key`, its kid computed from the key.
    pub fn new(province: &str, name: &str, key: VerifyingKey, window: [i64; 3]) -> ListedKey {
        ListedKey {
            kid: Kid::from_spki_der(&spki_der(&key)),
            province: province.into(),
            name: name.into(),
            key,
            use_from: window[0],
            use_until: window[1],
            accept_until: window[2],
        }
    }
}

impl ListContent {
    /// The CBOR payload of `docs/trust-list.md`.
    pub fn to_cbor(&self) -> Vec<u8> {
        let keys = self.keys.iter().map(|k| {
            Value::Map(vec![
                field("kid", Value::Bytes(k.kid.0.to_vec())),
                field("province", Value::Text(k.province.clone())),
                field("name", Value::Text(k.name.clone())),
                field("key", Value::Bytes(point(&k.key).to_vec())),
                field("use_from", k.use_from.into()),
                field("use_until", k.use_until.into()),
                field("accept_until", k.accept_until.into()),
            ])
        });
        let removed = self.removed.iter().map(|r| {
            Value::Map(vec![
                field("kid", Value::Bytes(r.kid.0.to_vec())),
                field("province", Value::Text(r.province.clone())),
                field("removed_at", r.removed_at.into()),
                field("reason", Value::Text(r.reason.clone())),
            ])
        });
        let map = Value::Map(vec![
            field("v", FORMAT_VERSION.into()),
            field("province", Value::Text(self.province.clone())),
            field("seq", self.sequence.into()),
            field("iat", self.issued_at.into()),
            field("exp", self.expires_at.into()),
            field("next", self.next_update.into()),
            field("keys", Value::Array(keys.collect())),
            field("removed", Value::Array(removed.collect())),
        ]);
        let mut out = Vec::new();
        // Writing a Value into a Vec cannot fail.
        let _ = ciborium::ser::into_writer(&map, &mut out);
        out
    }

    /// Reads a payload; unknown fields are ignored, known ones must have their types.
    pub fn from_cbor(bytes: &[u8]) -> Result<ListContent, ListError> {
        check_cbor(bytes).map_err(|_| ListError::ContentInvalid)?;
        let map = Fields::of(bytes)?;
        if map.int("v")? != FORMAT_VERSION {
            return Err(ListError::VersionUnsupported);
        }
        let keys = map
            .array("keys")?
            .into_iter()
            .map(listed_key)
            .collect::<Result<Vec<_>, _>>()?;
        let removed = map
            .array("removed")?
            .into_iter()
            .map(removed_key)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ListContent {
            province: map.text("province")?,
            sequence: u64::try_from(map.int("seq")?).map_err(|_| ListError::ContentInvalid)?,
            issued_at: map.int("iat")?,
            expires_at: map.int("exp")?,
            next_update: map.int("next")?,
            keys,
            removed,
        })
    }
}

fn listed_key(value: &[u8]) -> Result<ListedKey, ListError> {
    let map = Fields::of(value)?;
    let kid = Kid(map
        .bytes("kid")?
        .try_into()
        .map_err(|_| ListError::ContentInvalid)?);
    let key = key_from_point(&map.bytes("key")?).map_err(|_| ListError::ContentInvalid)?;
    let entry = ListedKey::new(
        &map.text("province")?,
        &map.text("name")?,
        key,
        [
            map.int("use_from")?,
            map.int("use_until")?,
            map.int("accept_until")?,
        ],
    );
    if entry.kid != kid {
        return Err(ListError::ContentInvalid);
    }
    Ok(entry)
}

fn removed_key(value: &[u8]) -> Result<RemovedKey, ListError> {
    let map = Fields::of(value)?;
    Ok(RemovedKey {
        kid: Kid(map
            .bytes("kid")?
            .try_into()
            .map_err(|_| ListError::ContentInvalid)?),
        province: map.text("province")?,
        removed_at: map.int("removed_at")?,
        reason: map.text("reason")?,
    })
}

/// A CBOR map entry with a text key.
pub(super) fn field(name: &str, value: Value) -> (Value, Value) {
    (Value::Text(name.into()), value)
}

/// A CBOR map with text keys, read field by field.
struct Fields<'v>(Vec<(&'v [u8], &'v [u8])>);

impl<'v> Fields<'v> {
    fn of(item: &'v [u8]) -> Result<Fields<'v>, ListError> {
        cbor::map(item).map(Fields).ok_or(ListError::ContentInvalid)
    }

    /// The one value of `name`; a missing or repeated field is invalid.
    fn get(&self, name: &str) -> Result<&'v [u8], ListError> {
        let named = |k: &[u8]| cbor::text(k).is_some_and(|t| t == name);
        cbor::find(&self.0, named).ok_or(ListError::ContentInvalid)
    }

    fn int(&self, name: &str) -> Result<i64, ListError> {
        cbor::int(self.get(name)?).ok_or(ListError::ContentInvalid)
    }

    fn text(&self, name: &str) -> Result<String, ListError> {
        let text = cbor::text(self.get(name)?).filter(|t| t.len() <= MAX_TEXT);
        text.ok_or(ListError::ContentInvalid)
    }

    fn bytes(&self, name: &str) -> Result<Vec<u8>, ListError> {
        cbor::bytes(self.get(name)?).ok_or(ListError::ContentInvalid)
    }

    fn array(&self, name: &str) -> Result<Vec<&'v [u8]>, ListError> {
        let items = cbor::array(self.get(name)?).filter(|items| items.len() <= MAX_ENTRIES);
        items.ok_or(ListError::ContentInvalid)
    }
}
