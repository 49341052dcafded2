//! The root's certification of a list-signing key: a small COSE_Sign1 statement (no X.509).
//!
//! Protected header `{1: -7 (ES256), 4: root kid}`, unprotected `{-65538: root public key}`,
//! payload `{"v": 1, "province", "role": "list-signing", "kid", "key", "nbf", "exp"}`.

#[cfg(feature = "sign")]
use super::content::field;
use super::error::ListError;
#[cfg(feature = "sign")]
use super::fingerprint::point;
use super::fingerprint::{spki_der, Fingerprint};
use crate::certificate::cose::parse_sign1;
use crate::certificate::cwt::int_of;
use crate::certificate::kid::Kid;
use crate::certificate::{cose, payload, signature};
use ciborium::Value;
use coset::{CoseSign1, Label};
use p256::ecdsa::VerifyingKey;

/// Unprotected-header label of the root public key (uncompressed SEC1 point) in a certification.
pub const ROOT_KEY_LABEL: i64 = -65538;

/// The role a certification grants.
pub const ROLE_LIST_SIGNING: &str = "list-signing";

/// A list-signing key, certified by a province's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedSigner {
    /// The province whose lists the key signs.
    pub province: String,
    /// The list-signing key.
    pub key: VerifyingKey,
    /// Its kid.
    pub kid: Kid,
    /// The key signs lists from this moment on (seconds since the Unix epoch).
    pub not_before: i64,
    /// The key signs no list after this moment.
    pub not_after: i64,
    /// The fingerprint of the root that certified it.
    pub root: Fingerprint,
}

/// The CBOR payload of a certification.
#[cfg(feature = "sign")]
pub(super) fn statement(
    province: &str,
    key: &VerifyingKey,
    not_before: i64,
    not_after: i64,
) -> Vec<u8> {
    let kid = Kid::from_spki_der(&spki_der(key));
    let map = Value::Map(vec![
        field("v", 1.into()),
        field("province", Value::Text(province.into())),
        field("role", Value::Text(ROLE_LIST_SIGNING.into())),
        field("kid", Value::Bytes(kid.0.to_vec())),
        field("key", Value::Bytes(point(key).to_vec())),
        field("nbf", not_before.into()),
        field("exp", not_after.into()),
    ]);
    let mut out = Vec::new();
    let _ = ciborium::ser::into_writer(&map, &mut out);
    out
}

/// Checks a certification against the pinned root and returns the key it certifies.
pub fn open_certification(bytes: &[u8], pin: &Fingerprint) -> Result<CertifiedSigner, ListError> {
    let sign1 = parse_sign1(bytes).map_err(|_| ListError::CertificationInvalid)?;
    cose::require_es256(&sign1).map_err(|_| ListError::CertificationInvalid)?;
    let root = root_key(&sign1)?;
    let fingerprint = Fingerprint::of(&root);
    if fingerprint != *pin {
        return Err(ListError::RootNotPinned);
    }
    signature::verify_es256(&root, &payload::to_be_signed(&sign1), &sign1.signature)
        .map_err(|_| ListError::CertificationSignatureInvalid)?;
    let signer = read_statement(sign1.payload.as_deref().unwrap_or_default())?;
    Ok(CertifiedSigner {
        root: fingerprint,
        ..signer
    })
}

/// The fingerprint of the root key a certification names, before any check: for reading one's
/// own stored certification, never for accepting someone else's.
pub fn claimed_root(bytes: &[u8]) -> Result<Fingerprint, ListError> {
    let sign1 = parse_sign1(bytes).map_err(|_| ListError::CertificationInvalid)?;
    Ok(Fingerprint::of(&root_key(&sign1)?))
}

/// The root key carried in the certification's unprotected header.
fn root_key(sign1: &CoseSign1) -> Result<VerifyingKey, ListError> {
    let point = unprotected_bytes(sign1, ROOT_KEY_LABEL).ok_or(ListError::CertificationInvalid)?;
    VerifyingKey::from_sec1_bytes(point).map_err(|_| ListError::CertificationInvalid)
}

/// The byte string under the integer `label` of a message's unprotected header.
pub(super) fn unprotected_bytes(sign1: &CoseSign1, label: i64) -> Option<&[u8]> {
    let entry = sign1
        .unprotected
        .rest
        .iter()
        .find(|(l, _)| *l == Label::Int(label));
    match entry {
        Some((_, Value::Bytes(bytes))) => Some(bytes),
        _ => None,
    }
}

/// Reads the statement of a certification whose signature has been checked.
fn read_statement(bytes: &[u8]) -> Result<CertifiedSigner, ListError> {
    let invalid = ListError::CertificationInvalid;
    let value = cose::decode_cbor(bytes).map_err(|_| invalid)?;
    let Value::Map(entries) = value else {
        return Err(invalid);
    };
    let get = |name: &str| {
        entries
            .iter()
            .find(|(k, _)| matches!(k, Value::Text(t) if t == name))
            .map(|(_, v)| v)
            .ok_or(invalid)
    };
    let text = |name: &str| match get(name)? {
        Value::Text(t) if t.len() <= 64 => Ok(t.clone()),
        _ => Err(invalid),
    };
    let int = |name: &str| int_of(get(name)?).ok_or(invalid);
    if int("v")? != 1 || text("role")? != ROLE_LIST_SIGNING {
        return Err(invalid);
    }
    let Value::Bytes(point) = get("key")? else {
        return Err(invalid);
    };
    let key = VerifyingKey::from_sec1_bytes(point).map_err(|_| invalid)?;
    let kid = Kid::from_spki_der(&spki_der(&key));
    if !matches!(get("kid")?, Value::Bytes(k) if k.as_slice() == kid.0) {
        return Err(invalid);
    }
    Ok(CertifiedSigner {
        province: text("province")?,
        key,
        kid,
        not_before: int("nbf")?,
        not_after: int("exp")?,
        root: Fingerprint([0; 32]),
    })
}
