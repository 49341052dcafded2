//! The key identifier (kid): the first 8 bytes of SHA-256 over the key's DER SubjectPublicKeyInfo.

use core::fmt;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// An issuer key's 8-byte identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kid(pub [u8; 8]);

impl Kid {
    /// The kid of a DER-encoded SubjectPublicKeyInfo.
    pub fn from_spki_der(spki_der: &[u8]) -> Kid {
        Kid::from_der_hash(spki_der)
    }

    /// The first 8 bytes of SHA-256 over any DER (the DGC hashes the whole X.509 certificate).
    pub fn from_der_hash(der: &[u8]) -> Kid {
        let digest = Sha256::digest(der);
        let mut kid = [0u8; 8];
        kid.copy_from_slice(&digest[..8]);
        Kid(kid)
    }

    /// Parses 16 hex digits (either case).
    pub fn from_hex(text: &str) -> Option<Kid> {
        let mut kid = [0u8; 8];
        hex::decode_to_slice(text, &mut kid).ok()?;
        Some(Kid(kid))
    }

    /// The kid as 16 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Display for Kid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl Serialize for Kid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Kid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Kid, D::Error> {
        let text = String::deserialize(d)?;
        Kid::from_hex(&text).ok_or_else(|| serde::de::Error::custom("kid must be 16 hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_hash_prefix() {
        let kid = Kid::from_spki_der(b"abc");
        assert_eq!(kid.to_hex(), "ba7816bf8f01cfea");
        assert_eq!(Kid::from_hex("BA7816BF8F01CFEA"), Some(kid));
        assert_eq!(Kid::from_hex("ba78"), None);
    }
}
