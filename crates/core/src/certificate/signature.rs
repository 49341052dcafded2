//! The signature layer: ES256 (ECDSA P-256 with SHA-256) over the COSE Sig_structure.

use super::error::VerifyError;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::point::AffineCoordinates;
use p256::pkcs8::DecodePublicKey;
use p256::{AffinePoint, FieldBytes};

/// Reads a P-256 public key from a PEM SubjectPublicKeyInfo.
pub fn key_from_pem(pem: &str) -> Result<VerifyingKey, VerifyError> {
    VerifyingKey::from_public_key_pem(pem).map_err(|_| VerifyError::IssuerKeyInvalid)
}

/// Reads a P-256 public key from a DER SubjectPublicKeyInfo.
pub fn key_from_der(der: &[u8]) -> Result<VerifyingKey, VerifyError> {
    VerifyingKey::from_public_key_der(der).map_err(|_| VerifyError::IssuerKeyInvalid)
}

/// Reads a P-256 public key from an uncompressed SEC1 point (`04 || x || y`, 65 bytes), the only
/// form the formats carry. Compressed points are refused: their decompression would ship in the
/// inspector's page for nothing.
pub fn key_from_point(point: &[u8]) -> Result<VerifyingKey, VerifyError> {
    let Some((&0x04, xy)) = point.split_first().filter(|(_, xy)| xy.len() == 64) else {
        return Err(VerifyError::IssuerKeyInvalid);
    };
    let (x, y) = xy.split_at(32);
    let coordinate = |c: &[u8]| FieldBytes::try_from(c).map_err(|_| VerifyError::IssuerKeyInvalid);
    let affine: Option<AffinePoint> =
        AffinePoint::from_coordinates(&coordinate(x)?, &coordinate(y)?).into();
    let affine = affine.ok_or(VerifyError::IssuerKeyInvalid)?;
    VerifyingKey::from_affine(affine).map_err(|_| VerifyError::IssuerKeyInvalid)
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

    #[test]
    fn reads_uncompressed_points_only() {
        use p256::ecdsa::SigningKey;
        let key = *SigningKey::from_slice(&[7; 32]).unwrap().verifying_key();
        let uncompressed = key.to_sec1_point(false);
        assert_eq!(key_from_point(uncompressed.as_bytes()), Ok(key));
        let compressed = key.to_sec1_point(true);
        assert_eq!(
            key_from_point(compressed.as_bytes()),
            Err(VerifyError::IssuerKeyInvalid)
        );
        let mut off_curve = uncompressed.as_bytes().to_vec();
        off_curve[64] ^= 1;
        assert_eq!(
            key_from_point(&off_curve),
            Err(VerifyError::IssuerKeyInvalid)
        );
        assert_eq!(key_from_point(&[]), Err(VerifyError::IssuerKeyInvalid));
    }
}
