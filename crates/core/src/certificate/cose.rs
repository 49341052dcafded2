//! The COSE layer (RFC 9052): parse a COSE_Sign1 with a depth limit, read its algorithm and kid.
//!
//! Read with the small [`cbor`](super::cbor) reader (the verify path ships in the browser);
//! messages are written with coset on the server ([`payload`](super::payload)).

use super::cbor::{self, CborError};
use super::error::VerifyError;
use super::limits::MAX_CBOR_DEPTH;

/// CBOR tag of an untagged-or-tagged COSE_Sign1 message.
pub const TAG_COSE_SIGN1: u64 = 18;
/// CBOR tag of a CWT (RFC 8392), which may wrap the COSE tag.
pub const TAG_CWT: u64 = 61;
/// COSE algorithm ES256 (ECDSA w/ SHA-256), IANA COSE Algorithms registry.
pub const ES256: i64 = -7;

/// Header label `alg`.
const ALG: i64 = 1;
/// Header label `crit`.
const CRIT: i64 = 2;
/// Header label `content type`.
const CONTENT_TYPE: i64 = 3;
/// Header label `kid`.
const KID: i64 = 4;
/// Header label `IV`.
const IV: i64 = 5;
/// Header label `Partial IV`.
const PARTIAL_IV: i64 = 6;
/// Header label `counter signature`.
const COUNTER_SIGNATURE: i64 = 7;

/// A parsed COSE_Sign1 message with a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sign1 {
    /// The protected header's encoding, as signed.
    pub protected_bytes: Vec<u8>,
    /// The protected header.
    pub protected: Header,
    /// The unprotected header.
    pub unprotected: Header,
    /// The payload.
    pub payload: Vec<u8>,
    /// The signature.
    pub signature: Vec<u8>,
}

/// The header parameters the verifiers read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// `alg` when an integer (a text algorithm reads as none; neither is ES256).
    pub alg: Option<i64>,
    /// `kid`, empty when absent.
    pub kid: Vec<u8>,
    /// Every other parameter with an integer label, as (label, encoded value).
    pub rest: Vec<(i64, Vec<u8>)>,
}

/// Checks that `bytes` are one CBOR item within the depth limit, with nothing after it.
pub fn check_cbor(bytes: &[u8]) -> Result<(), VerifyError> {
    cbor::check(bytes, MAX_CBOR_DEPTH).map_err(|e| match e {
        CborError::TooDeep => VerifyError::CborTooDeep,
        CborError::Invalid => VerifyError::CoseInvalid,
    })
}

/// Parses a COSE_Sign1, optionally wrapped in the CWT tag 61 and/or the COSE_Sign1 tag 18.
pub fn parse_sign1(bytes: &[u8]) -> Result<Sign1, VerifyError> {
    check_cbor(bytes)?;
    sign1_of(bytes).ok_or(VerifyError::CoseInvalid)
}

/// The COSE_Sign1 in checked CBOR `item`.
fn sign1_of(mut item: &[u8]) -> Option<Sign1> {
    if let Some((TAG_CWT, inner)) = cbor::tag(item) {
        item = inner;
    }
    if let Some((TAG_COSE_SIGN1, inner)) = cbor::tag(item) {
        item = inner;
    }
    let [protected, unprotected, payload, signature] =
        <[&[u8]; 4]>::try_from(cbor::array(item)?).ok()?;
    let protected_bytes = cbor::bytes(protected)?;
    let protected = match protected_bytes.is_empty() {
        true => Header::default(),
        false => {
            cbor::check(&protected_bytes, MAX_CBOR_DEPTH).ok()?;
            header_of(&protected_bytes)?
        }
    };
    Some(Sign1 {
        protected,
        protected_bytes,
        unprotected: header_of(unprotected)?,
        payload: cbor::bytes(payload)?,
        signature: cbor::bytes(signature)?,
    })
}

/// A header map: integer or text labels, each once; the common parameters must have their
/// RFC 9052 types (as coset checks them).
fn header_of(item: &[u8]) -> Option<Header> {
    let entries = cbor::map(item)?;
    let mut header = Header::default();
    let mut has_iv = [false; 2];
    for (i, &(label, value)) in entries.iter().enumerate() {
        let repeated = entries[..i].iter().any(|(seen, _)| same_label(seen, label));
        if repeated {
            return None;
        }
        let Some(label) = cbor::int(label) else {
            cbor::text(label)?;
            continue;
        };
        let nonempty_bytes = || cbor::bytes(value).filter(|b| !b.is_empty());
        match label {
            ALG => header.alg = int_or_text(value)?,
            CRIT => {
                let labels = cbor::array(value).filter(|a| !a.is_empty())?;
                for label in labels {
                    int_or_text(label)?;
                }
            }
            CONTENT_TYPE => {
                int_or_text(value)?;
            }
            KID => header.kid = nonempty_bytes()?,
            IV | PARTIAL_IV => {
                nonempty_bytes()?;
                has_iv[(label - IV) as usize] = true;
            }
            COUNTER_SIGNATURE => {
                cbor::array(value).filter(|a| !a.is_empty())?;
            }
            _ => header.rest.push((label, value.to_vec())),
        }
    }
    if has_iv == [true; 2] {
        return None;
    }
    Some(header)
}

