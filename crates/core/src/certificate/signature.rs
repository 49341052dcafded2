//! The signature layer: ES256 (ECDSA P-256 with SHA-256) over the COSE Sig_structure.

use super::error::VerifyError;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey;

/// Reads a P-256 public key from a PEM SubjectPublicKeyInfo.
pub fn key_from_pem(pem: &str) -> Result<VerifyingKey, VerifyError> {
    VerifyingKey::from_public_key_pem(pem).map_err(|_| VerifyError::IssuerKeyInvalid)
}

/// Reads a P-256 public key from a DER SubjectPublicKeyInfo.
pub fn key_from_der(der: &[u8]) -> Result<VerifyingKey, VerifyError> {
    VerifyingKey::from_public_key_der(der).map_err(|_| VerifyError::IssuerKeyInvalid)
}

/// Checks a raw 64-byte `r || s` ES256 signature over `to_be_signed`.
pub fn verify_es256(
    key: &VerifyingKey,
    to_be_signed: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let signature = Signature::from_slice(signature).map_err(|_| VerifyError::SignatureInvalid)?;
    key.verify(to_be_signed, &signature)
        .map_err(|_| VerifyError::SignatureInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage_key_and_signature() {
        assert_eq!(
            key_from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").err(),
            Some(VerifyError::IssuerKeyInvalid)
        );
        assert_eq!(
            key_from_der(&[0x30, 0x00]).err(),
            Some(VerifyError::IssuerKeyInvalid)
        );
    }
}
