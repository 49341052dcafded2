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
use crate::certificate::cbor;
use crate::certificate::cose::{self, parse_sign1, Sign1};
use crate::certificate::issuer_key::IssuerKey;
use crate::certificate::kid::Kid;
use crate::certificate::signature::key_from_point;
#[cfg(feature = "sign")]
use ciborium::Value;
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
    IssuerKey::new(&root)
        .verify_es256(&sign1.to_be_signed(), &sign1.signature)
        .map_err(|_| ListError::CertificationSignatureInvalid)?;
    let signer = read_statement(&sign1.payload)?;
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
fn root_key(sign1: &Sign1) -> Result<VerifyingKey, ListError> {
    let point = sign1
        .unprotected_bytes(ROOT_KEY_LABEL)
        .ok_or(ListError::CertificationInvalid)?;
    key_from_point(&point).map_err(|_| ListError::CertificationInvalid)
}

/// Reads the statement of a certification whose signature has been checked.
fn read_statement(bytes: &[u8]) -> Result<CertifiedSigner, ListError> {
    let invalid = ListError::CertificationInvalid;
    cose::check_cbor(bytes).map_err(|_| invalid)?;
    let entries = cbor::map(bytes).ok_or(invalid)?;
    let get = |name: &str| {
        entries
            .iter()
            .find(|(k, _)| cbor::text(k).is_some_and(|t| t == name))
            .map(|(_, v)| *v)
            .ok_or(invalid)
    };
    let text = |name: &str| {
        let text = cbor::text(get(name)?).filter(|t| t.len() <= 64);
        text.ok_or(invalid)
    };
    let int = |name: &str| cbor::int(get(name)?).ok_or(invalid);
    if int("v")? != 1 || text("role")? != ROLE_LIST_SIGNING {
        return Err(invalid);
    }
    let point = cbor::bytes(get("key")?).ok_or(invalid)?;
    let key = key_from_point(&point).map_err(|_| invalid)?;
    let kid = Kid::from_spki_der(&spki_der(&key));
    if cbor::bytes(get("kid")?).is_none_or(|k| k != kid.0) {
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
