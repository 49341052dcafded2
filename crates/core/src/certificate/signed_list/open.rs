//! Opening a signed trust list: the checks of `docs/trust-list.md`, one early return per step.

use super::certification::{open_certification, CertifiedSigner};
use super::content::ListContent;
use super::error::ListError;
use super::fingerprint::Fingerprint;
use super::{CLOCK_SKEW_SECONDS, MAX_LIST_AGE_SECONDS, MAX_LIST_BYTES, SIGNER_CERTIFICATION_LABEL};
use crate::certificate::cose::{self, Sign1};
use crate::certificate::issuer_key::IssuerKey;
use crate::certificate::kid::Kid;
use crate::certificate::trust_list::{Issuer, TrustList};
use chrono::DateTime;

/// A trust list whose signature chain to the pinned root and whose content were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedList {
    /// The certified list-signing key that signed it.
    pub signer: CertifiedSigner,
    /// What the list says.
    pub content: ListContent,
}

/// How usable a list is at the verifier's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Before its expiry.
    Current,
    /// Past its expiry but within the hard limit: verification goes on, with a warning.
    Stale,
}

/// Checks `bytes` against the pinned root `pin`: chain, signature and content, not yet the clock.
pub fn open(bytes: &[u8], pin: &Fingerprint) -> Result<OpenedList, ListError> {
    if bytes.len() > MAX_LIST_BYTES {
        return Err(ListError::TooLarge);
    }
    let sign1 = cose::parse_sign1(bytes).map_err(|_| ListError::Malformed)?;
    cose::require_es256(&sign1).map_err(|_| ListError::Malformed)?;
    let certification = certification(&sign1)?;
    let signer = open_certification(&certification, pin)?;
    let kid = cose::kid(&sign1, false).map_err(|_| ListError::SignerNotCertified)?;
    if Kid(kid) != signer.kid {
        return Err(ListError::SignerNotCertified);
    }
    // Checked with the same ES256 code as certificates (the key's multiples are made for two
    // verifications, which costs a few milliseconds), so p256's own ECDSA stays out of the page.
    IssuerKey::new(&signer.key)
        .verify_es256(&sign1.to_be_signed(), &sign1.signature)
        .map_err(|_| ListError::SignatureInvalid)?;
    let content = ListContent::from_cbor(&sign1.payload)?;
    if content.province != signer.province {
        return Err(ListError::ProvinceMismatch);
    }
    if content.issued_at < signer.not_before || content.issued_at > signer.not_after {
        return Err(ListError::SignerExpired);
    }
    Ok(OpenedList { signer, content })
}

/// The list-signer certification carried in the unprotected header.
fn certification(sign1: &Sign1) -> Result<Vec<u8>, ListError> {
    sign1
        .unprotected_bytes(SIGNER_CERTIFICATION_LABEL)
        .ok_or(ListError::CertificationMissing)
}

impl OpenedList {
    /// For an inspector: usable at `at`, possibly stale; refused in the future or past the hard limit.
    pub fn usable_at(&self, at: i64) -> Result<Freshness, ListError> {
        let c = &self.content;
        if c.issued_at > at.saturating_add(CLOCK_SKEW_SECONDS) {
            return Err(ListError::NotYetValid);
        }
        if at > c.issued_at.saturating_add(MAX_LIST_AGE_SECONDS) {
            return Err(ListError::TooOld);
        }
        if at > c.expires_at {
            return Ok(Freshness::Stale);
        }
        Ok(Freshness::Current)
    }

    /// For an import: not issued in the future and not expired at `at`.
    pub fn current_at(&self, at: i64) -> Result<(), ListError> {
        let c = &self.content;
        if c.issued_at > at.saturating_add(CLOCK_SKEW_SECONDS) {
            return Err(ListError::NotYetValid);
        }
        if at > c.expires_at {
            return Err(ListError::Expired);
        }
        Ok(())
    }

    /// Refuses a list whose sequence is not newer than `held` (rollback); `strict` for imports.
    pub fn newer_than(&self, held: Option<u64>, strict: bool) -> Result<(), ListError> {
        match held {
            Some(held) if self.content.sequence < held => Err(ListError::RolledBack),
            Some(held) if strict && self.content.sequence == held => Err(ListError::RolledBack),
            _ => Ok(()),
        }
    }

    /// For an import: every key and removal names the list's own province.
    pub fn only_own_keys(&self) -> Result<(), ListError> {
        let own = &self.content.province;
        let keys = self.content.keys.iter().map(|k| &k.province);
        let removed = self.content.removed.iter().map(|r| &r.province);
        if keys.chain(removed).any(|p| p != own) {
            return Err(ListError::ForeignKey);
        }
        Ok(())
    }

    /// The trust list the certificate verifier reads.
    pub fn trust_list(&self) -> TrustList {
        let c = &self.content;
        let issuers = c
            .keys
            .iter()
            .filter_map(|k| {
                let from = DateTime::from_timestamp(k.use_from, 0)?;
                let until = DateTime::from_timestamp(k.accept_until, 0)?;
                let mut issuer = Issuer::new(&k.province, &k.name, &k.key, from, until).ok()?;
                issuer.use_until = Some(k.use_until);
                Some(issuer)
            })
            .collect();
        TrustList {
            version: u32::try_from(c.sequence).unwrap_or(u32::MAX),
            issued_at: DateTime::from_timestamp(c.issued_at, 0).unwrap_or_default(),
            issuers,
            removed: c.removed.clone(),
        }
    }
}

/// What an inspector's phone accepts: a pinned, untampered list no older than the one it holds
/// and within the hard limit; a stale list is accepted with a warning.
pub fn accept_for_inspector(
    bytes: &[u8],
    pin: &Fingerprint,
    at: i64,
    held: Option<u64>,
) -> Result<(OpenedList, Freshness), ListError> {
    let list = open(bytes, pin)?;
    list.newer_than(held, false)?;
    let freshness = list.usable_at(at)?;
    Ok((list, freshness))
}

/// What an operator's import accepts: a neighbour's pinned list, newer than the last imported,
/// current, and holding only the neighbour's own keys.
pub fn accept_import(
    bytes: &[u8],
    pin: &Fingerprint,
    at: i64,
    last: Option<u64>,
) -> Result<OpenedList, ListError> {
    let list = open(bytes, pin)?;
    list.newer_than(last, true)?;
    list.current_at(at)?;
    list.only_own_keys()?;
    Ok(list)
}
