//! The verification pipeline (扫码核验): prefix → Base45 → zlib → COSE → algorithm → kid →
//! removed → signature → claims → time → scope. It never panics and stops at the first failing step.

use super::claims::Claims;
use super::cose::{self, Sign1};
use super::cwt::{check_window, CwtClaims};
use super::error::VerifyError;
use super::kid::Kid;
use super::trust_list::{Issuer, TrustList};
use super::verdict::{NotInForce, Rejection, Verdict, Verified};
use super::{text, zlib, PREFIX};

/// Verifies a certificate text against a trust list at `at` (seconds since the Unix epoch).
pub fn verify(text: &str, trust: &TrustList, at: i64) -> Verdict {
    let certificate = match authenticate(text, trust, at) {
        Ok(certificate) => certificate,
        Err(rejection) => return Verdict::Rejected(rejection),
    };
    match in_force(&certificate, at) {
        Ok(()) => Verdict::Verified(certificate),
        Err(error) => Verdict::NotInForce(NotInForce {
            certificate,
            rejection: error.into(),
        }),
    }
}

/// The steps up to the claims: is the certificate genuine, signed by a key trusted at `at`?
fn authenticate(text: &str, trust: &TrustList, at: i64) -> Result<Verified, Rejection> {
    let base45 = text::strip_prefix(text, PREFIX)?;
    let compressed = text::base45_decode(base45)?;
    let message = zlib::inflate(&compressed)?;
    let sign1 = cose::parse_sign1(&message)?;
    cose::require_es256(&sign1)?;
    let kid = Kid(cose::kid(&sign1, false)?);
    if let Some(removal) = trust.removal(kid) {
        return Err(Rejection::removed(&removal.province));
    }
    let issuer = find_issuer(trust, kid, &sign1)?;
    if !issuer.trusted_at(at) {
        return Err(VerifyError::IssuerKeyExpired.into());
    }
    let key = issuer.prepared_key()?;
    key.verify_es256(&sign1.to_be_signed(), &sign1.signature)?;
    let claims = Claims::from_payload(&sign1.payload)?;
    if claims.iss != issuer.province {
        return Err(VerifyError::IssuerMismatch.into());
    }
    if issuer.use_until.is_some_and(|until| claims.iat > until) {
        return Err(VerifyError::IssuerKeyExpired.into());
    }
    Ok(Verified {
        issuer: claims.iss,
        kid,
        issued_at: claims.iat,
        not_before: claims.nbf,
        expires: claims.exp,
        charter: claims.charter,
    })
}

/// The steps after the claims: is a genuine certificate in force at `at` and in scope?
fn in_force(certificate: &Verified, at: i64) -> Result<(), VerifyError> {
    check_window(Some(certificate.not_before), Some(certificate.expires), at)?;
    if !certificate.charter.places().all(crate::scope::in_scope) {
        return Err(VerifyError::OutOfScope);
    }
    Ok(())
}

/// The trust-list entry of `kid`; when absent, tells an unknown key of a trusted province
/// from an untrusted province by peeking at the (not yet verified) `iss` claim.
fn find_issuer<'t>(
    trust: &'t TrustList,
    kid: Kid,
    sign1: &Sign1,
) -> Result<&'t Issuer, VerifyError> {
    if let Some(issuer) = trust.find(kid) {
        return Ok(issuer);
    }
    let claimed = CwtClaims::decode(&sign1.payload).ok().and_then(|c| c.iss);
    match claimed {
        Some(province) if !trust.has_province(&province) => Err(VerifyError::IssuerNotTrusted),
        _ => Err(VerifyError::KidUnknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_rejected_at_the_right_step() {
        let trust = TrustList::from_issuers(vec![]);
        let at = 1_716_166_800;
        let step = |t: &str| verify(t, &trust, at).rejection().map(|r| r.error);
        assert_eq!(step(""), Some(VerifyError::PrefixMissing));
        assert_eq!(step("BC1:abc"), Some(VerifyError::Base45Invalid));
        assert_eq!(step("BC1:"), Some(VerifyError::ZlibInvalid));
    }
}
