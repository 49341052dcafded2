//! The trust list (信任列表): the issuer keys whose certificates are recognised (互信互认).

use super::error::VerifyError;
use super::issuer_key::{IssuerKey, Prepared, PreparedRef};
use super::kid::Kid;
use super::signature::{key_from_pem, key_from_point};
use super::signed_list::fingerprint::{point, spki_der};
use super::signed_list::RemovedKey;
use chrono::{DateTime, Utc};
use p256::ecdsa::VerifyingKey;
use p256::pkcs8::EncodePublicKey;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The trust list the certificate verifier reads: opened from a signed list, or a vector's entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustList {
    /// Increases with every change of the list.
    pub version: u32,
    /// When the list was produced.
    #[serde(deserialize_with = "super::utc::deserialize")]
    pub issued_at: DateTime<Utc>,
    /// Every trusted key; a province may have several (rotation).
    pub issuers: Vec<Issuer>,
    /// Keys withdrawn before their time (撤销密钥): certificates under them are refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<RemovedKey>,
}

/// One trusted issuer key of one province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuer {
    /// The province's 2-digit GB/T 2260 code, e.g. `53`.
    pub province: String,
    /// The issuing authority's name, e.g. `云南省交通运输厅`.
    pub name: String,
    /// The key's kid, 16 hex digits.
    pub kid: Kid,
    /// The P-256 public key as an uncompressed SEC1 point (empty when unreadable); in JSON a PEM
    /// SubjectPublicKeyInfo, `public_key_pem`. Browsers read signed lists, so never parse PEM.
    #[serde(
        rename = "public_key_pem",
        serialize_with = "pem_of_point",
        deserialize_with = "point_of_pem"
    )]
    pub public_key: Vec<u8>,
    /// The key is trusted from this moment on.
    #[serde(deserialize_with = "super::utc::deserialize")]
    pub not_before: DateTime<Utc>,
    /// The key is trusted until this moment (inclusive).
    #[serde(deserialize_with = "super::utc::deserialize")]
    pub not_after: DateTime<Utc>,
    /// The key signs no certificate issued after this moment (seconds since the Unix epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_until: Option<i64>,
    /// The key made ready for verification on first use (not part of the entry's value).
    #[serde(skip)]
    pub prepared: Prepared,
}

impl TrustList {
    /// A trust list of version 1 holding `issuers`.
    pub fn from_issuers(issuers: Vec<Issuer>) -> TrustList {
        TrustList {
            version: 1,
            issued_at: DateTime::<Utc>::UNIX_EPOCH,
            issuers,
            removed: Vec::new(),
        }
    }

    /// Parses either the API's trust-list object or a bare JSON array of issuer entries.
    pub fn from_json(text: &str) -> Result<TrustList, serde_json::Error> {
        let text = text.trim_start_matches('\u{feff}');
        if text.trim_start().starts_with('[') {
            return serde_json::from_str::<Vec<Issuer>>(text).map(TrustList::from_issuers);
        }
        serde_json::from_str(text)
    }

    /// The entry holding `kid`.
    pub fn find(&self, kid: Kid) -> Option<&Issuer> {
        self.issuers.iter().find(|i| i.kid == kid)
    }

    /// The removal entry of `kid`, if the key was withdrawn.
    pub fn removal(&self, kid: Kid) -> Option<&RemovedKey> {
        self.removed.iter().find(|r| r.kid == kid)
    }

    /// Whether any key of `province` is in the list.
    pub fn has_province(&self, province: &str) -> bool {
        self.issuers.iter().any(|i| i.province == province)
    }
}

impl Issuer {
    /// An entry for `key`, its kid computed from the key.
    pub fn new(
        province: &str,
        name: &str,
        key: &VerifyingKey,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Issuer, VerifyError> {
        Ok(Issuer {
            province: province.into(),
            name: name.into(),
            kid: kid_of_key(key)?,
            public_key: point(key).to_vec(),
            not_before,
            not_after,
            use_until: None,
            prepared: Prepared::default(),
        })
    }

    /// The entry's key, checked against its kid.
    pub fn verifying_key(&self) -> Result<VerifyingKey, VerifyError> {
        let key = key_from_point(&self.public_key)?;
        if kid_of_key(&key)? != self.kid {
            return Err(VerifyError::IssuerKeyInvalid);
        }
        Ok(key)
    }

    /// The entry's key checked against its kid and prepared for verification, on first use only.
    pub fn prepared_key(&self) -> Result<PreparedRef<'_>, VerifyError> {
        self.prepared.get_or_make(&self.public_key, || {
            self.verifying_key().map(|key| IssuerKey::new(&key))
        })
    }

    /// Whether the key is trusted at `at` (seconds since the Unix epoch).
    pub fn trusted_at(&self, at: i64) -> bool {
        self.not_before.timestamp() <= at && at <= self.not_after.timestamp()
    }
}

/// The kid of a P-256 public key: SHA-256 over its DER SubjectPublicKeyInfo, first 8 bytes.
pub fn kid_of_key(key: &VerifyingKey) -> Result<Kid, VerifyError> {
    Ok(Kid::from_spki_der(&spki_der(key)))
}

/// Serde: a SEC1 point written as a PEM SubjectPublicKeyInfo (empty for an unreadable point).
fn pem_of_point<S: Serializer>(point: &[u8], s: S) -> Result<S::Ok, S::Error> {
    let pem = VerifyingKey::from_sec1_bytes(point)
        .ok()
        .and_then(|k| k.to_public_key_pem(p256::pkcs8::LineEnding::LF).ok())
        .unwrap_or_default();
    s.serialize_str(&pem)
}

/// Serde: a PEM SubjectPublicKeyInfo read as a SEC1 point (empty when unreadable, so that the
/// entry fails verification as `issuer_key_invalid` rather than the whole list failing to parse).
fn point_of_pem<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    let pem = String::deserialize(d)?;
    Ok(key_from_pem(&pem)
        .map(|k| point(&k).to_vec())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_array_and_object_both_parse() {
        let entry = r#"{"province":"53","name":"云南","kid":"0011223344556677","public_key_pem":"x","not_before":"2024-01-01T00:00:00Z","not_after":"2030-01-01T00:00:00Z"}"#;
        let bare = TrustList::from_json(&format!("[{entry}]")).unwrap();
        let full = TrustList::from_json(&format!(
            r#"{{"version":3,"issued_at":"2024-05-20T01:00:00Z","issuers":[{entry}]}}"#
        ))
        .unwrap();
        assert_eq!(bare.issuers, full.issuers);
        assert_eq!(full.version, 3);
        assert!(full.has_province("53") && !full.has_province("50"));
        assert_eq!(
            full.issuers[0].verifying_key(),
            Err(VerifyError::IssuerKeyInvalid)
        );
    }
}