/// Whether two label items name the same label (integers by value, texts by text).
fn same_label(a: &[u8], b: &[u8]) -> bool {
    match (cbor::int(a), cbor::int(b)) {
        (Some(a), Some(b)) => a == b,
        (None, None) => cbor::text(a).is_some() && cbor::text(a) == cbor::text(b),
        _ => false,
    }
}

/// An integer (`Some`) or a text (`None`) item; anything else fails.
fn int_or_text(item: &[u8]) -> Option<Option<i64>> {
    match cbor::int(item) {
        Some(n) => Some(Some(n)),
        None => cbor::text(item).map(|_| None),
    }
}

impl Sign1 {
    /// The bytes signed: `Sig_structure = ["Signature1", protected, h'', payload]`.
    pub fn to_be_signed(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.payload.len() + self.protected_bytes.len() + 24);
        out.push(0x84);
        out.push(0x6a);
        out.extend_from_slice(b"Signature1");
        cbor::put_bytes_head(&mut out, self.protected_bytes.len());
        out.extend_from_slice(&self.protected_bytes);
        out.push(0x40);
        cbor::put_bytes_head(&mut out, self.payload.len());
        out.extend_from_slice(&self.payload);
        out
    }

    /// The byte string under the integer `label` of the unprotected header.
    pub fn unprotected_bytes(&self, label: i64) -> Option<Vec<u8>> {
        let (_, value) = self.unprotected.rest.iter().find(|(l, _)| *l == label)?;
        cbor::bytes(value)
    }
}

/// Requires the protected header's algorithm to be ES256.
pub fn require_es256(sign1: &Sign1) -> Result<(), VerifyError> {
    match sign1.protected.alg {
        Some(ES256) => Ok(()),
        _ => Err(VerifyError::AlgorithmUnsupported),
    }
}

/// The 8-byte kid of the protected header, or of the unprotected one when allowed and absent.
pub fn kid(sign1: &Sign1, allow_unprotected: bool) -> Result<[u8; 8], VerifyError> {
    let protected = &sign1.protected.kid;
    let chosen = if !protected.is_empty() || !allow_unprotected {
        protected
    } else {
        &sign1.unprotected.kid
    };
    <[u8; 8]>::try_from(chosen.as_slice()).map_err(|_| VerifyError::KidMissing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_deep_nesting_and_trailing_bytes() {
        let deep = [vec![0x81u8; 64], vec![0x00]].concat();
        assert_eq!(check_cbor(&deep).err(), Some(VerifyError::CborTooDeep));
        assert_eq!(
            check_cbor(&[0x00, 0x00]).err(),
            Some(VerifyError::CoseInvalid)
        );
    }

    #[test]
    fn rejects_non_cose() {
        assert_eq!(parse_sign1(&[0x80]).err(), Some(VerifyError::CoseInvalid));
        assert_eq!(parse_sign1(&[]).err(), Some(VerifyError::CoseInvalid));
        // [h'', {}, nil, h'']: no payload.
        let detached = [0x84, 0x40, 0xa0, 0xf6, 0x40];
        assert_eq!(parse_sign1(&detached).err(), Some(VerifyError::CoseInvalid));
    }

    #[test]
    fn reads_headers_as_coset_writes_them() {
        use coset::{iana, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
        let protected = HeaderBuilder::new()
            .algorithm(iana::Algorithm::ES256)
            .key_id(vec![1, 2, 3, 4, 5, 6, 7, 8])
            .build();
        let unprotected = HeaderBuilder::new()
            .value(-65537, ciborium::Value::Bytes(vec![9; 3]))
            .build();
        let built = CoseSign1Builder::new()
            .protected(protected)
            .unprotected(unprotected)
            .payload(vec![0xa0])
            .signature(vec![7; 64])
            .build();
        let tbs = built.tbs_data(b"");
        let sign1 = parse_sign1(&built.to_tagged_vec().unwrap()).unwrap();
        assert_eq!(require_es256(&sign1), Ok(()));
        assert_eq!(kid(&sign1, false), Ok([1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(sign1.unprotected_bytes(-65537), Some(vec![9; 3]));
        assert_eq!(sign1.payload, [0xa0]);
        assert_eq!(sign1.signature, [7; 64]);
        assert_eq!(sign1.to_be_signed(), tbs);
    }

    #[test]
    fn rejects_repeated_or_mistyped_header_parameters() {
        // Protected header {1: -7, 1: -7}, then {4: h''}, then {5: h'01', 6: h'01'}.
        for header in [
            &[0xa2, 0x01, 0x26, 0x01, 0x26][..],
            &[0xa1, 0x04, 0x40],
            &[0xa2, 0x05, 0x41, 0x01, 0x06, 0x41, 0x01],
        ] {
            let mut message = vec![0x84];
            cbor::put_bytes_head(&mut message, header.len());
            message.extend_from_slice(header);
            message.extend_from_slice(&[0xa0, 0x40, 0x40]);
            assert_eq!(parse_sign1(&message).err(), Some(VerifyError::CoseInvalid));
        }
    }
}
