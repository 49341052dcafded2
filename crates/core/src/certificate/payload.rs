//! The signing payload: the unsigned COSE_Sign1, its Sig_structure, and the signed message.

use super::kid::Kid;
use super::{text, zlib, PREFIX};
use coset::{iana, CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};

/// The unsigned COSE_Sign1 over `claims_cbor`: protected header `{1: -7 (ES256), 4: kid}`.
pub fn unsigned(kid: Kid, claims_cbor: Vec<u8>) -> CoseSign1 {
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::ES256)
        .key_id(kid.0.to_vec())
        .build();
    CoseSign1Builder::new()
        .protected(protected)
        .payload(claims_cbor)
        .build()
}

/// The bytes to sign: `Sig_structure = ["Signature1", protected, h'', payload]`.
pub fn to_be_signed(sign1: &CoseSign1) -> Vec<u8> {
    sign1.tbs_data(b"")
}

/// The tagged (18) COSE_Sign1 message with a raw 64-byte `r || s` signature.
pub fn assemble(mut sign1: CoseSign1, signature: [u8; 64]) -> Vec<u8> {
    sign1.signature = signature.to_vec();
    // Serialising a header built by `unsigned` cannot fail; fall back to empty bytes regardless.
    sign1.to_tagged_vec().unwrap_or_default()
}

/// The certificate text: `BC1:` + Base45(zlib(message)).
pub fn to_text(cose_message: &[u8]) -> String {
    text::encode(PREFIX, &zlib::deflate(cose_message))
}
