//! The COSE layer (RFC 9052): parse a COSE_Sign1 with a depth limit, read its algorithm and kid.

use super::error::VerifyError;
use super::limits::MAX_CBOR_DEPTH;
use ciborium::Value;
use coset::{iana, Algorithm, AsCborValue, CoseSign1, RegisteredLabelWithPrivate};

/// CBOR tag of an untagged-or-tagged COSE_Sign1 message.
pub const TAG_COSE_SIGN1: u64 = 18;
/// CBOR tag of a CWT (RFC 8392), which may wrap the COSE tag.
pub const TAG_CWT: u64 = 61;

/// Decodes one CBOR item with the depth limit, rejecting trailing bytes.
pub fn decode_cbor(bytes: &[u8]) -> Result<Value, VerifyError> {
    let mut rest = bytes;
    let value: Value = ciborium::de::from_reader_with_recursion_limit(&mut rest, MAX_CBOR_DEPTH)
        .map_err(|e| match e {
            ciborium::de::Error::RecursionLimitExceeded => VerifyError::CborTooDeep,
            _ => VerifyError::CoseInvalid,
        })?;
    if !rest.is_empty() {
        return Err(VerifyError::CoseInvalid);
    }
    Ok(value)
}

/// Parses a COSE_Sign1, optionally wrapped in the CWT tag 61 and/or the COSE_Sign1 tag 18.
pub fn parse_sign1(bytes: &[u8]) -> Result<CoseSign1, VerifyError> {
    let mut value = decode_cbor(bytes)?;
    if let Value::Tag(TAG_CWT, inner) = value {
        value = *inner;
    }
    if let Value::Tag(TAG_COSE_SIGN1, inner) = value {
        value = *inner;
    }
    let sign1 = CoseSign1::from_cbor_value(value).map_err(|_| VerifyError::CoseInvalid)?;
    if sign1.payload.is_none() {
        return Err(VerifyError::CoseInvalid);
    }
    Ok(sign1)
}

/// Requires the protected header's algorithm to be ES256.
pub fn require_es256(sign1: &CoseSign1) -> Result<(), VerifyError> {
    match sign1.protected.header.alg {
        Some(RegisteredLabelWithPrivate::Assigned(iana::Algorithm::ES256)) => Ok(()),
        _ => Err(VerifyError::AlgorithmUnsupported),
    }
}

/// The algorithm named in the protected header, if any.
pub fn algorithm(sign1: &CoseSign1) -> Option<&Algorithm> {
    sign1.protected.header.alg.as_ref()
}

/// The 8-byte kid of the protected header, or of the unprotected one when allowed and absent.
pub fn kid(sign1: &CoseSign1, allow_unprotected: bool) -> Result<[u8; 8], VerifyError> {
    let protected = &sign1.protected.header.key_id;
    let chosen = if !protected.is_empty() || !allow_unprotected {
        protected
    } else {
        &sign1.unprotected.key_id
    };
    <[u8; 8]>::try_from(chosen.as_slice()).map_err(|_| VerifyError::KidMissing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_deep_nesting_and_trailing_bytes() {
        let deep = [vec![0x81u8; 64], vec![0x00]].concat();
        assert_eq!(decode_cbor(&deep).err(), Some(VerifyError::CborTooDeep));
        assert_eq!(
            decode_cbor(&[0x00, 0x00]).err(),
            Some(VerifyError::CoseInvalid)
        );
    }

    #[test]
    fn rejects_non_cose() {
        assert_eq!(parse_sign1(&[0x80]).err(), Some(VerifyError::CoseInvalid));
        assert_eq!(parse_sign1(&[]).err(), Some(VerifyError::CoseInvalid));
    }
}
