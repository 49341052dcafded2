//! A key's SHA-256 fingerprint over its DER SubjectPublicKeyInfo: how an operator pins a root.

use core::fmt;
use p256::ecdsa::VerifyingKey;
use p256::elliptic_curve::point::AffineCoordinates;
use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

/// The DER SubjectPublicKeyInfo header of every P-256 key (id-ecPublicKey, prime256v1, BIT STRING).
const P256_SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

/// The DER SubjectPublicKeyInfo of a P-256 key: the fixed header and the uncompressed point.
pub fn spki_der(key: &VerifyingKey) -> [u8; 91] {
    let mut der = [0u8; 91];
    der[..26].copy_from_slice(&P256_SPKI_PREFIX);
    der[26..].copy_from_slice(&point(key));
    der
}

/// The uncompressed SEC1 point of a P-256 key (`04 || x || y`, 65 bytes).
pub fn point(key: &VerifyingKey) -> [u8; 65] {
    // Straight from the affine coordinates: sec1's encoder brings its DER error texts into the
    // inspector's page (a key is never the identity, the one point it would encode otherwise).
    let affine = key.as_affine();
    let mut out = [0x04; 65];
    out[1..33].copy_from_slice(&affine.x());
    out[33..].copy_from_slice(&affine.y());
    out
}

/// SHA-256 over a key's DER SubjectPublicKeyInfo, written as 64 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub [u8; 32]);

impl Fingerprint {
    /// The fingerprint of a P-256 public key.
    pub fn of(key: &VerifyingKey) -> Fingerprint {
        Fingerprint(Sha256::digest(spki_der(key)).into())
    }

    /// Parses 64 hex digits, either case; colons and spaces between them are ignored.
    pub fn from_hex(text: &str) -> Option<Fingerprint> {
        let digits: String = text
            .trim()
            .trim_start_matches("sha256:")
            .chars()
            .filter(|c| *c != ':' && *c != ' ')
            .collect();
        let mut out = [0u8; 32];
        hex::decode_to_slice(digits, &mut out).ok()?;
        Some(Fingerprint(out))
    }

    /// The fingerprint as 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::pkcs8::EncodePublicKey;

    #[test]
    fn fixed_spki_matches_the_der_encoder_and_hex_round_trips() {
        let key = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
        let key = key.verifying_key();
        let der = key.to_public_key_der().unwrap();
        assert_eq!(spki_der(key).as_slice(), der.as_bytes());
        let fp = Fingerprint::of(key);
        assert_eq!(Fingerprint::from_hex(&fp.to_hex()), Some(fp));
        assert_eq!(Fingerprint::from_hex(&fp.to_hex().to_uppercase()), Some(fp));
        assert_eq!(Fingerprint::from_hex("abcd"), None);
    }
}
